"""A mission's programme, indicators with targets, and observations.

Indicators over activity logs (flight hours, movements, people trained) get typed
observations equal to the totals of the generated log rows, rounded where a report would say
"circa"; with ``--logs`` the same rows are streamed to CSV in the same pass."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from missiemonitor.synthetic.generator import logs
from missiemonitor.synthetic.generator.common import (
    ContributionPlan,
    MissionPlan,
    Options,
    active_range,
    level_of,
    mark,
    month_end,
    pick_level,
)
from missiemonitor.synthetic.generator.shared import (
    ORG_FUND,
    ORG_NGO,
    TASKING,
    TASKING_VALUES,
    UMBRELLA_PROGRAMME,
)

ADVISERS = ("military-advisers", "civil-advisers", "police", "civil-experts")


class Builder:
    def __init__(
        self, plan: MissionPlan, rng: random.Random, options: Options, sink: logs.LogSink | None
    ):
        self.plan, self.rng, self.options, self.sink = plan, rng, options, sink
        self.indicators: list[dict[str, Any]] = []
        self.observations: list[dict[str, Any]] = []
        self.programmes: list[dict[str, Any]] = []
        self.sources = [key for key, *_ in plan.refs_of("source")]

    def indicator(
        self, name: str, record: dict[str, Any], level: int, years: list[int]
    ) -> dict[str, Any]:
        record = {"key": f"{self.plan.key}-ind-{name}", "mission": self.plan.key, **record}
        targets = record.pop("targets", None)
        if targets:
            record["targets"] = [{"period": year, "value": targets(year)} for year in years]
        self.indicators.append(mark(record, level))
        self.plan.add_ref("indicator", record["key"], level)
        return record

    def observe(
        self,
        indicator: dict[str, Any],
        tag: str,
        period: Any,
        end: dt.date,
        value: Any,
        **extra: Any,
    ) -> dict[str, Any]:
        record = {
            "key": f"{indicator['key']}-{tag}",
            "indicator": indicator["key"],
            "period": period,
            "value": value,
            **extra,
        }
        if "source" not in record and self.sources and self.rng.random() < 0.3:
            record["source"] = self.sources[0]
        level = pick_level(self.rng, level_of(indicator))
        self.observations.append(mark(record, level))
        if not record.get("disaggregation"):
            self.plan.add_ref("observation", record["key"], level, end, indicator["key"])
        return record

    def years_of(self, contribution: ContributionPlan | None) -> list[tuple[int, dt.date, dt.date]]:
        start, end = (
            (contribution.start, contribution.end)
            if contribution
            else (self.plan.start, self.plan.end)
        )
        result = []
        for year in self.plan.years():
            span = active_range(
                start,
                end,
                max(dt.date(year, 1, 1), self.plan.active_start),
                min(dt.date(year, 12, 31), self.plan.active_end),
            )
            if span:
                result.append((year, *span))
        return result


def build_indicators(
    plan: MissionPlan, rng: random.Random, options: Options, sink: logs.LogSink | None
) -> dict[str, list[dict[str, Any]]]:
    b = Builder(plan, rng, options, sink)
    heli = plan.contribution("helicopter-detachment")
    if heli:
        _flights(b, heli)
    fp = plan.contribution("force-protection")
    if fp:
        _movements(b, fp)
    adviser = next((c for c in plan.contributions if c.kind in ADVISERS), None)
    if adviser:
        _training(b, adviser)
    _processing_time(b)
    _attacks(b)
    _partner_units(b, "last" if plan.index % 2 == 0 else "max")
    if plan.index == 0:
        _partner_units(b, "max")
    if plan.kind != "military" or plan.index == 0 or rng.random() < 0.3:
        _programme(b)
    return {"programmes": b.programmes, "indicators": b.indicators, "observations": b.observations}


def _round(value: int, step: int) -> int:
    return max(step, (value + step // 2) // step * step)


def _flights(b: Builder, heli: ContributionPlan) -> None:
    aircraft = next(
        (count for key, _l, _d, count in b.plan.refs_of("asset-count") if key == heli.key), 3
    )
    own_share = 0.3 if b.plan.index == 0 else b.rng.choice((0.25, 0.4, 0.55, 0.7))
    years = b.years_of(heli)
    indicator = b.indicator(
        "vlieguren",
        {
            "name": "Vlieguren",
            "name_en": "Flight hours",
            "unit": "vlieguren",
            "unit_en": "flight hours",
            "direction": "higher",
            "aggregation": "sum",
            "dimensions": [TASKING],
            "contribution": heli.key,
            "log_kind": "flight",
            "log_dimension": TASKING,
            "description": "Vlieguren van het detachement, naar taakstelling.",
            "description_en": "Flight hours of the detachment, by tasking.",
            "targets": lambda year: 2800 + 100 * (year % 3),
        },
        pick_level(b.rng, heli.level),
        [y for y, *_ in years],
    )
    for year, first, last in years:
        totals = dict.fromkeys((code for code, *_ in TASKING_VALUES), 0)
        for row in logs.flight_rows(b.options, heli.key, first, last, aircraft, own_share):
            totals[row[3]] += row[2]
            if b.sink:
                b.sink.write(
                    "flight", heli.key, heli.level, (row[0], row[1], logs.hours(row[2]), row[3])
                )
        total = sum(totals.values()) // 10
        b.observe(
            indicator,
            str(year),
            year,
            last,
            _round(total, 100),
            approximately=True,
            note="Afgerond op honderdtallen.",
        )
        for code, tenths in totals.items():
            b.observe(
                indicator,
                f"{year}-{code}",
                year,
                last,
                _round(tenths // 10, 10),
                approximately=True,
                disaggregation={TASKING: code},
            )


def _areas(plan: MissionPlan) -> tuple[str, ...]:
    return (plan.country.capital, *plan.country.cities[1:], plan.country.region[0])


def _movements(b: Builder, fp: ContributionPlan) -> None:
    years = b.years_of(fp)
    indicator = b.indicator(
        "bewegingen",
        {
            "name": "Bewegingen van de force protection",
            "name_en": "Force protection movements",
            "unit": "bewegingen",
            "unit_en": "movements",
            "direction": "higher",
            "aggregation": "sum",
            "contribution": fp.key,
            "log_kind": "movement",
            "targets": lambda year: 900,
        },
        pick_level(b.rng, fp.level),
        [y for y, *_ in years],
    )
    for n, (year, first, last) in enumerate(years):
        total = 0
        for row in logs.movement_rows(b.options, fp.key, first, last, _areas(b.plan)):
            total += row[1]
            if b.sink:
                b.sink.write("movement", fp.key, fp.level, row)
        if n % 3 == 1:
            b.observe(indicator, str(year), year, last, total // 10 * 10, bound="more-than")
        else:
            b.observe(indicator, str(year), year, last, total)


def _training(b: Builder, adviser: ContributionPlan) -> None:
    years = b.years_of(adviser)
    indicator = b.indicator(
        "training",
        {
            "name": "Getrainde functionarissen",
            "name_en": "Officials trained",
            "unit": "personen",
            "unit_en": "people",
            "direction": "higher",
            "aggregation": "sum",
            "contribution": adviser.key,
            "log_kind": "event",
            "log_category": "training",
            "targets": lambda year: 1200,
        },
        pick_level(b.rng, adviser.level),
        [y for y, *_ in years],
    )
    for year, first, last in years:
        quarters = [0, 0, 0, 0]
        for row in logs.event_rows(b.options, adviser.key, first, last, _areas(b.plan)):
            if row[1] == "training":
                quarters[(row[0].month - 1) // 3] += row[2]
            if b.sink:
                b.sink.write("event", adviser.key, adviser.level, row)
        for q, total in enumerate(quarters):
            start, end = dt.date(year, 3 * q + 1, 1), month_end(year, 3 * q + 3)
            if end < first or start > last:
                continue
            b.observe(
                indicator,
                f"{year}-q{q + 1}",
                f"{year}-{3 * q + 1:02d}..{year}-{3 * q + 3:02d}",
                end,
                total,
            )


def _processing_time(b: Builder) -> None:
    """Lower is better: average days to settle a disciplinary case, with falling targets."""
    years = b.years_of(None)
    baseline = 90 + b.rng.randint(0, 60)
    objective = f"{b.plan.key}-doel-missie"
    indicator = b.indicator(
        "doorlooptijd",
        {
            "name": "Doorlooptijd van tuchtzaken",
            "name_en": "Processing time of disciplinary cases",
            "unit": "dagen",
            "unit_en": "days",
            "direction": "lower",
            "aggregation": "average",
            "baseline": baseline,
            "baseline_date": b.plan.active_start,
            "objective": objective,
            "targets": lambda year: max(30, baseline - 10 * (year - years[0][0] + 1)),
        },
        pick_level(b.rng, b.plan.level),
        [y for y, *_ in years],
    )
    value = Decimal(baseline)
    for year, first, last in years:
        for half in (1, 2):
            start, end = dt.date(year, 6 * half - 5, 1), month_end(year, 6 * half)
            if end < first or start > last:
                continue
            value = max(Decimal(20), value + Decimal(b.rng.randint(-150, 60)) / 10)
            extra = {"approximately": True} if b.rng.random() < 0.25 else {}
            b.observe(
                indicator,
                f"{year}-h{half}",
                f"{year}-{6 * half - 5:02d}..{year}-{6 * half:02d}",
                end,
                value,
                **extra,
            )


def _attacks(b: Builder) -> None:
    """A context indicator of the area: attacks per year, lower is better."""
    years = b.years_of(None)
    indicator = b.indicator(
        "aanslagen",
        {
            "name": f"Aanslagen in {b.plan.country.name}",
            "name_en": f"Attacks in {b.plan.country.name}",
            "unit": "aanslagen",
            "unit_en": "attacks",
            "direction": "lower",
            "aggregation": "sum",
            "area": b.plan.country.name,
        },
        pick_level(b.rng, b.plan.level),
        [y for y, *_ in years],
    )
    media = [key for key, *_ in b.plan.refs_of("source") if key.endswith("-media")]
    count = b.rng.randint(20, 80)
    for n, (year, _first, last) in enumerate(years):
        count = max(0, count + b.rng.randint(-15, 12))
        extra: dict[str, Any] = {"bound": "at-least"} if n % 2 else {}
        if media:
            extra["source"] = media[0]
            if n == 0:
                extra["source_passage"] = f"Er vonden dit jaar ten minste {count} aanslagen plaats."
        b.observe(indicator, str(year), year, last, count, **extra)


def _partner_units(b: Builder, aggregation: str) -> None:
    years = b.years_of(None)
    name, name_en = (
        ("Operationele eenheden van de partner", "Operational partner units")
        if aggregation == "last"
        else ("Piek van gelijktijdig getrainde eenheden", "Peak of units in training at once")
    )
    indicator = b.indicator(
        f"eenheden-{aggregation}",
        {
            "name": name,
            "name_en": name_en,
            "unit": "eenheden",
            "unit_en": "units",
            "direction": "higher" if aggregation == "last" else "neutral",
            "aggregation": aggregation,
            "baseline": 4,
            "baseline_date": b.plan.active_start,
        },
        pick_level(b.rng, b.plan.level),
        [y for y, *_ in years],
    )
    units = 4
    for year, first, last in years:
        for q in (2, 4):
            start, end = dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q)
            if end < first or start > last:
                continue
            units = max(1, units + b.rng.randint(-1, 2))
            b.observe(
                indicator, f"{year}-q{q}", f"{year}-{3 * q - 2:02d}..{year}-{3 * q:02d}", end, units
            )


def _programme(b: Builder) -> None:
    plan = b.plan
    key = f"{plan.key}-prog"
    level = pick_level(b.rng, plan.level)
    record = {
        "key": key,
        "mission": plan.key,
        "name": f"Stabilisatieprogramma {plan.country.name}",
        "name_en": f"Stabilisation programme {plan.country.name}",
        "partner": ORG_NGO if plan.index % 2 else ORG_FUND,
        "parent": UMBRELLA_PROGRAMME,
        "ministry": "bz",
        "area": plan.country.name,
        "start": plan.active_start.year,
        "aims": "Herstel van basisvoorzieningen en lokaal bestuur.",
        "aims_en": "Restoring basic services and local governance.",
    }
    b.programmes.append(mark(record, level))
    plan.add_ref("programme", key, level)
    years = b.years_of(None)
    indicator = b.indicator(
        "bereik",
        {
            "name": "Bereikte personen",
            "name_en": "People reached",
            "unit": "personen",
            "unit_en": "people",
            "direction": "higher",
            "aggregation": "sum",
            "programme": key,
            "targets": lambda year: 5000,
        },
        pick_level(b.rng, level),
        [y for y, *_ in years],
    )
    for n, (year, _first, last) in enumerate(years):
        reached = b.rng.randint(3000, 7000)
        if n % 3 == 1:  # "een kleine 5.000"
            b.observe(
                indicator, str(year), year, last, (reached // 1000 + 1) * 1000, bound="just-under"
            )
        else:
            b.observe(indicator, str(year), year, last, _round(reached, 100), approximately=True)
