from django.contrib import admin

from missiemonitor.context.models import ContextEvent, EventFigure, Incident, ThreatAssessment
from missiemonitor.core.admin import RecordAdmin, RecordInline


class FigureInline(RecordInline):
    model = EventFigure


@admin.register(ContextEvent)
class ContextEventAdmin(RecordAdmin):
    list_display = ("key", "title", "category", "start", "end", "area", "subject")
    list_filter = ("category", "planned", "classification")
    search_fields = ("key", "title", "text")
    inlines = [FigureInline]


@admin.register(ThreatAssessment)
class ThreatAdmin(RecordAdmin):
    list_display = ("key", "threat", "area", "level", "change", "valid_from")


@admin.register(Incident)
class IncidentAdmin(RecordAdmin):
    list_display = ("key", "date", "contribution", "incident_type", "severity")
    list_filter = ("incident_type", "severity", "classification")
