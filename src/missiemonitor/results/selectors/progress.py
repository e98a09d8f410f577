"""Progress on long-term objectives, computed from the approved assessments of their
conditions.

* A condition's state as of a date is its latest **approved** assessment dated on or before
  that date. A condition of a later framework version that has no assessment of its own yet
  inherits, through :class:`~missiemonitor.results.models.ConditionMapping`, the state of the
  earlier condition(s) it continues (the weakest of them, when several merged into it), so that
  progress stays comparable across a framework version change.
* Levels of different rating scales are compared on a 0-1 score:
  ``(rank - lowest rank) / (highest rank - lowest rank)``; "met" is the scale's own threshold.
* Progress rules (``ProgressRule``), named in every result so that a report can state them:
  ``share-met``: the share of the objective's current (not retired) conditions that are met,
  unassessed conditions counting as not met; ``weakest``: the score of the weakest assessed
  condition (the objective is as far as its weakest condition).

Every selector reads a fixed number of queries, however many objectives are in scope.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from missiemonitor.core.provenance import RecordRef, refs
from missiemonitor.missions.scope import mission_scope
from missiemonitor.results.models import (
    Condition,
    ConditionAssessment,
    ConditionMapping,
    LongTermObjective,
    ProgressRule,
    ScaleLevel,
)
from missiemonitor.results.models.framework import AssessmentState, FrameworkVersion

FOUR_PLACES = Decimal("0.0001")
MAX_MAPPING_DEPTH = 10


@dataclass(frozen=True)
class ConditionStatus:
    """A condition as of a date: its latest approved assessment (own or inherited)."""

    condition: Condition
    assessment: ConditionAssessment | None
    level: ScaleLevel | None
    met: bool | None  # None: not assessed
    score: Decimal | None  # the level on a 0-1 scale, comparable across rating scales
    inherited_from: Condition | None  # the earlier condition whose assessment is used
    relation: str  # the mapping relation when inherited, else ""
    previous: ConditionAssessment | None  # the approved assessment before ``assessment``
    previous_score: Decimal | None
    expected_by: dt.date | None  # the condition's horizon, or else its objective's
    overdue: bool  # the horizon has passed and the condition is not met

    @property
    def regressed(self) -> bool:
        return (self.score is not None and self.previous_score is not None
                and self.score < self.previous_score)

    @property
    def records(self) -> tuple[RecordRef, ...]:
        return refs([self.condition] + ([self.assessment] if self.assessment else []))


@dataclass(frozen=True)
class ObjectiveProgress:
    objective: LongTermObjective
    as_of: dt.date
    rule: str  # a ProgressRule value
    value: Decimal | None  # 0-1: share met, or the weakest condition's score
    conditions: tuple[ConditionStatus, ...]

    @property
    def rule_label(self) -> str:
        return str(ProgressRule(self.rule).label)

    @property
    def percent(self) -> Decimal | None:
        return None if self.value is None else (self.value * 100).quantize(Decimal("0.1"))

    @property
    def framework_version(self) -> FrameworkVersion:
        return self.objective.framework_version

    @property
    def mission_key(self) -> str | None:
        mission = self.objective.framework_version.framework.mission
        return mission.key if mission else None

    @property
    def condition_count(self) -> int:
        return len(self.conditions)

    @property
    def assessed_count(self) -> int:
        return sum(1 for c in self.conditions if c.met is not None)

    @property
    def met_count(self) -> int:
        return sum(1 for c in self.conditions if c.met)

    @property
    def weakest(self) -> ConditionStatus | None:
        assessed = [c for c in self.conditions if c.score is not None]
        return min(assessed, key=lambda c: (c.score, c.condition.order, c.condition.key)) if assessed else None

    @property
    def records(self) -> tuple[RecordRef, ...]:
        return refs([self.objective, *(r for c in self.conditions for r in c.records)])


@dataclass(frozen=True)
class ObjectivePeriodProgress:
    """Progress at the start (the day before) and at the end of a reporting period."""

    objective: LongTermObjective
    before: ObjectiveProgress
    after: ObjectiveProgress

    @property
    def change(self) -> Decimal | None:
        if self.before.value is None or self.after.value is None:
            return None
        return self.after.value - self.before.value


class _Scales:
    def __init__(self, levels: list[ScaleLevel]) -> None:
        self.ranks: dict[int, tuple[int, int, int]] = {}
        by_scale: dict[int, list[ScaleLevel]] = defaultdict(list)
        for level in levels:
            by_scale[level.scale_id].append(level)
        for scale_id, items in by_scale.items():
            ranks = [level.rank for level in items]
            self.ranks[scale_id] = (min(ranks), max(ranks), items[0].scale.met_threshold)

    def score(self, level: ScaleLevel) -> Decimal:
        low, high, threshold = self.ranks[level.scale_id]
        if high == low:
            return Decimal(1) if level.rank >= threshold else Decimal(0)
        return (Decimal(level.rank - low) / Decimal(high - low)).quantize(FOUR_PLACES)

    def met(self, level: ScaleLevel) -> bool:
        return level.rank >= self.ranks[level.scale_id][2]


class ProgressData:
    """Everything needed to compute the progress of ``objectives`` up to ``until``: five
    queries, whatever the number of objectives."""

    def __init__(self, *, user: Any, objectives: QuerySet, until: dt.date) -> None:
        # the framework's mission through the visibility rule: a mission classified above the
        # user reads as None (its objectives may be unclassified)
        self.objectives: list[LongTermObjective] = list(objectives.select_related(
            "framework_version__scale", "framework_version__framework").with_visible(
            user, "framework_version__framework__mission"))
        lto_ids = objectives.values("pk")
        framework_ids = objectives.values("framework_version__framework_id")
        self.conditions: dict[int, list[Condition]] = defaultdict(list)
        for condition in (Condition.objects.visible_to(user)
                          .filter(objective_id__in=lto_ids, retired=False)
                          .order_by("objective_id", "order", "key")):
            self.conditions[condition.objective_id].append(condition)
        self.sources: dict[int, list[ConditionMapping]] = defaultdict(list)
        for mapping in (ConditionMapping.objects.visible_to(user)
                        .filter(target__objective__framework_version__framework_id__in=framework_ids)
                        .select_related("source").order_by("target_id", "source__key")):
            self.sources[mapping.target_id].append(mapping)
        scale_ids = FrameworkVersion.objects.visible_to(user).filter(
            framework_id__in=framework_ids).values("scale_id")
        levels = list(ScaleLevel.objects.filter(scale_id__in=scale_ids).select_related("scale"))
        self.scales = _Scales(levels)
        by_pk = {level.pk: level for level in levels}  # shared: one instance per level
        self.assessments: dict[int, list[ConditionAssessment]] = defaultdict(list)
        for assessment in (ConditionAssessment.objects.visible_to(user)
                           .filter(state=AssessmentState.APPROVED, date__lte=until,
                                   condition__objective__framework_version__framework_id__in=framework_ids)
                           .order_by("condition_id", "date", "pk")):
            level = by_pk.get(assessment.level_id)
            if level is None:  # a scale of a version the user may not see
                continue
            assessment.level = level
            self.assessments[assessment.condition_id].append(assessment)

    # -- one condition -----------------------------------------------------------------------
    def _own(self, condition_id: int, as_of: dt.date) -> list[ConditionAssessment]:
        return [a for a in self.assessments.get(condition_id, ()) if a.date <= as_of]

    def _inherited(self, condition_id: int, as_of: dt.date, depth: int = 0,
                   seen: frozenset[int] = frozenset()) -> tuple[list[ConditionAssessment], ConditionMapping | None]:
        """The assessments of the weakest earlier condition this one continues."""
        if depth >= MAX_MAPPING_DEPTH:
            return [], None
        best: tuple[Decimal, list[ConditionAssessment], ConditionMapping] | None = None
        for mapping in self.sources.get(condition_id, ()):
            if mapping.source_id in seen:
                continue
            history = self._own(mapping.source_id, as_of)
            if not history:
                history, _via = self._inherited(mapping.source_id, as_of, depth + 1,
                                                seen | {condition_id})
            if history:
                score = self.scales.score(history[-1].level)
                if best is None or score < best[0]:
                    best = (score, history, mapping)
        return (best[1], best[2]) if best else ([], None)

    def status(self, condition: Condition, objective: LongTermObjective, as_of: dt.date) -> ConditionStatus:
        history = self._own(condition.pk, as_of)
        mapping = None
        inherited, via = self._inherited(condition.pk, as_of)
        if not history:
            history, mapping = inherited, via
        latest = history[-1] if history else None
        previous = history[-2] if len(history) > 1 else (inherited[-1] if mapping is None and inherited else None)
        expected = condition.expected_by or objective.expected_by
        met = self.scales.met(latest.level) if latest else None
        return ConditionStatus(
            condition=condition,
            assessment=latest,
            level=latest.level if latest else None,
            met=met,
            score=self.scales.score(latest.level) if latest else None,
            inherited_from=mapping.source if mapping else None,
            relation=mapping.relation if mapping else "",
            previous=previous,
            previous_score=self.scales.score(previous.level) if previous else None,
            expected_by=expected,
            overdue=bool(expected and expected < as_of and not met),
        )

    # -- one objective -----------------------------------------------------------------------
    def progress(self, objective: LongTermObjective, as_of: dt.date) -> ObjectiveProgress:
        rule = objective.progress_rule or objective.framework_version.progress_rule
        conditions = tuple(self.status(c, objective, as_of) for c in self.conditions.get(objective.pk, ()))
        value: Decimal | None = None
        if conditions and rule == ProgressRule.SHARE_MET:
            met = sum(1 for c in conditions if c.met)
            value = (Decimal(met) / Decimal(len(conditions))).quantize(FOUR_PLACES)
        elif rule == ProgressRule.WEAKEST:
            scores = [c.score for c in conditions if c.score is not None]
            value = min(scores) if scores else None
        return ObjectiveProgress(objective=objective, as_of=as_of, rule=rule, value=value,
                                 conditions=conditions)


def objectives_in_scope(*, user: Any, as_of: dt.date, mission_keys: list[str] | None = None,
                        current_only: bool = True) -> QuerySet:
    """The long-term objectives the user may see in scope. With ``current_only``, only those of
    framework versions in force on ``as_of``: issued by then (or undated) and not superseded by
    a version issued by then."""
    scope = mission_scope(user=user, mission_keys=mission_keys)
    qs = LongTermObjective.objects.visible_to(user).filter(scope.q())
    if current_only:
        superseded = (FrameworkVersion.objects.visible_to(user)
                      .filter(supersedes__isnull=False)
                      .filter(Q(issued__lte=as_of) | Q(issued__isnull=True))
                      .values("supersedes_id"))
        qs = qs.exclude(framework_version_id__in=superseded).exclude(framework_version__issued__gt=as_of)
    return qs.order_by("mission__key", "framework_version__framework__key", "order", "key")


def objective_progress(*, user: Any, as_of: dt.date, mission_keys: list[str] | None = None,
                       current_only: bool = True) -> list[ObjectiveProgress]:
    """Progress of every long-term objective in scope as of ``as_of`` (for example the end of
    the previous reporting period), one per objective."""
    objectives = objectives_in_scope(user=user, as_of=as_of, mission_keys=mission_keys,
                                     current_only=current_only)
    data = ProgressData(user=user, objectives=objectives, until=as_of)
    return [data.progress(lto, as_of) for lto in data.objectives]


def objective_progress_history(*, user: Any, objective: LongTermObjective | str,
                               dates: list[dt.date]) -> list[ObjectiveProgress]:
    """Progress of one objective at each of ``dates`` (in the order given). Before its framework
    version existed, the objective's conditions show what their mapped predecessors were
    assessed at."""
    key = objective if isinstance(objective, str) else objective.key
    objectives = LongTermObjective.objects.visible_to(user).filter(key=key)
    if not dates:
        return []
    data = ProgressData(user=user, objectives=objectives, until=max(dates))
    if not data.objectives:
        raise LongTermObjective.DoesNotExist(f"No long-term objective {key!r}")
    return [data.progress(data.objectives[0], when) for when in dates]


def objectives_for_period(*, user: Any, start: dt.date, end: dt.date,
                          mission_keys: list[str] | None = None) -> list[ObjectivePeriodProgress]:
    """For a reporting period: each objective current at its end, with its progress the day
    before the period began and at its end."""
    objectives = objectives_in_scope(user=user, as_of=end, mission_keys=mission_keys)
    data = ProgressData(user=user, objectives=objectives, until=end)
    before = start - dt.timedelta(days=1)
    return [ObjectivePeriodProgress(objective=lto, before=data.progress(lto, before),
                                    after=data.progress(lto, end)) for lto in data.objectives]
