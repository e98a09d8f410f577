from django.contrib import admin

from missiemonitor.core.admin import RecordAdmin
from missiemonitor.reporting.models import NarrativeBlock, Signatory


@admin.register(NarrativeBlock)
class NarrativeAdmin(RecordAdmin):
    list_display = ("key", "section", "mission", "contribution", "language", "heading", "start", "end")
    list_filter = ("section", "language", "classification")
    search_fields = ("key", "heading", "text")


@admin.register(Signatory)
class SignatoryAdmin(RecordAdmin):
    list_display = ("key", "name", "function", "start", "end", "order")
