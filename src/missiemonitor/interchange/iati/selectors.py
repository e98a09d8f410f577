"""What the IATI export reads: the programmes a user may see, with their budgets, transactions,
partner, parent and children, and the indicators (targets, observations, objectives) that
measure them. Every record is read through ``visible_to(user)``, references through
``with_visible``: what the user may not see is left out, never named. A fixed number of
queries, whatever the number of programmes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from missiemonitor.core.visibility import linked, visible_prefetches
from missiemonitor.missions.scope import mission_scope
from missiemonitor.programmes.models import Programme, ProgrammeBudget, ProgrammeTransaction
from missiemonitor.results.models import Indicator, Objective, Observation, Target


@dataclass
class IndicatorPeriod:
    """The targets and the observed values of an indicator for one period."""

    start: dt.date
    end: dt.date
    targets: list[Target] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)


@dataclass
class IndicatorFacts:
    indicator: Indicator
    periods: list[IndicatorPeriod]


@dataclass
class ResultFacts:
    """Indicators of a programme under the objective they measure (``None``: an indicator
    without a visible objective, which is a result on its own)."""

    objective: Objective | None
    indicators: list[IndicatorFacts]


@dataclass
class ProgrammeFacts:
    programme: Programme
    partner: Any  # core.Organisation or None
    parent: Programme | None
    children: list[Programme]
    level: int  # 1 for a programme that is part of no (visible) programme, 2 for its parts, ...
    budgets: list[ProgrammeBudget]
    transactions: list[ProgrammeTransaction]  # .receiver is None where it is not visible
    results: list[ResultFacts]
    updated_at: dt.datetime  # the latest change of the programme or its indicators


def programmes_for_iati(*, user: Any, mission_keys: list[str] | None = None) -> list[ProgrammeFacts]:
    """The programmes ``user`` may see, by key; with ``mission_keys``, those of these missions
    and those of no mission. Raises ``UnknownMission`` for a key the user cannot use."""
    scope = mission_scope(user=user, mission_keys=mission_keys)
    transactions = (ProgrammeTransaction.objects.order_by("date", "kind", "amount", "pk")
                    .prefetch_related(*visible_prefetches(user, ProgrammeTransaction, "receiver")))
    visible = Programme.objects.visible_to(user).filter(scope.q())
    programmes = list(
        visible.with_visible(user, "partner", "parent")
        .prefetch_related(
            Prefetch("budgets", queryset=ProgrammeBudget.objects.order_by("start", "end", "kind")),
            Prefetch("transactions", queryset=transactions),
        )
        .order_by("key")
    )
    by_pk = {p.pk: p for p in programmes}
    results = _results(user=user, programmes=visible)
    children: dict[int, list[Programme]] = defaultdict(list)
    for programme in programmes:
        if programme.parent_id in by_pk and linked(programme, "parent") is not None:
            children[programme.parent_id].append(programme)
    facts = []
    for programme in programmes:
        indicator_results = results.get(programme.pk, [])
        updated = [programme.updated_at]
        for result in indicator_results:
            for item in result.indicators:
                updated.append(item.indicator.updated_at)
                updated.extend(o.updated_at for p in item.periods for o in p.observations)
        facts.append(ProgrammeFacts(
            programme=programme, partner=linked(programme, "partner"),
            parent=linked(programme, "parent"), children=children.get(programme.pk, []),
            level=_level(programme, by_pk), budgets=list(programme.budgets.all()),
            transactions=list(programme.transactions.all()), results=indicator_results,
            updated_at=max(updated),
        ))
    return facts


def _level(programme: Programme, by_pk: dict[int, Programme]) -> int:
    """How deep the programme sits under the visible programmes it is part of."""
    level, current, seen = 1, programme, {programme.pk}
    while (parent := linked(current, "parent")) is not None and parent.pk not in seen:
        level += 1
        seen.add(parent.pk)
        current = by_pk.get(parent.pk)
        if current is None:  # visible, but outside the export: its own parents are not loaded
            break
    return level


def _results(*, user: Any, programmes: QuerySet[Programme]) -> dict[int, list[ResultFacts]]:
    """Per programme id, its visible indicators grouped by visible objective: objectives in
    their order first, then each indicator without one, by key. Subqueries, not lists of ids,
    so the number of programmes meets no parameter limit."""
    visible = Indicator.objects.visible_to(user).filter(programme__in=programmes.values("pk"))
    indicators = list(
        visible.with_visible(user, "objective")
        .prefetch_related(Prefetch("targets", queryset=Target.objects.order_by("start", "end")))
        .order_by("key")
    )
    observations: dict[int, list[Observation]] = defaultdict(list)
    for observation in (Observation.objects.visible_to(user)
                        .filter(indicator__in=visible.values("pk"))
                        .order_by("start", "end", "key")):
        observations[observation.indicator_id].append(observation)
    grouped: dict[int, dict[int | None, list[IndicatorFacts]]] = defaultdict(dict)
    objectives: dict[int, Objective] = {}
    for indicator in indicators:
        objective = linked(indicator, "objective")
        group = objective.pk if objective is not None else None
        if objective is not None:
            objectives[objective.pk] = objective
        periods = _periods(list(indicator.targets.all()), observations.get(indicator.pk, []))
        grouped[indicator.programme_id].setdefault(group, []).append(IndicatorFacts(indicator, periods))
    result: dict[int, list[ResultFacts]] = {}
    for programme_id, groups in grouped.items():
        ordered = sorted((objectives[pk] for pk in groups if pk is not None),
                         key=lambda o: (o.order, o.key))
        result[programme_id] = [ResultFacts(o, groups[o.pk]) for o in ordered] + [
            ResultFacts(None, [item]) for item in groups.get(None, [])
        ]
    return result


def _periods(targets: list[Target], observations: list[Observation]) -> list[IndicatorPeriod]:
    periods: dict[tuple[dt.date, dt.date], IndicatorPeriod] = {}
    for target in targets:
        key = (target.start, target.end)
        periods.setdefault(key, IndicatorPeriod(*key)).targets.append(target)
    for observation in observations:
        key = (observation.start, observation.end)
        periods.setdefault(key, IndicatorPeriod(*key)).observations.append(observation)
    return [periods[key] for key in sorted(periods)]
