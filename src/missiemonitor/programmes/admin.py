from django.contrib import admin

from missiemonitor.core.admin import RecordAdmin
from missiemonitor.programmes.models import Programme


@admin.register(Programme)
class ProgrammeAdmin(RecordAdmin):
    list_display = ("key", "name", "partner", "start", "end")
    search_fields = ("key", "name")
