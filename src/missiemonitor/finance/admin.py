from django.contrib import admin

from missiemonitor.core.admin import RecordAdmin
from missiemonitor.finance.models import Expenditure


@admin.register(Expenditure)
class ExpenditureAdmin(RecordAdmin):
    list_display = ("key", "mission", "contribution", "start", "end", "amount", "budget_source")
    list_filter = ("budget_source", "mission", "classification")
