from django.contrib import admin

from missiemonitor.core.admin import RecordAdmin, RecordInline, VisibleMixin
from missiemonitor.core.visibility import visibility_q
from missiemonitor.results.models import (
    Condition,
    ConditionAssessment,
    ConditionMapping,
    Dimension,
    DimensionValue,
    Evidence,
    Framework,
    FrameworkVersion,
    Indicator,
    LogEntry,
    LongTermObjective,
    Objective,
    Observation,
    RatingScale,
    ScaleLevel,
    Target,
)


class LevelInline(RecordInline):
    model = ScaleLevel


@admin.register(RatingScale)
class RatingScaleAdmin(RecordAdmin):
    inlines = [LevelInline]


class DimensionValueInline(RecordInline):
    model = DimensionValue


@admin.register(Dimension)
class DimensionAdmin(RecordAdmin):
    inlines = [DimensionValueInline]


class TargetInline(RecordInline):
    model = Target


@admin.register(Indicator)
class IndicatorAdmin(RecordAdmin):
    list_display = ("key", "name", "unit", "direction", "aggregation", "log_kind")
    search_fields = ("key", "name")
    inlines = [TargetInline]


@admin.register(Observation)
class ObservationAdmin(RecordAdmin):
    list_display = ("key", "indicator", "start", "end", "value", "approximately")
    list_filter = ("approximately", "classification")


class EvidenceInline(RecordInline):
    model = Evidence
    fk_name = "assessment"


@admin.register(ConditionAssessment)
class AssessmentAdmin(RecordAdmin):
    list_display = ("key", "condition", "level", "date", "state")
    list_filter = ("state", "classification")
    inlines = [EvidenceInline]


@admin.register(LogEntry)
class LogEntryAdmin(VisibleMixin, admin.ModelAdmin):
    list_display = ("kind", "contribution", "date", "quantity", "category", "asset", "area")
    list_filter = ("kind", "category")
    date_hierarchy = "date"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(visibility_q(self.model, request.user))


for model in (Framework, FrameworkVersion, Objective, LongTermObjective, Condition,
              ConditionMapping, Evidence):
    admin.site.register(model, RecordAdmin)
