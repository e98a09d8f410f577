"""Indicator values over a period: from the activity log when the indicator is defined over
one and the log has entries in the period, else from typed observations. The result says
which it used.

* **From a log.** Entries of the indicator's log kind (and ``log_category``, when set) for its
  contribution (or, without one, its mission) in the period are summed per calendar month; the
  monthly totals are aggregated with the indicator's aggregation (``sum``: the total;
  ``average``: the mean over months with entries; ``max``: the largest month; ``last``: the
  last month). The breakdown is per category (the values of ``log_dimension``, such as
  tasking), each with its share of the total.
* **From observations.** Observations whose period lies within the requested period. Totals
  (no disaggregation) are aggregated with the indicator's aggregation; observations with one
  dimension form the breakdown. A part's share is its value / 100 for indicators counted in
  per cent (``MM_INDICATOR_PERCENT_UNITS``), else its value over the total (or, without a total,
  over the sum of the parts). Where several observations state the same period and
  disaggregation, the last entered is used and ``conflicting`` is set (the conflicting-
  statements attention point names them).
* **% achieved** against the targets within the period (aggregated like the values): higher is
  better: ``(actual - baseline) / (target - baseline)`` with a baseline, else ``actual /
  target``; lower is better: ``(baseline - actual) / (baseline - target)`` with a baseline, else
  ``target / actual``. The formula used is in the result.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import CharField, Count, Func, Q, QuerySet, Sum

from missiemonitor.core.provenance import RecordRef, refs
from missiemonitor.missions.models import Contribution
from missiemonitor.missions.scope import mission_scope
from missiemonitor.results.models import Dimension, Indicator, LogEntry, Observation, Target
from missiemonitor.results.models.indicators import Aggregation, Direction

SOURCE_LOG = "log"
SOURCE_OBSERVATIONS = "observations"
SOURCE_NONE = "none"
FOUR_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class BreakdownItem:
    code: str
    label: str
    label_en: str
    value: Decimal
    share: Decimal | None  # 0-1
    approximately: bool
    bound: str
    records: tuple[RecordRef, ...]


@dataclass(frozen=True)
class IndicatorValue:
    indicator: Indicator
    start: dt.date
    end: dt.date
    source: str  # SOURCE_LOG, SOURCE_OBSERVATIONS or SOURCE_NONE
    value: Decimal | None
    approximately: bool
    bound: str  # a Bound value: "", "just-under", "at-most", "at-least", "more-than"
    aggregation: str
    dimension: Dimension | None  # the dimension of the breakdown
    breakdown: tuple[BreakdownItem, ...]
    target: Decimal | None
    percent_achieved: Decimal | None
    achieved_formula: str
    entry_count: int  # log entries used (0 for observations)
    conflicting: bool
    records: tuple[RecordRef, ...]

    def part(self, code: str) -> BreakdownItem | None:
        return next((item for item in self.breakdown if item.code == code), None)


class YearMonth(Func):
    """A date's month as 'YYYY-MM', computed by the database itself (Django's TruncMonth calls
    back into Python for every row on SQLite, which dominates on large logs)."""

    output_field = CharField()
    arity = 1

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"strftime('%%Y-%%m', {sql})", params

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"to_char({sql}, 'YYYY-MM')", params


def percent_units() -> frozenset[str]:
    return frozenset(u.lower() for u in getattr(settings, "MM_INDICATOR_PERCENT_UNITS",
                                                ["%", "procent", "percent", "per cent"]))


def aggregate(values: list[Decimal], how: str) -> Decimal | None:
    """Aggregate values ordered in time."""
    if not values:
        return None
    if how == Aggregation.AVERAGE:
        return (sum(values, Decimal(0)) / len(values)).quantize(FOUR_PLACES).normalize()
    if how == Aggregation.MAX:
        return max(values)
    if how == Aggregation.LAST:
        return values[-1]
    return sum(values, Decimal(0))


def percent_achieved(*, value: Decimal | None, target: Decimal | None, baseline: Decimal | None,
                     direction: str) -> tuple[Decimal | None, str]:
    if value is None or target is None or direction == Direction.NEUTRAL:
        return None, ""
    if direction == Direction.LOWER_IS_BETTER:
        if baseline is not None and baseline != target:
            ratio, formula = (baseline - value) / (baseline - target), "(baseline - actual) / (baseline - target)"
        elif value != 0:
            ratio, formula = target / value, "target / actual"
        else:
            return None, "target / actual"
    elif baseline is not None and baseline != target:
        ratio, formula = (value - baseline) / (target - baseline), "(actual - baseline) / (target - baseline)"
    elif target != 0:
        ratio, formula = value / target, "actual / target"
    else:
        return None, "actual / target"
    return (ratio * 100).quantize(Decimal("0.1")), formula


def _share(part: Decimal, whole: Decimal | None) -> Decimal | None:
    if whole is None or whole == 0:
        return None
    return (part / whole).quantize(FOUR_PLACES)


class _Batch:
    """Loads logs, observations, targets and dimensions for many indicators in five queries."""

    def __init__(self, *, user: Any, indicators: QuerySet, start: dt.date, end: dt.date) -> None:
        self.start, self.end = start, end
        self.indicators = list(indicators.select_related("log_dimension", "contribution", "mission")
                               .prefetch_related("dimensions"))
        ids = indicators.values("pk")
        with_log = indicators.exclude(log_kind="")
        self.logs: dict[tuple, list[dict]] = defaultdict(list)
        if any(i.log_kind for i in self.indicators):
            # The contributions whose logs count: the indicators' own, and every contribution of
            # a mission whose indicator names no contribution. One subquery, so the
            # (contribution, kind, date) index serves the scan.
            contributions = Contribution.objects.visible_to(user).filter(
                Q(pk__in=with_log.values("contribution_id"))
                | Q(mission_id__in=with_log.filter(contribution__isnull=True).values("mission_id"))
            ).values("pk")
            rows = (LogEntry.objects.visible_to(user)
                    .filter(contribution_id__in=contributions, date__gte=start, date__lte=end,
                            kind__in=with_log.values("log_kind"))
                    .values("contribution_id", "mission_id", "kind", "category", "batch",
                            month=YearMonth("date"))
                    .annotate(total=Sum("quantity"), n=Count("id"))
                    .order_by("month", "category", "batch"))
            for row in rows:
                self.logs[("c", row["contribution_id"], row["kind"])].append(row)
                self.logs[("m", row["mission_id"], row["kind"])].append(row)
        self.observations: dict[int, list[Observation]] = defaultdict(list)
        for obs in (Observation.objects.visible_to(user)
                    .filter(indicator_id__in=ids, start__gte=start, end__lte=end)
                    .order_by("indicator_id", "end", "start", "pk")):
            self.observations[obs.indicator_id].append(obs)
        self.targets: dict[int, list[Target]] = defaultdict(list)
        for target in Target.objects.filter(indicator_id__in=ids, start__gte=start, end__lte=end):
            self.targets[target.indicator_id].append(target)
        self.dimensions: dict[int, Dimension] = {
            d.pk: d for d in Dimension.objects.visible_to(user)
            .filter(Q(indicators__in=ids) | Q(pk__in=indicators.values("log_dimension_id")))
            .distinct().prefetch_related("values")}

    def value(self, indicator: Indicator) -> IndicatorValue:
        rows = self._log_rows(indicator)
        if rows:
            return self._from_log(indicator, rows)
        return self._from_observations(indicator)

    # -- logs --------------------------------------------------------------------------------
    def _log_rows(self, indicator: Indicator) -> list[dict]:
        if not indicator.log_kind:
            return []
        owner = ("c", indicator.contribution_id) if indicator.contribution_id else ("m", indicator.mission_id)
        rows = self.logs.get((*owner, indicator.log_kind), [])
        if indicator.log_category:
            rows = [r for r in rows if r["category"] == indicator.log_category]
        return rows

    def _from_log(self, indicator: Indicator, rows: list[dict]) -> IndicatorValue:
        how = indicator.aggregation
        months: dict[dt.date, Decimal] = defaultdict(Decimal)
        by_category: dict[str, dict[dt.date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        batches: dict[str, None] = {}
        for row in rows:
            month = dt.date(int(row["month"][:4]), int(row["month"][5:7]), 1)
            months[month] += row["total"]
            by_category[row["category"]][month] += row["total"]
            batches.setdefault(row["batch"], None)
        ordered = [months[m] for m in sorted(months)]
        value = aggregate(ordered, how)
        grand = sum(ordered, Decimal(0))
        dimension = self.dimensions.get(indicator.log_dimension_id) if indicator.log_dimension_id else None
        labels = {v.code: v for v in dimension.values.all()} if dimension else {}
        order = {code: n for n, code in enumerate(labels)}
        owner = indicator.contribution.key if indicator.contribution_id else (
            indicator.mission.key if indicator.mission_id else indicator.key)
        batch_refs = [RecordRef(LogEntry._meta.label, b or f"{owner}/{indicator.log_kind}") for b in batches]
        breakdown = []
        if dimension is not None or len(by_category) > 1:
            for code in sorted(by_category, key=lambda c: (order.get(c, len(order)), c)):
                per_month = by_category[code]
                total = sum(per_month.values(), Decimal(0))
                label = labels.get(code)
                breakdown.append(BreakdownItem(
                    code=code, label=label.label if label else code,
                    label_en=(label.label_en or label.label) if label else code,
                    value=aggregate([per_month[m] for m in sorted(per_month)], how),
                    share=_share(total, grand), approximately=False, bound="",
                    records=tuple(batch_refs)))
        target = aggregate([t.value for t in sorted(self.targets.get(indicator.pk, []),
                                                    key=lambda t: (t.end, t.start))], how)
        achieved, formula = percent_achieved(value=value, target=target, baseline=indicator.baseline,
                                             direction=indicator.direction)
        return IndicatorValue(
            indicator=indicator, start=self.start, end=self.end, source=SOURCE_LOG, value=value,
            approximately=False, bound="", aggregation=how, dimension=dimension,
            breakdown=tuple(breakdown), target=target, percent_achieved=achieved,
            achieved_formula=formula, entry_count=sum(r["n"] for r in rows), conflicting=False,
            records=refs([indicator, *batch_refs]))

    # -- observations ------------------------------------------------------------------------
    def _from_observations(self, indicator: Indicator) -> IndicatorValue:
        how = indicator.aggregation
        latest: dict[tuple, Observation] = {}
        conflicting = False
        for obs in self.observations.get(indicator.pk, []):
            slot = (obs.start, obs.end, tuple(sorted((obs.disaggregation or {}).items())))
            if slot in latest and latest[slot].value != obs.value:
                conflicting = True
            latest[slot] = obs  # ordered by pk within a slot: the last entered wins
        used = sorted(latest.values(), key=lambda o: (o.end, o.start, o.pk))
        totals = [o for o in used if not o.disaggregation]
        value = aggregate([o.value for o in totals], how)
        dimension, breakdown = self._breakdown(indicator, used, how, value)
        records_used = totals + [o for o in used if o.disaggregation and dimension
                                 and list(o.disaggregation) == [dimension.key]]
        target = aggregate([t.value for t in sorted(self.targets.get(indicator.pk, []),
                                                    key=lambda t: (t.end, t.start))], how)
        achieved, formula = percent_achieved(value=value, target=target, baseline=indicator.baseline,
                                             direction=indicator.direction)
        bounds = {o.bound for o in totals}
        return IndicatorValue(
            indicator=indicator, start=self.start, end=self.end,
            source=SOURCE_OBSERVATIONS if records_used else SOURCE_NONE, value=value,
            approximately=any(o.approximately for o in totals),
            bound=bounds.pop() if len(bounds) == 1 else "", aggregation=how, dimension=dimension,
            breakdown=breakdown, target=target, percent_achieved=achieved, achieved_formula=formula,
            entry_count=0, conflicting=conflicting, records=refs([indicator, *records_used]))

    def _breakdown(self, indicator: Indicator, used: list[Observation], how: str,
                   total: Decimal | None) -> tuple[Dimension | None, tuple[BreakdownItem, ...]]:
        singles = [o for o in used if len(o.disaggregation or {}) == 1]
        if not singles:
            return None, ()
        dims = {d.key: d for d in self.dimensions.values()}
        preferred = [d.key for d in indicator.dimensions.all()]
        present = {next(iter(o.disaggregation)) for o in singles}
        key = next((k for k in preferred if k in present), sorted(present)[0])
        dimension = dims.get(key)
        labels = {v.code: v for v in dimension.values.all()} if dimension else {}
        order = {code: n for n, code in enumerate(labels)}
        parts: dict[str, list[Observation]] = defaultdict(list)
        for obs in singles:
            if key in obs.disaggregation:
                parts[str(obs.disaggregation[key])].append(obs)
        percent = indicator.unit.strip().lower() in percent_units()
        values = {code: aggregate([o.value for o in items], how) for code, items in parts.items()}
        whole = total if total is not None else sum(values.values(), Decimal(0))
        items = []
        for code in sorted(parts, key=lambda c: (order.get(c, len(order)), c)):
            label = labels.get(code)
            bounds = {o.bound for o in parts[code]}
            items.append(BreakdownItem(
                code=code, label=label.label if label else code,
                label_en=(label.label_en or label.label) if label else code, value=values[code],
                share=(values[code] / 100).quantize(FOUR_PLACES) if percent else _share(values[code], whole),
                approximately=any(o.approximately for o in parts[code]),
                bound=bounds.pop() if len(bounds) == 1 else "", records=refs(parts[code])))
        return dimension, tuple(items)


def indicator_values(*, user: Any, indicators: QuerySet | Iterable[Indicator], start: dt.date,
                     end: dt.date) -> list[IndicatorValue]:
    """Values of many indicators over one period, in a fixed number of queries."""
    if not isinstance(indicators, QuerySet):
        indicators = Indicator.objects.filter(pk__in=[i.pk for i in indicators])
    batch = _Batch(user=user, indicators=indicators.filter(pk__in=Indicator.objects.visible_to(user)
                                                           .values("pk")),
                   start=start, end=end)
    return [batch.value(indicator) for indicator in batch.indicators]


def indicator_value(*, user: Any, indicator: Indicator | str, start: dt.date, end: dt.date) -> IndicatorValue:
    """The value of one indicator over ``start``..``end`` (see the module documentation)."""
    key = indicator if isinstance(indicator, str) else indicator.key
    values = indicator_values(user=user, indicators=Indicator.objects.filter(key=key), start=start, end=end)
    if not values:
        raise Indicator.DoesNotExist(f"No indicator {key!r}")
    return values[0]


def indicators_for_period(*, user: Any, start: dt.date, end: dt.date,
                          mission_keys: list[str] | None = None) -> list[IndicatorValue]:
    """Every indicator in scope with its value over the period."""
    scope = mission_scope(user=user, mission_keys=mission_keys)
    qs = Indicator.objects.visible_to(user).filter(scope.q()).order_by("mission__key", "key")
    return indicator_values(user=user, indicators=qs, start=start, end=end)
