"""API of objective progress (part of the results API): every long-term objective's progress
over a period, and one objective's progress through time. Computed by the results selectors,
which read through the visibility rule; this module only translates."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from missiemonitor.api.fields import KEY_REGEX
from missiemonitor.api.queries import (
    BoundedDateField,
    PeriodScopeSerializer,
    QuerySerializer,
    RecordRefSerializer,
)
from missiemonitor.results.models import ProgressRule
from missiemonitor.results.selectors import objective_progress_history, objectives_for_period

STRING = {"type": "string"}
NULLABLE_STRING = {"type": "string", "nullable": True}
SCORE = {"max_digits": 5, "decimal_places": 4, "allow_null": True}


def _key(record: Any) -> str | None:
    return record.key if record is not None else None


class ConditionStatusSerializer(serializers.Serializer):
    """A condition as of a date: its latest approved assessment (its own, or inherited from
    the condition it continues in an earlier framework version)."""

    condition = serializers.SerializerMethodField(help_text=_("The condition's key."))
    code = serializers.CharField(source="condition.code", help_text=_("The condition's code."))
    text = serializers.CharField(source="condition.text", help_text=_("The condition."))
    text_en = serializers.CharField(
        source="condition.text_en", help_text=_("The condition in English.")
    )
    assessment = serializers.SerializerMethodField(
        help_text=_(
            "The key of the approved assessment used; null when the condition is not assessed."
        )
    )
    level = serializers.SerializerMethodField(
        help_text=_("The code of the level reached; null when not assessed.")
    )
    met = serializers.BooleanField(
        allow_null=True,
        help_text=_("Whether the level counts as met on its scale; null when not assessed."),
    )
    score = serializers.DecimalField(
        **SCORE,
        help_text=_(
            "The level on a 0-1 scale, comparable across rating scales; null when not assessed."
        ),
    )
    inherited_from = serializers.SerializerMethodField(
        help_text=_("The key of the earlier condition whose assessment is used, if inherited.")
    )
    relation = serializers.CharField(
        help_text=_("How the inherited condition continues in this one.")
    )
    expected_by = serializers.DateField(allow_null=True, help_text=_("By when it should be met."))
    overdue = serializers.BooleanField(help_text=_("The horizon has passed and it is not met."))
    regressed = serializers.BooleanField(
        help_text=_("It scores lower than at its previous assessment.")
    )

    @extend_schema_field(STRING)
    def get_condition(self, status: Any) -> str:
        return status.condition.key

    @extend_schema_field(NULLABLE_STRING)
    def get_assessment(self, status: Any) -> str | None:
        return _key(status.assessment)

    @extend_schema_field(NULLABLE_STRING)
    def get_level(self, status: Any) -> str | None:
        return status.level.code if status.level is not None else None

    @extend_schema_field(NULLABLE_STRING)
    def get_inherited_from(self, status: Any) -> str | None:
        return _key(status.inherited_from)


class ProgressSerializer(serializers.Serializer):
    """Progress of a long-term objective as of a date, with the rule used and each condition."""

    as_of = serializers.DateField(help_text=_("The date the progress is computed for."))
    rule = serializers.ChoiceField(
        choices=ProgressRule.choices,
        help_text=_(
            "The rule that turns the conditions into a value: share of conditions met, or the "
            "weakest condition's score."
        ),
    )
    value = serializers.DecimalField(
        **SCORE,
        help_text=_("Progress from 0 to 1 by the rule; null when no condition is assessed."),
    )
    percent = serializers.DecimalField(
        max_digits=4, decimal_places=1, allow_null=True, help_text=_("The value as a percentage.")
    )
    condition_count = serializers.IntegerField(help_text=_("Current conditions."))
    assessed_count = serializers.IntegerField(
        help_text=_("Conditions with an approved assessment.")
    )
    met_count = serializers.IntegerField(help_text=_("Conditions met."))
    conditions = ConditionStatusSerializer(many=True, help_text=_("Each condition's state."))
    records = RecordRefSerializer(
        many=True, help_text=_("The records the value comes from (provenance).")
    )


class ObjectiveSummarySerializer(serializers.Serializer):
    objective = serializers.CharField(
        source="objective.key", help_text=_("The long-term objective's key.")
    )
    code = serializers.CharField(source="objective.code", help_text=_("The objective's code."))
    title = serializers.CharField(source="objective.title", help_text=_("The objective."))
    title_en = serializers.CharField(
        source="objective.title_en", help_text=_("The objective in English.")
    )
    framework_version = serializers.CharField(
        source="objective.framework_version.key",
        help_text=_("The key of the framework version the objective belongs to."),
    )
    mission = serializers.SerializerMethodField(help_text=_("The key of the objective's mission."))

    @extend_schema_field(NULLABLE_STRING)
    def get_mission(self, item: Any) -> str | None:
        # The framework's mission is the objective's (the selector has it loaded).
        mission = item.objective.framework_version.framework.mission
        return mission.key if mission is not None else None


class PeriodProgressSerializer(ObjectiveSummarySerializer):
    """A long-term objective's progress over a period: the day before it began and at its end."""

    before = ProgressSerializer(help_text=_("Progress the day before the period began."))
    after = ProgressSerializer(help_text=_("Progress at the end of the period."))
    change = serializers.DecimalField(
        max_digits=6,
        decimal_places=4,
        allow_null=True,
        help_text=_(
            "The change over the period (after minus before); null when either is unknown."
        ),
    )


class HistoryQuerySerializer(QuerySerializer):
    date = serializers.ListField(
        child=BoundedDateField(),
        min_length=1,
        max_length=100,
        help_text=_(
            "The dates to compute progress for, YYYY-MM-DD; repeat the parameter for several."
        ),
    )


class ObjectiveProgressViewSet(viewsets.ViewSet):
    """Progress on long-term objectives, measured against their conditions."""

    lookup_field = "key"
    lookup_value_regex = KEY_REGEX.strip("^$")
    problems = (400,)

    @extend_schema(
        parameters=[PeriodScopeSerializer], responses=PeriodProgressSerializer(many=True)
    )
    def list(self, request: Request) -> Response:
        """Every long-term objective current at the end of the period, with its progress before
        and after the period."""
        query = PeriodScopeSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        items = objectives_for_period(
            user=request.user,
            start=query.validated_data["period_start"],
            end=query.validated_data["period_end"],
            mission_keys=query.mission_keys(),
        )
        return Response(PeriodProgressSerializer(items, many=True).data)

    @extend_schema(
        operation_id="objective_progress_history",
        parameters=[
            HistoryQuerySerializer,
            OpenApiParameter(
                "key",
                str,
                OpenApiParameter.PATH,
                pattern=KEY_REGEX,
                description=_("The long-term objective's key."),
            ),
        ],
        responses=ProgressSerializer(many=True),
    )
    def retrieve(self, request: Request, key: str | None = None) -> Response:
        """One long-term objective's progress at each of the dates asked for: its history."""
        query = HistoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        history = objective_progress_history(
            user=request.user, objective=key, dates=query.validated_data["date"]
        )
        return Response(ProgressSerializer(history, many=True).data)


ObjectiveProgressViewSet.retrieve.problems = (400, 404)
