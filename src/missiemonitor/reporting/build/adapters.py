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
    value: Decimal | None  # share of conditions met (0..1) or the weakest level's rank
    conditions: list[ConditionStatus] = field(default_factory=list)
    records: list[Any] = field(default_factory=list)


@dataclass
class LogValue:
    value: Decimal
    approximately: bool
    bound: str
    from_log: bool
    breakdown: dict[str, Decimal]  # dimension value code -> value
    records: list[Any]


def attention_points(*, user: Any, start: dt.date, end: dt.date, mission_keys: list[str] | None,
                     language: str) -> list[Attention]:
    try:
        from missiemonitor.monitoring.attention import attention_points as select
    except ImportError:
        return []
    points = select(user=user, start=start, end=end, mission_keys=mission_keys)
    return [
        Attention(
            rule_id=p.rule_id,
            severity=str(p.severity),
            message=p.message_en if language == "en" and p.message_en else p.message_nl,
            records=[_label_key(r) for r in p.records],
            mission_key=p.mission_key,
        )
        for p in points
    ]


def objective_progress(*, user: Any, as_of: dt.date, mission_keys: list[str] | None,
                       language: str) -> list[LtoProgress]:
    try:
        from missiemonitor.results.selectors import objective_progress as select
    except ImportError:
        return []
    result = []
    for item in select(user=user, as_of=as_of, mission_keys=mission_keys):
        conditions = []
        for status in getattr(item, "conditions", []):
            level = getattr(status, "level", None)
            label = ""
            if level is not None:
                label = (getattr(level, "label_en", "") if language == "en" else "") or getattr(level, "label", "")
            conditions.append(ConditionStatus(
                condition=status.condition, level_label=label,
                level_rank=getattr(level, "rank", None), met=getattr(status, "met", None),
                assessment=getattr(status, "assessment", None)))
        result.append(LtoProgress(lto=item.lto, rule=str(item.rule), value=item.value,
                                  conditions=conditions))
    return result


def log_values(*, user: Any, indicators: list[Any], start: dt.date, end: dt.date) -> dict[int, LogValue]:
    """Values of indicators computed from activity logs over the period."""
    wanted = [i for i in indicators if i.log_kind]
    if not wanted:
        return {}
    try:
        from missiemonitor.results import selectors
    except ImportError:
        return {}
    select_many = getattr(selectors, "indicator_values", None)
    if select_many is not None:
        values = select_many(user=user, indicators=wanted, start=start, end=end)
    else:
        select = getattr(selectors, "indicator_value", None)
        if select is None:
            return {}
        values = {i.pk: select(user=user, indicator=i, start=start, end=end) for i in wanted}
    result = {}
    for pk, value in values.items():
        if value is None or value.value is None or not getattr(value, "from_log", False):
            continue
        result[pk] = LogValue(value=value.value, approximately=bool(value.approximately),
                              bound=value.bound or "", from_log=True,
                              breakdown=dict(getattr(value, "breakdown", {}) or {}),
                              records=list(getattr(value, "records", []) or []))
    return result


def _label_key(record: Any) -> tuple[str, str]:
    if isinstance(record, tuple | list):
        return str(record[0]), str(record[1])
    label = getattr(record, "label", None) or getattr(record, "model_label", None)
    if label is None and hasattr(record, "_meta"):
        return record._meta.label, record.key
    return str(label), str(getattr(record, "key", ""))
