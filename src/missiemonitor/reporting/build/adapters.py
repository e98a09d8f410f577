"""The one place where the report calls the results and monitoring selectors (issue 3).

The report does not compute progress, indicator values from logs or attention points itself;
it takes them from those selectors and turns them into this module's small records. Until the
selectors exist, each call returns nothing, and the report says nothing about that subject.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass
class Attention:
    rule_id: str
    severity: str
    message: str
    records: list[tuple[str, str]]  # (model label, key)
    mission_key: str | None


@dataclass
class ConditionStatus:
    condition: Any
    level_label: str
    level_rank: int | None
    met: bool | None
    assessment: Any | None  # the latest approved assessment as of the date, or None


@dataclass
class LtoProgress:
    lto: Any
    rule: str  # a ProgressRule value
    value: Decimal | None  # share of conditions met (0..1) or the weakest condition's score
    conditions: list[ConditionStatus] = field(default_factory=list)
    met_before: int | None = None  # conditions met the day before the period began


@dataclass
class LogPart:
    code: str
    label: str
    value: Decimal


@dataclass
class LogValue:
    value: Decimal
    approximately: bool
    bound: str
    breakdown: list[LogPart]
    records: list[tuple[str, str]]  # (model label, key)


def attention_points(*, user: Any, start: dt.date, end: dt.date, mission_keys: list[str] | None,
                     language: str) -> list[Attention]:
    try:
        from missiemonitor.monitoring.attention import attention_points as select
    except ImportError:
        return []
    # Judged as of the end of the period, so that a report over a past period reads the same
    # whenever it is generated.
    points = select(user=user, start=start, end=end, mission_keys=mission_keys, as_of=end)
    return [
        Attention(
            rule_id=p.rule_id,
            severity=str(p.severity),
            message=p.message(language),
            records=[_label_key(r) for r in p.records],
            mission_key=p.mission_key,
        )
        for p in points
    ]


def objective_progress(*, user: Any, start: dt.date, end: dt.date, mission_keys: list[str] | None,
                       language: str) -> list[LtoProgress]:
    """Progress on each long-term objective at the end of the period, with the number of
    conditions met the day before it began."""
    try:
        from missiemonitor.results.selectors import objectives_for_period
    except ImportError:
        return []
    result = []
    for item in objectives_for_period(user=user, start=start, end=end, mission_keys=mission_keys):
        after = item.after
        conditions = []
        for status in after.conditions:
            level = status.level
            label = ""
            if level is not None:
                label = (level.label_en if language == "en" else "") or level.label
            conditions.append(ConditionStatus(
                condition=status.condition, level_label=label,
                level_rank=level.rank if level is not None else None, met=status.met,
                assessment=status.assessment))
        result.append(LtoProgress(lto=after.objective, rule=str(after.rule), value=after.value,
                                  conditions=conditions, met_before=item.before.met_count))
    return result


def log_values(*, user: Any, indicators: list[Any], start: dt.date, end: dt.date,
               language: str) -> dict[int, LogValue]:
    """Values of the indicators computed from activity logs over the period (one batch)."""
    wanted = [i for i in indicators if i.log_kind]
    if not wanted:
        return {}
    try:
        from missiemonitor.results.selectors import SOURCE_LOG, indicator_values
    except ImportError:
        return {}
    result = {}
    for value in indicator_values(user=user, indicators=wanted, start=start, end=end):
        if value.source != SOURCE_LOG or value.value is None:
            continue
        result[value.indicator.pk] = LogValue(
            value=value.value, approximately=bool(value.approximately), bound=value.bound or "",
            breakdown=[LogPart(item.code, (item.label_en if language == "en" else "") or item.label,
                               item.value) for item in value.breakdown],
            records=[_label_key(r) for r in value.records])
    return result


def _label_key(record: Any) -> tuple[str, str]:
    if isinstance(record, tuple | list):
        return str(record[0]), str(record[1])
    label = getattr(record, "label", None) or getattr(record, "model_label", None)
    if label is None and hasattr(record, "_meta"):
        return record._meta.label, record.key
    return str(label), str(getattr(record, "key", ""))
