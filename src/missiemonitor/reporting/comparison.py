"""Comparison across periods: each figure of a reporting period beside the same figure for the
previous period of the same length (``core.periods.previous_period``), with the change.

One selector, :func:`period_comparison`, serves the report, the dashboard and the API. It
reuses the selectors of the domain apps, each through ``visible_to(user)``, and takes a fixed
number of queries whatever the amount of data. The figures:

* **flight hours** -- every indicator computed from a flight log
  (``results.selectors.indicator_values``: from the log when it has entries in the period, else
  from observations);
* **personnel** -- per mission, the people deployed on the last day of each period
  (``missions.selectors.personnel_on``, counted as the dashboard counts them);
* **spending** -- per mission, the expenditures booked in each period
  (``finance.selectors.spending_by_period``: an expenditure counts in the period that holds the
  middle day of its own period);
* **incidents** -- the number per severity;
* **compliance** -- the share of expected field reports received on time
  (``monitoring.selectors.reporting_compliance``, judged as of the end of the current period);
* **objective progress** -- each long-term objective's progress at the end of each period
  (``results.selectors.objectives_for_period``).

**No data is not zero.** A figure without records for a period has no value (``None``): no
log entries or observations is not 0 flight hours, no incident recorded at all is not "no
incidents", no assessment yet is not 0% progress. Where a period has some incidents, a severity
without any counts 0. A mission's personnel in the previous period is unknown when its count
rests on a contribution whose start is not recorded: whether it ran then cannot be told.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from django.db.models import Max

from missiemonitor.context.models import Incident
from missiemonitor.context.selectors import incidents_of
from missiemonitor.core.periods import previous_period
from missiemonitor.core.visibility import can_see
from missiemonitor.finance.selectors import spending_by_period
from missiemonitor.missions.scope import in_missions, mission_scope
from missiemonitor.missions.selectors import personnel_on
from missiemonitor.monitoring.selectors import ComplianceState, reporting_compliance
from missiemonitor.results.models import Indicator, LogEntry, Observation
from missiemonitor.results.models.indicators import LogKind
from missiemonitor.results.selectors import SOURCE_LOG, indicator_values, objectives_for_period

FLIGHT_HOURS = "flight-hours"
PERSONNEL = "personnel"
SPENDING = "spending"
INCIDENTS = "incidents"
COMPLIANCE = "compliance"
OBJECTIVE_PROGRESS = "objective-progress"
SUBJECTS = (FLIGHT_HOURS, PERSONNEL, SPENDING, INCIDENTS, COMPLIANCE, OBJECTIVE_PROGRESS)

COUNT = "count"  # flight hours, people, incidents
AMOUNT = "amount"  # euros
SHARE = "share"  # 0-1: compliance, objective progress
FOUR_PLACES = Decimal("0.0001")


class Source(NamedTuple):
    """A record a figure came from, with its classification."""

    model: str  # the model label, "results.Observation"
    key: str
    classification: int


@dataclass(frozen=True)
class Figure:
    """One figure for one period; ``value`` is ``None`` when the data hold none."""

    value: Decimal | None = None
    approximately: bool = False
    records: tuple[Source, ...] = ()

    @property
    def has_data(self) -> bool:
        return self.value is not None

    @property
    def classification(self) -> int:
        return max((r.classification for r in self.records), default=0)


@dataclass(frozen=True)
class Comparison:
    """A figure in the current and in the previous period, with the change."""

    subject: str  # one of SUBJECTS
    kind: str  # COUNT, AMOUNT or SHARE
    current: Figure
    previous: Figure
    mission: Any = None  # the mission the figure is about, if one
    record: Any = None  # the indicator or long-term objective the figure is about, if one
    severity: str = ""  # for incidents: an Incident.Severity value
    unit: str = ""  # for indicators: the indicator's unit

    @property
    def key(self) -> str:
        part = (getattr(self.record, "key", None) or getattr(self.mission, "key", None)
                or self.severity or "all")
        return f"{self.subject}:{part}"

    @property
    def comparable(self) -> bool:
        return self.current.has_data and self.previous.has_data

    @property
    def approximately(self) -> bool:
        return self.current.approximately or self.previous.approximately

    @property
    def absolute(self) -> Decimal | None:
        """Current minus previous (for shares on the 0-1 scale); None unless both have data."""
        if not self.comparable:
            return None
        return self.current.value - self.previous.value

    @property
    def relative(self) -> Decimal | None:
        """The change as a share of the previous value; None when that is 0 or unknown."""
        if not self.comparable or not self.previous.value:
            return None
        return ((self.current.value - self.previous.value) / self.previous.value).quantize(FOUR_PLACES)

    @property
    def percent(self) -> Decimal | None:
        """The relative change in per cent, rounded (to one decimal below 1%)."""
        if self.relative is None:
            return None
        value = self.relative * 100
        places = Decimal("0.1") if abs(value) < 1 else Decimal("1")
        return value.quantize(places, rounding=ROUND_HALF_UP)

    @property
    def points(self) -> Decimal | None:
        """For shares: the change in percentage points (one decimal at most)."""
        if self.kind != SHARE or self.absolute is None:
            return None
        return (self.absolute * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()

    @property
    def changed(self) -> bool:
        return self.absolute is not None and self.absolute != 0

    @property
    def direction(self) -> str:
        """"up", "down", "same", or "" when the periods cannot be compared."""
        if self.absolute is None:
            return ""
        return "up" if self.absolute > 0 else "down" if self.absolute < 0 else "same"

    @property
    def change_unit(self) -> str:
        """How the change is best stated: "points" (shares), "percent", or, from a previous
        value of 0, "amount" (euros) or "count"."""
        if self.kind == SHARE:
            return "points"
        if self.relative is not None:
            return "percent"
        return "amount" if self.kind == AMOUNT else "count"

    @property
    def change_size(self) -> Decimal | None:
        """The size of the change, without its sign, in :attr:`change_unit`."""
        if self.absolute is None:
            return None
        unit = self.change_unit
        value = self.points if unit == "points" else self.percent if unit == "percent" else self.absolute
        return abs(value)

    @property
    def magnitude(self) -> Decimal:
        """How large the change is, to rank changes of different kinds: for shares the change
        on the 0-1 scale, else the relative change (a rise from 0 ranks first)."""
        if not self.changed:
            return Decimal(0)
        if self.kind == SHARE:
            return abs(self.absolute)
        if self.relative is None:
            return Decimal("Infinity")
        return abs(self.relative)

    @property
    def records(self) -> tuple[Source, ...]:
        return tuple(dict.fromkeys([*self.previous.records, *self.current.records]))

    @property
    def classification(self) -> int:
        return max(self.current.classification, self.previous.classification)


@dataclass(frozen=True)
class PeriodComparison:
    start: dt.date
    end: dt.date
    previous_start: dt.date
    previous_end: dt.date
    items: tuple[Comparison, ...] = field(default_factory=tuple)

    def of(self, subject: str) -> list[Comparison]:
        return [item for item in self.items if item.subject == subject]

    def largest(self, limit: int | None = None) -> list[Comparison]:
        """The figures that changed, the largest change first."""
        changed = [item for item in self.items if item.changed]
        ranked = sorted(changed, key=lambda item: item.magnitude, reverse=True)
        return ranked if limit is None else ranked[:limit]

    @property
    def unchanged(self) -> list[Comparison]:
        return [item for item in self.items if item.comparable and not item.changed]

    @property
    def without_previous(self) -> list[Comparison]:
        """Figures of this period for which the previous period has no data."""
        return [item for item in self.items if item.current.has_data and not item.previous.has_data]

    @property
    def without_current(self) -> list[Comparison]:
        """Figures of the previous period for which this period has no data."""
        return [item for item in self.items if item.previous.has_data and not item.current.has_data]


def period_comparison(*, user: Any, start: dt.date, end: dt.date, mission_keys: list[str] | None = None,
                      as_of: dt.date | None = None) -> PeriodComparison:
    """Every figure of ``start``..``end`` beside the same figure for the previous period of the
    same length, for the missions named (all the user may see when none are), as ``user`` may
    see them. Reporting compliance is judged as of ``as_of`` (default: ``end``), so that a past
    period reads the same whenever it is asked for. A fixed number of queries."""
    previous = previous_period(start, end)
    keys = list(mission_keys) if mission_keys else None
    scope = mission_scope(user=user, mission_keys=keys)
    items = [
        *_flight_hours(user, scope, (start, end), previous),
        *_personnel(user, keys, end, previous[1]),
        *_spending(user, keys, (start, end), previous),
        *_incidents(user, keys, (start, end), previous),
        *_compliance(user, keys, (start, end), previous, as_of or end),
        *_objectives(user, keys, start, end),
    ]
    return PeriodComparison(start=start, end=end, previous_start=previous[0], previous_end=previous[1],
                            items=tuple(items))


def _seen(user: Any, mission: Any) -> Any:
    """The mission a figure is about, or None when the user may not see it (a record they may
    see can belong to a mission classified above their clearance)."""
    return mission if mission is not None and can_see(user, mission) else None


def _source(record: Any) -> Source:
    return Source(record._meta.label, record.key, record.classification)


# --- flight hours ---------------------------------------------------------------------------
def _flight_hours(user, scope, current, previous) -> list[Comparison]:
    indicators = (Indicator.objects.visible_to(user).filter(scope.q(), log_kind=LogKind.FLIGHT)
                  .order_by("mission__key", "key"))
    now = indicator_values(user=user, indicators=indicators, start=current[0], end=current[1])
    before = {v.indicator.pk: v for v in indicator_values(user=user, indicators=indicators,
                                                            start=previous[0], end=previous[1])}
    levels = _record_levels(user, [*now, *before.values()], previous[0], current[1])
    items = []
    for value in now:
        indicator = value.indicator
        items.append(Comparison(
            subject=FLIGHT_HOURS, kind=COUNT, mission=_seen(user, indicator.mission), record=indicator,
            unit=indicator.unit, current=_indicator_figure(value, levels),
            previous=_indicator_figure(before.get(indicator.pk), levels)))
    return items


def _indicator_figure(value, levels: dict[tuple[str, str], int]) -> Figure:
    if value is None or value.value is None:
        return Figure()
    records = tuple(Source(ref.model, ref.key, levels.get((ref.model, ref.key), value.indicator.classification))
                    for ref in value.records)
    return Figure(value.value, bool(value.approximately or value.bound), records)


def _record_levels(user, values, first: dt.date, last: dt.date) -> dict[tuple[str, str], int]:
    """The classification of the observations and log imports the values name (two queries
    at most): an import is marked at the highest level of its rows in the two periods."""
    observations = {ref.key for v in values for ref in v.records if ref.model == Observation._meta.label}
    batches = {ref.key for v in values if v.source == SOURCE_LOG for ref in v.records
               if ref.model == LogEntry._meta.label}
    levels: dict[tuple[str, str], int] = {}
    if observations:
        for key, level in (Observation.objects.visible_to(user).filter(key__in=sorted(observations))
                           .values_list("key", "classification")):
            levels[(Observation._meta.label, key)] = level
    if batches:
        rows = (LogEntry.objects.visible_to(user)
                .filter(kind=LogKind.FLIGHT, date__gte=first, date__lte=last,
                        mission_id__in=sorted({v.indicator.mission_id for v in values}))
                .values("batch").annotate(level=Max("classification")).order_by())
        by_batch = {row["batch"]: row["level"] for row in rows}
        unnamed = by_batch.get("", 0)  # rows without a batch name are named after their owner
        for key in batches:
            levels[(LogEntry._meta.label, key)] = by_batch.get(key, unnamed)
    return levels


# --- personnel ------------------------------------------------------------------------------
def _personnel(user, keys, end: dt.date, previous_end: dt.date) -> list[Comparison]:
    counts = {(h.mission.pk, h.day): h for h in personnel_on(user=user, days=[previous_end, end],
                                                              mission_keys=keys)}
    missions = {h.mission.pk: h.mission for h in counts.values()}
    items = []
    for pk, mission in sorted(missions.items(), key=lambda item: item[1].key):
        now, before = counts.get((pk, end)), counts.get((pk, previous_end))
        unknown_before = before is None or before.undated or (now is not None and now.undated)
        items.append(Comparison(
            subject=PERSONNEL, kind=COUNT, mission=mission,
            current=_headcount_figure(now), previous=Figure() if unknown_before else _headcount_figure(before)))
    return items


def _headcount_figure(headcount) -> Figure:
    if headcount is None:
        return Figure()
    records = tuple(Source(ref.model, ref.key, level)
                    for ref, level in zip(headcount.records, headcount.classifications, strict=True))
    return Figure(Decimal(headcount.count), headcount.approximately, records)


# --- spending -------------------------------------------------------------------------------
def _spending(user, keys, current, previous) -> list[Comparison]:
    rows = spending_by_period(user=user, periods=[current, previous], mission_keys=keys)
    by_mission: dict[int, dict[tuple, Any]] = defaultdict(dict)
    missions = {}
    for row in rows:
        # by the expenditures' mission: a mission the user may not see reads as None (last)
        pk = row.records[0].mission_id
        by_mission[pk][(row.start, row.end)] = row
        missions[pk] = row.mission
    items = []
    for pk, mission in sorted(missions.items(), key=lambda item: (item[1] is None, getattr(item[1], "key", ""))):
        figures = [_spending_figure(by_mission[pk].get(period)) for period in (current, previous)]
        if figures[0].has_data or figures[1].has_data:
            items.append(Comparison(subject=SPENDING, kind=AMOUNT, mission=mission,
                                    current=figures[0], previous=figures[1]))
    return items


def _spending_figure(row) -> Figure:
    if row is None or not row.has_amount:
        return Figure()
    return Figure(row.amount, row.approximately,
                  tuple(_source(e) for e in row.records if e.amount is not None))


# --- incidents ------------------------------------------------------------------------------
def _incidents(user, keys, current, previous) -> list[Comparison]:
    incidents = list(in_missions(incidents_of(user=user, start=previous[0], end=current[1]), keys))
    periods = {"current": current, "previous": previous}
    found = {name: [i for i in incidents if start <= i.date <= end] for name, (start, end) in periods.items()}
    items = []
    for severity in Incident.Severity.values:
        of = {name: [i for i in found[name] if i.severity == severity] for name in periods}
        if not of["current"] and not of["previous"]:
            continue
        figures = {name: Figure(Decimal(len(of[name])), False, tuple(_source(i) for i in of[name]))
                   if found[name] else Figure() for name in periods}
        items.append(Comparison(subject=INCIDENTS, kind=COUNT, severity=severity,
                                current=figures["current"], previous=figures["previous"]))
    return items


# --- reporting compliance -------------------------------------------------------------------
def _compliance(user, keys, current, previous, as_of: dt.date) -> list[Comparison]:
    result = reporting_compliance(user=user, start=previous[0], end=current[1], mission_keys=keys,
                                  as_of=as_of)
    periods = [p for c in result for p in c.periods]
    figures = []
    for start, end in (current, previous):
        expected = [p for p in periods if start <= p.end <= end and p.state != ComplianceState.NOT_DUE]
        if not expected:
            figures.append(Figure())
            continue
        on_time = sum(1 for p in expected if p.state == ComplianceState.ON_TIME)
        records = [_source(p.schedule) for p in expected] + [_source(p.report) for p in expected if p.report]
        figures.append(Figure((Decimal(on_time) / Decimal(len(expected))).quantize(FOUR_PLACES), False,
                              tuple(dict.fromkeys(records))))
    if not figures[0].has_data and not figures[1].has_data:
        return []
    return [Comparison(subject=COMPLIANCE, kind=SHARE, current=figures[0], previous=figures[1])]


# --- long-term objectives -------------------------------------------------------------------
def _objectives(user, keys, start: dt.date, end: dt.date) -> list[Comparison]:
    """Progress at the end of each period: the previous period ends the day before ``start``,
    which is when ``objectives_for_period`` takes its "before"."""
    items = []
    for item in objectives_for_period(user=user, start=start, end=end, mission_keys=keys):
        figures = [_progress_figure(progress) for progress in (item.after, item.before)]
        if figures[0].has_data or figures[1].has_data:
            mission = _seen(user, item.objective.framework_version.framework.mission)
            items.append(Comparison(subject=OBJECTIVE_PROGRESS, kind=SHARE, mission=mission,
                                    record=item.objective, current=figures[0], previous=figures[1]))
    return items


def _progress_figure(progress) -> Figure:
    if progress.value is None or not progress.assessed_count:
        return Figure()
    records = [_source(progress.objective)]
    for status in progress.conditions:
        records.append(_source(status.condition))
        if status.assessment is not None:
            records.append(_source(status.assessment))
    return Figure(progress.value, False, tuple(dict.fromkeys(records)))
