from django.contrib import admin

from missiemonitor.core.admin import RecordAdmin, RecordInline
from missiemonitor.programmes.models import Programme, ProgrammeBudget, ProgrammeTransaction


class BudgetInline(RecordInline):
    model = ProgrammeBudget


class TransactionInline(RecordInline):
    model = ProgrammeTransaction


@admin.register(Programme)
class ProgrammeAdmin(RecordAdmin):
    list_display = ("key", "name", "partner", "start", "end")
    search_fields = ("key", "name")
    inlines = [BudgetInline, TransactionInline]
