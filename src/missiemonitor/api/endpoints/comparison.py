"""API of the comparison across periods (part of the reporting API): each figure of a period
beside the same figure for the previous period of the same length, with the change. Computed
by ``reporting.comparison.period_comparison``, the selector the report and the dashboard use,
which reads through the visibility rule; this module only translates."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from missiemonitor.api.queries import PeriodScopeSerializer, RecordRefSerializer
from missiemonitor.context.models import Incident
from missiemonitor.reporting.comparison import (
    AMOUNT,
    COMPLIANCE,
    COUNT,
    FLIGHT_HOURS,
    INCIDENTS,
    OBJECTIVE_PROGRESS,
    PERSONNEL,
    SHARE,
    SPENDING,
    period_comparison,
)

SUBJECTS = [
    (FLIGHT_HOURS, _("flight hours of an indicator computed from a flight log")),
    (PERSONNEL, _("people deployed with a mission on the last day of the period")),
    (SPENDING, _("spending on a mission booked in the period")),
    (INCIDENTS, _("incidents of one severity")),
    (COMPLIANCE, _("share of expected field reports received on time")),
    (OBJECTIVE_PROGRESS, _("progress of a long-term objective at the end of the period")),
]
KINDS = [
    (COUNT, _("a count or measure")),
    (AMOUNT, _("an amount in euros")),
    (SHARE, _("a share from 0 to 1")),
]
VALUE = {"max_digits": 20, "decimal_places": 4, "allow_null": True}
NULLABLE_STRING = {"type": "string", "nullable": True}
NULLABLE_REF = {
    "type": "object",
    "nullable": True,
    "properties": {
        "model": {"type": "string", "description": "The kind of record, as app.Model."},
        "key": {"type": "string", "description": "The record's key."},
    },
}


class ComparisonRecordSerializer(RecordRefSerializer):
    def to_representation(self, instance: Any) -> dict[str, str]:
        return {"model": instance.model, "key": instance.key}


class ComparisonFigureSerializer(serializers.Serializer):
    """A figure for one period."""

    value = serializers.DecimalField(
        **VALUE,
        help_text=_(
            "The figure (a share from 0 to 1 for shares); null when the data hold none for the "
            "period, which is not the same as zero."
        ),
    )
    has_data = serializers.BooleanField(help_text=_("Whether the data hold the figure."))
    approximately = serializers.BooleanField(help_text=_("Whether the figure is approximate."))
    records = ComparisonRecordSerializer(many=True, help_text=_("The records the figure comes from."))


class ComparisonItemSerializer(serializers.Serializer):
    """One figure in the period and in the previous period, with the change."""

    subject = serializers.ChoiceField(choices=SUBJECTS, help_text=_("What the figure is about."))
    kind = serializers.ChoiceField(choices=KINDS, help_text=_("What kind of value it is."))
    mission = serializers.SerializerMethodField(
        help_text=_("The key of the mission the figure is about; null when it is about none.")
    )
    record = serializers.SerializerMethodField(
        help_text=_("The indicator or long-term objective the figure is about, if one.")
    )
    severity = serializers.ChoiceField(
        choices=[("", _("none")), *Incident.Severity.choices],
        allow_blank=True,
        help_text=_("For incidents: the severity counted; else empty."),
    )
    unit = serializers.CharField(help_text=_("For indicators: the indicator's unit."))
    current = ComparisonFigureSerializer(help_text=_("The figure in the period asked for."))
    previous = ComparisonFigureSerializer(help_text=_("The figure in the previous period."))
    absolute_change = serializers.DecimalField(
        source="absolute",
        **VALUE,
        help_text=_("The figure minus the previous figure; null unless both periods have data."),
    )
    relative_change = serializers.DecimalField(
        source="relative",
        **VALUE,
        help_text=_(
            "The change as a share of the previous figure; null unless both periods have data "
            "and the previous figure is not zero."
        ),
    )

    @extend_schema_field(NULLABLE_STRING)
    def get_mission(self, item: Any) -> str | None:
        return item.mission.key if item.mission is not None else None

    @extend_schema_field(NULLABLE_REF)
    def get_record(self, item: Any) -> dict[str, str] | None:
        if item.record is None:
            return None
        return {"model": item.record._meta.label, "key": item.record.key}


class PeriodComparisonSerializer(serializers.Serializer):
    """Each figure of a period beside the same figure for the previous period of the same
    length."""

    period_start = serializers.DateField(source="start", help_text=_("The period's first day."))
    period_end = serializers.DateField(source="end", help_text=_("The period's last day."))
    previous_start = serializers.DateField(
        help_text=_("The first day of the previous period of the same length.")
    )
    previous_end = serializers.DateField(
        help_text=_("The last day of the previous period (the day before the period).")
    )
    figures = ComparisonItemSerializer(
        many=True, source="items", help_text=_("Each figure, by subject.")
    )


class ComparisonView(APIView):
    """Comparison with the previous period: flight hours, personnel, spending, incidents,
    reporting compliance and the progress of each long-term objective, each beside the same
    figure for the previous period of the same length, with the change."""

    problems = (400,)

    @extend_schema(
        parameters=[PeriodScopeSerializer],
        responses=PeriodComparisonSerializer,
        operation_id="comparison_retrieve",
    )
    def get(self, request: Request) -> Response:
        query = PeriodScopeSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = period_comparison(
            user=request.user,
            start=query.validated_data["period_start"],
            end=query.validated_data["period_end"],
            mission_keys=query.mission_keys(),
        )
        return Response(PeriodComparisonSerializer(result).data)


URLS = [("comparison", ComparisonView)]
