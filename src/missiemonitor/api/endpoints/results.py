"""API resources of results: rating scales, dimensions, frameworks and their versions,
objectives, long-term objectives with conditions and assessments (with their workflow),
evidence, indicators with targets, observations and activity-log entries."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.request import Request

from missiemonitor.api.endpoints.logs import LogEntryViewSet, LogImportBatchView, LogImportView
from missiemonitor.api.endpoints.progress import ObjectiveProgressViewSet
from missiemonitor.api.fields import StrictCharField
from missiemonitor.api.resources import record_serializer, record_viewset
from missiemonitor.api.serializers import RecordSerializer
from missiemonitor.api.viewsets import RecordViewSet
from missiemonitor.api.workflow import ReviewActionsMixin
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
    assessment_delete,
    assessment_record,
    assessment_return,
    assessment_submit,
    assessment_update,
    evidence_add,
    evidence_remove,
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
    """A level of the condition's rating scale, by its code. The code is checked against the
    scale by the assessment services, which name the level field when it is unknown."""

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
            "submitted_by",
            "reviewed_at",
            "assessor",
            "reviewer",
            "review_comment",
        )


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
            level=data["level"],
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
        return assessment_update(
            user=request.user,
            assessment=instance,
            version=version,
            level=data.get("level"),
            date=data.get("date"),
            rationale=data.get("rationale"),
            rationale_en=data.get("rationale_en"),
            classification=data.get("classification"),
        )

    def delete_record(self, request: Request, instance: ConditionAssessment, version: int) -> None:
        assessment_delete(user=request.user, assessment=instance, version=version)


EVIDENCE_TARGET_FIELDS = {
    "finding": "finding",
    "observation": "observation",
    "field-report": "field_report",
    "document": "document",
}


class EvidenceBase(RecordViewSet):
    """Evidence items of assessments. They are added to and removed from an assessment until
    it is approved, through the assessment's workflow; an item is not changed in place
    (remove it and add another)."""

    http_method_names = ["get", "post", "delete", "head"]

    def create_record(self, request: Request, key: str | None, data: dict[str, Any]) -> Evidence:
        kind = data["kind"]
        attr = EVIDENCE_TARGET_FIELDS.get(kind, "document")
        others = [name for name in EVIDENCE_TARGET_FIELDS.values() if name != attr and data.get(name)]
        if others:
            raise serializers.ValidationError(
                {name: [_("Evidence of kind %(kind)s points at one record: leave this field out.")
                        % {"kind": kind}] for name in others})
        return evidence_add(
            user=request.user,
            assessment=data["assessment"],
            kind=kind,
            target=data.get(attr),
            confidence=data.get("confidence", Evidence.Confidence.MEDIUM),
            note=data.get("note", ""),
            classification=data.get("classification"),
            key=key,
        )

    def delete_record(self, request: Request, instance: Evidence, version: int) -> None:
        evidence_remove(user=request.user, evidence=instance, version=version)


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
            base=AssessmentBase,
            search=("key", "rationale", "assessor_name"),
        ),
    ),
    ("evidence", record_viewset(Evidence, base=EvidenceBase, search=("key", "note"))),
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
