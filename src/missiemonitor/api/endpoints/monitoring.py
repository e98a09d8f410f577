"""API resources of monitoring: visits, findings, follow-up actions, reporting schedules and
field reports (with their review cycle), and the attention points of a period."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from missiemonitor.api.queries import PeriodScopeSerializer, RecordRefSerializer
from missiemonitor.api.resources import record_serializer, record_viewset
from missiemonitor.api.viewsets import RecordViewSet
from missiemonitor.api.workflow import ReviewActionsMixin
from missiemonitor.monitoring.attention import Severity, attention_points
from missiemonitor.monitoring.models import (
    FieldReport,
    Finding,
    FollowUpAction,
    MonitoringVisit,
    ReportingSchedule,
)
from missiemonitor.monitoring.services import (
    fieldreport_approve,
    fieldreport_create,
    fieldreport_delete,
    fieldreport_return,
    fieldreport_submit,
    fieldreport_update,
)

FieldReportSerializer = record_serializer(
    FieldReport,
    read_only_fields=(
        "status",
        "submitted_at",
        "submitted_by",
        "reviewer",
        "reviewer_name",
        "reviewed_at",
        "review_comment",
        "author",
    ),
)


class FieldReportBase(ReviewActionsMixin, RecordViewSet):
    """Periodic reports of a contribution, written by field reporters and reviewed. Their
    status changes only through submit, approve and return."""

    review_services = {
        "submit": fieldreport_submit,
        "approve": fieldreport_approve,
        "return": fieldreport_return,
    }
    review_record_argument = "report"
    service_checked_actions = ("submit", "approve", "return_")

    def create_record(self, request: Request, key: str | None, data: dict[str, Any]) -> FieldReport:
        return fieldreport_create(
            user=request.user,
            contribution=data["contribution"],
            start=data["start"],
            end=data["end"],
            summary=data.get("summary", ""),
            body=data.get("body", ""),
            author_name=data.get("author_name", ""),
            classification=data.get("classification"),
            key=key,
        )

    def update_record(
        self, request: Request, instance: FieldReport, version: int, data: dict[str, Any]
    ) -> FieldReport:
        self.refuse_changes(instance, data, ("contribution", "classification", "author_name"))
        return fieldreport_update(
            user=request.user,
            report=instance,
            version=version,
            summary=data.get("summary"),
            body=data.get("body"),
            start=data.get("start"),
            end=data.get("end"),
        )


    def delete_record(self, request: Request, instance: FieldReport, version: int) -> None:
        fieldreport_delete(user=request.user, report=instance, version=version)


FieldReportViewSet = record_viewset(
    FieldReport,
    serializer=FieldReportSerializer,
    base=FieldReportBase,
    search=("key", "summary", "body", "author_name"),
)


class AttentionPointSerializer(serializers.Serializer):
    """Something in the period that needs attention, found by a rule, with the records it
    concerns."""

    rule = serializers.CharField(source="rule_id", help_text=_("The rule that found it."))
    severity = serializers.ChoiceField(choices=Severity.choices, help_text=_("How serious it is."))
    message = serializers.SerializerMethodField(
        help_text=_("What needs attention, in the language asked for (Accept-Language).")
    )
    message_nl = serializers.CharField(help_text=_("The message in Dutch."))
    message_en = serializers.CharField(help_text=_("The message in English."))
    mission = serializers.CharField(
        source="mission_key",
        allow_null=True,
        help_text=_(
            "The key of the mission it concerns; null when it concerns none in particular."
        ),
    )
    date = serializers.DateField(allow_null=True, help_text=_("The day it concerns, if any."))
    records = RecordRefSerializer(many=True, help_text=_("The records it concerns (provenance)."))

    def get_message(self, point: Any) -> str:
        return point.message(get_language() or "nl")


class AttentionPointsView(APIView):
    """Attention points of a period: what went wrong or needs a decision, with the records it
    concerns, most severe first."""

    problems = (400,)

    @extend_schema(
        parameters=[PeriodScopeSerializer],
        responses=AttentionPointSerializer(many=True),
        operation_id="attention_points_list",
    )
    def get(self, request: Request) -> Response:
        query = PeriodScopeSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        points = attention_points(
            user=request.user,
            start=query.validated_data["period_start"],
            end=query.validated_data["period_end"],
            mission_keys=query.mission_keys(),
        )
        return Response(AttentionPointSerializer(points, many=True).data)


ROUTES = [
    (
        "monitoring-visits",
        record_viewset(MonitoringVisit, search=("key", "title", "scope", "purpose")),
    ),
    ("findings", record_viewset(Finding)),
    (
        "follow-up-actions",
        record_viewset(FollowUpAction, search=("key", "description", "owner", "adjustment")),
    ),
    ("reporting-schedules", record_viewset(ReportingSchedule)),
    ("field-reports", FieldReportViewSet),
]
URLS = [("attention-points", AttentionPointsView)]
