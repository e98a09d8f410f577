"""API resources of results: rating scales, dimensions, frameworks and their versions,
objectives, long-term objectives with conditions and assessments (with their workflow),
evidence, indicators with targets, observations and activity-log entries."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.request import Request

from missiemonitor.accounts.models import Role
from missiemonitor.api.fields import StrictCharField
from missiemonitor.api.permissions import EDITOR_ROLES
from missiemonitor.api.resources import record_serializer, record_viewset
from missiemonitor.api.serializers import RecordSerializer
from missiemonitor.api.viewsets import RecordViewSet
from missiemonitor.api.workflow import ReviewActionsMixin
from missiemonitor.results.api_logs import LogEntryViewSet, LogImportBatchView, LogImportView
from missiemonitor.results.api_progress import ObjectiveProgressViewSet
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
    LongTermObjective,
    Objective,
    Observation,
    RatingScale,
    ScaleLevel,
    Target,
)
from missiemonitor.results.services import (
    assessment_approve,
    assessment_record,
    assessment_return,
    assessment_submit,
    assessment_update,
)


class ScaleLevelSerializer(RecordSerializer):
    """A level of a rating scale; written with its scale, matched by code."""

    class Meta:
        model = ScaleLevel
        exclude = ("id", "scale")


class DimensionValueSerializer(RecordSerializer):
    """A value of a disaggregation dimension; written with its dimension, matched by code."""

    class Meta:
        model = DimensionValue
        exclude = ("id", "dimension")


class TargetSerializer(RecordSerializer):
    """A target of an indicator for a period; written with its indicator, matched by period."""

    class Meta:
        model = Target
        exclude = ("id", "indicator")


class LevelCodeField(serializers.CharField):
    """A level of the condition's rating scale, by its code."""

    def to_representation(self, value: Any) -> str:
        return value.code


class ConditionAssessmentSerializer(RecordSerializer):
    """An assessment of a condition at a date, on the scale of its framework version. Its state
    changes only through the workflow actions (submit, approve, return)."""

    level = LevelCodeField(
        max_length=40,
        help_text=_(
            "The level reached, as the code of a level of the rating scale of the condition's "
            "framework version."
        ),
    )

    class Meta(RecordSerializer.Meta):
        model = ConditionAssessment
        read_only_fields = (
            "state",
            "submitted_at",
            "reviewed_at",
            "assessor",
            "reviewer",
            "review_comment",
        )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Translate the level code into the level of the condition's scale."""
        condition = attrs.get("condition") or getattr(self.instance, "condition", None)
        code = (
            attrs.get("level")
            if "level" in attrs
            else getattr(getattr(self.instance, "level", None), "code", None)
        )
        if condition is None or code is None:
            return attrs
        scale_id = (
            FrameworkVersion.objects.filter(objectives__conditions=condition)
            .values_list("scale_id", flat=True)
            .first()
        )
        level = ScaleLevel.objects.filter(scale_id=scale_id, code=code).first()
        if level is None:
            codes = ", ".join(
                ScaleLevel.objects.filter(scale_id=scale_id).values_list("code", flat=True)
            )
            raise serializers.ValidationError(
                {
                    "level": [
                        _("%(code)r is not a level of this condition's rating scale (%(codes)s).")
                        % {"code": code, "codes": codes}
                    ]
                }
            )
        attrs["level"] = level
        return attrs


ObservationSerializer = record_serializer(
    Observation,
    disaggregation=serializers.DictField(
        child=StrictCharField(max_length=50),
        required=False,
        help_text=_(
            'Dimension key to value code, for example {"region": "north"}; empty for the total.'
        ),
    ),
)

ASSESSMENT_WRITERS = EDITOR_ROLES | {Role.FIELD_REPORTER, Role.REVIEWER, Role.APPROVER}


class AssessmentBase(ReviewActionsMixin, RecordViewSet):
    """Assessments of conditions, recorded as drafts and reviewed. Only approved assessments
    count for progress; the state changes only through submit, approve and return."""

    review_services = {
        "submit": assessment_submit,
        "approve": assessment_approve,
        "return": assessment_return,
    }
    review_record_argument = "assessment"
    service_checked_actions = ("submit", "approve", "return_")

    def create_record(
        self, request: Request, key: str | None, data: dict[str, Any]
    ) -> ConditionAssessment:
        return assessment_record(
            user=request.user,
            condition=data["condition"],
            level=data["level"].code,
            date=data["date"],
            rationale=data.get("rationale", ""),
            rationale_en=data.get("rationale_en", ""),
            assessor_name=data.get("assessor_name", ""),
            classification=data.get("classification"),
            key=key,
        )

    def update_record(
        self, request: Request, instance: ConditionAssessment, version: int, data: dict[str, Any]
    ) -> ConditionAssessment:
        self.refuse_changes(instance, data, ("condition", "assessor_name", "reviewer_name"))
        level = data.get("level")
        return assessment_update(
            user=request.user,
            assessment=instance,
            version=version,
            level=level.code if level is not None else None,
            date=data.get("date"),
            rationale=data.get("rationale"),
            rationale_en=data.get("rationale_en"),
            classification=data.get("classification"),
        )


ROUTES = [
    (
        "rating-scales",
        record_viewset(
            RatingScale,
            serializer=record_serializer(
                RatingScale,
                nested=("levels",),
                levels=ScaleLevelSerializer(
                    many=True,
                    required=False,
                    help_text=_(
                        "The levels of the scale. On a change the list replaces the stored one; levels are "
                        "matched by code."
                    ),
                ),
            ),
        ),
    ),
    (
        "dimensions",
        record_viewset(
            Dimension,
            serializer=record_serializer(
                Dimension,
                nested=("values",),
                values=DimensionValueSerializer(
                    many=True,
                    required=False,
                    help_text=_(
                        "The values of the dimension. On a change the list replaces the stored one; values are "
                        "matched by code."
                    ),
                ),
            ),
        ),
    ),
    ("frameworks", record_viewset(Framework)),
    (
        "framework-versions",
        record_viewset(FrameworkVersion, search=("key", "label", "description")),
    ),
    ("objectives", record_viewset(Objective)),
    (
        "long-term-objectives",
        record_viewset(LongTermObjective, search=("key", "code", "title", "owner")),
    ),
    ("conditions", record_viewset(Condition)),
    ("condition-mappings", record_viewset(ConditionMapping)),
    (
        "condition-assessments",
        record_viewset(
            ConditionAssessment,
            serializer=ConditionAssessmentSerializer,
            write_roles=ASSESSMENT_WRITERS,
            base=AssessmentBase,
            search=("key", "rationale", "assessor_name"),
        ),
    ),
    ("evidence", record_viewset(Evidence, search=("key", "note"))),
    (
        "indicators",
        record_viewset(
            Indicator,
            serializer=record_serializer(
                Indicator,
                nested=("targets",),
                targets=TargetSerializer(
                    many=True,
                    required=False,
                    help_text=_(
                        "The targets of the indicator by period. On a change the list replaces the stored one; "
                        "targets are matched by period."
                    ),
                ),
            ),
        ),
    ),
    (
        "observations",
        record_viewset(
            Observation, serializer=ObservationSerializer, search=("key", "note", "source_passage")
        ),
    ),
    ("log-entries", LogEntryViewSet),
    ("objective-progress", ObjectiveProgressViewSet),
]
URLS = [
    ("log-imports", LogImportView),
    ("log-imports/<str:kind>/<str:batch>", LogImportBatchView),
]
