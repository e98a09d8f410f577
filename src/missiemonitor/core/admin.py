"""The Django admin is the administrators' baseline editor. It reads through the same
visibility rule as everything else."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from missiemonitor.core.models import Organisation, Source
from missiemonitor.core.visibility import visibility_q


class RecordAdmin(admin.ModelAdmin):
    """Admin for a :class:`~missiemonitor.core.models.Record`: visibility applied, key first."""

    list_display: tuple[str, ...] = ("key", "__str__", "classification")
    list_filter: tuple[str, ...] = ("classification",)
    search_fields: tuple[str, ...] = ("key",)
    readonly_fields: tuple[str, ...] = ("version", "created_at", "updated_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).filter(visibility_q(self.model, request.user))


@admin.register(Organisation)
class OrganisationAdmin(RecordAdmin):
    list_display = ("key", "name", "acronym", "kind")
    search_fields = ("key", "name", "acronym")


@admin.register(Source)
class SourceAdmin(RecordAdmin):
    list_display = ("key", "title", "kind", "date")
    search_fields = ("key", "title")
