"""Running the attention-point rules over a reporting period and a scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from missiemonitor.missions.scope import mission_scope
from missiemonitor.monitoring.attention import rules as _rules  # noqa: F401 - registers the rules
from missiemonitor.monitoring.attention.base import REGISTRY, AttentionPoint, RuleContext


def attention_points(*, user: Any, start: dt.date, end: dt.date,
                     mission_keys: list[str] | None = None, rule_ids: list[str] | None = None,
                     as_of: dt.date | None = None) -> list[AttentionPoint]:
    """Every attention point for ``start``..``end`` in the scope, most severe first. Each rule
    sees only what ``user`` may see. ``rule_ids`` limits the run to some rules; ``as_of`` (default
    today) is the day the data is judged on, for example whether a report is still due."""
    if end < start:
        raise ValueError("the end of the period is before its start")
    unknown = sorted(set(rule_ids or ()) - set(REGISTRY))
    if unknown:
        raise ValueError(f"unknown attention rule(s): {', '.join(unknown)}")
    scope = mission_scope(user=user, mission_keys=mission_keys)
    ctx = RuleContext(user=user, start=start, end=end, scope=scope, mission_keys=mission_keys,
                      as_of=as_of)
    disabled = set(ctx.config.get("DISABLED_RULES", ()))
    points: list[AttentionPoint] = []
    for rule_id, rule in REGISTRY.items():
        if (rule_ids is not None and rule_id not in rule_ids) or (rule_ids is None and rule_id in disabled):
            continue
        points.extend(rule(ctx).run())
    return sorted(points, key=lambda p: p.sort_key)
