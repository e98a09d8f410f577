"""Shared parts of the computed (non-record) resources: query parameters for a period and a
scope of missions, and references to records (provenance)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from missiemonitor.api.fields import KEY_REGEX

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2999, 12, 31)


class BoundedDateField(serializers.DateField):
    """A date between 1900 and 2999, so that date arithmetic cannot overflow."""

    def to_internal_value(self, value: Any) -> dt.date:
        date = super().to_internal_value(value)
        if not EARLIEST <= date <= LATEST:
            raise serializers.ValidationError(_("Expected a date between 1900 and 2999."))
        return date


class QuerySerializer(serializers.Serializer):
    """Query parameters. A parameter given empty (``?as_of=``) is an error, not left out."""

    def to_internal_value(self, data: Any) -> Any:
        empty = [
            name
            for name, field in self.fields.items()
            if hasattr(data, "getlist")
            and "" in data.getlist(name)
            and not getattr(field, "allow_blank", False)
        ]
        if empty:
            raise serializers.ValidationError(
                {name: [_("This parameter must not be empty.")] for name in empty}
            )
        return super().to_internal_value(data)


class MissionScopeSerializer(QuerySerializer):
    mission = serializers.ListField(
        child=serializers.RegexField(KEY_REGEX, max_length=100),
        required=False,
        max_length=100,
        help_text=_(
            "Only these missions (by key; repeat the parameter for several). Records "
            "that belong to no mission are included. Default: every mission you may see."
        ),
    )

    def mission_keys(self) -> list[str] | None:
        return self.validated_data.get("mission") or None


class PeriodScopeSerializer(MissionScopeSerializer):
    period_start = BoundedDateField(help_text=_("The first day of the period, YYYY-MM-DD."))
    period_end = BoundedDateField(help_text=_("The last day of the period, YYYY-MM-DD."))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["period_end"] < attrs["period_start"]:
            raise serializers.ValidationError(
                {"period_end": [_("The end must not be before the start.")]}
            )
        return attrs


class RecordRefSerializer(serializers.Serializer):
    """A record a figure or a finding came from."""

    model = serializers.CharField(
        help_text=_("The kind of record, as app.Model, such as results.Observation.")
    )
    key = serializers.CharField(help_text=_("The record's key."))

    def to_representation(self, instance: Any) -> dict[str, str]:
        model, key = instance
        return {"model": model, "key": key}
