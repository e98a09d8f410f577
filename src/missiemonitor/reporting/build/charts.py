"""The data of the report's charts, with their text alternatives. Drawing is the renderers'
job (render/charts.py). A chart is left out when the data holds nothing for it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.utils.translation import pgettext

from missiemonitor.core import formatting
from missiemonitor.reporting.build.base import Builder
from missiemonitor.reporting.build.facts import localized
from missiemonitor.reporting.build.phrases import compose, join
from missiemonitor.reporting.viewmodel import Chart, Run, Series


def months(start: dt.date, end: dt.date) -> list[dt.date]:
    result, current = [], start.replace(day=1)
    while current <= end:
        result.append(current)
        current = (current.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return result


def _level(records) -> int:
    return max((getattr(r, "classification", 0) for r in records), default=0)


def threat_chart(b: Builder) -> Chart | None:
    from missiemonitor.context.models import ThreatLevel

    assessed = [t for t in b.scope.threats if t.level is not None]
    if len(assessed) < 2:
        return None
    dates = sorted({t.valid_from for t in assessed if t.valid_from <= b.scope.end})
    lines: dict[str, dict[dt.date, int]] = defaultdict(dict)
    for t in assessed:
        place = b.scope.locations.get(t.location_id).name if t.location_id in b.scope.locations else t.area
        lines[f"{place}: {localized(t, 'threat', b.language)}"][t.valid_from] = t.level
    series = []
    for label, points in lines.items():
        values, current = [], None
        for day in dates:
            current = points.get(day, current)
            values.append(Decimal(current) if current is not None else None)
        series.append(Series(label, values))
    by_line: dict[str, list] = defaultdict(list)
    for t in assessed:
        by_line[localized(t, "threat", b.language)].append(t)
    items = []
    for threat, rows in by_line.items():
        steps = join([compose(pgettext("report", "level {level} from {date}"), level=b.facts.number(t.level, [t]),
                              date=b.facts.date(t.valid_from, [t], precision=t.valid_from_precision))
                      for t in rows], language=b.language)
        items.append([b.facts.name(threat, rows), ": ", *steps])
    alt: list[Run] = compose(pgettext("report", "Threat levels over time: {items}."), items=join(items, language=b.language,
                                                                               last="; ", sep="; "))
    return Chart("threat-levels", "step", pgettext("report", "Threat levels over time"), [d.isoformat() for d in dates],
                 series, pgettext("report", "level"), alt, classification=_level(assessed), y_max=Decimal(5),
                 y_ticks=[str(level.label) for level in ThreatLevel])


def headcount_chart(b: Builder) -> Chart | None:
    """People deployed per mission per month: postings where the data has them, else the
    contribution's headcount over its period."""
    spans = []  # (mission label, start, end, headcount, record)
    for contribution in b.scope.contributions:
        postings = [p for role in b.scope.roles.get(contribution.pk, [])
                    for p in b.scope.postings.get(role.pk, []) if p.headcount]
        mission = b.scope.mission(contribution.mission_id)
        label = mission.acronym or mission.name
        if postings:
            spans += [(label, p.start, p.end, p.headcount, p) for p in postings]
        elif contribution.actual_headcount:
            spans.append((label, contribution.start, contribution.end, contribution.actual_headcount,
                          contribution))
    if not spans:
        return None
    points = months(b.scope.start, b.scope.end)
    labels = list(dict.fromkeys(label for label, *_rest in spans))
    series = []
    for label in labels:
        values = []
        for month in points:
            middle = month.replace(day=15)
            total = sum(h for lab, s, e, h, _r in spans
                        if lab == label and (s is None or s <= middle) and (e is None or e >= middle))
            values.append(Decimal(total))
        series.append(Series(label, values))
    items = []
    for contribution in b.scope.contributions:
        headcount = b.facts.headcount(contribution)
        if headcount is None:
            continue
        mission = b.scope.mission(contribution.mission_id)
        items.append([b.facts.name(mission.acronym or mission.name, [mission]), " – ",
                      b.facts.name(localized(contribution, "name", b.language), [contribution]), ": ",
                      headcount])
    alt = compose(pgettext("report", "People deployed per mission over the reporting period, by month. {items}."),
                  items=join(items, language=b.language) if items else "")
    records = [r for *_rest, r in spans]
    return Chart("headcount", "stacked-bar", pgettext("report", "People deployed per mission"),
                 [formatting.format_date(m, language=b.language, precision="month") for m in points],
                 series, pgettext("report", "people"), alt, classification=_level(records))


def breakdown_chart(b: Builder, indicator, observations, dims) -> Chart | None:
    """An indicator's figure by one dimension, such as flight hours by tasking."""
    from missiemonitor.reporting.build.indicators import dimension_label

    if len(observations) < 2:
        return None
    unit = localized(indicator, "unit", b.language)
    labels = [", ".join(dimension_label(b, d, o.disaggregation[d]) for d in dims) for o in observations]
    name = localized(indicator, "name", b.language)
    percent = unit.strip() == "%"
    alt = compose(pgettext("report", "{name}: {items}."), name=name, items=join(
        [[label, " ", b.facts.number(o.value, [o], unit=unit, approximately=o.approximately, bound=o.bound,
                                     with_unit=percent)]
         for label, o in zip(labels, observations, strict=True)], language=b.language))
    return Chart(f"breakdown-{indicator.key}", "bar", name, labels,
                 [Series(unit, [o.value for o in observations])], unit, alt,
                 classification=_level(observations))


def log_breakdown_chart(b: Builder, indicator, value) -> Chart | None:
    """An indicator computed from an activity log, by the log's categories (such as tasking)."""
    from missiemonitor.reporting.build.indicators import log_sources

    if len(value.breakdown) < 2:
        return None
    unit = localized(indicator, "unit", b.language)
    name = localized(indicator, "name", b.language)
    sources = log_sources(b, indicator, value)
    alt = compose(pgettext("report", "{name}: {items}."), name=name, items=join(
        [[part.label, " ", b.facts.number(part.value, sources, unit=unit, with_unit=unit.strip() == "%")]
         for part in value.breakdown],
        language=b.language))
    return Chart(f"breakdown-{indicator.key}", "bar", name, [part.label for part in value.breakdown],
                 [Series(unit, [part.value for part in value.breakdown])], unit, alt,
                 classification=max(getattr(s, "classification", 0) for s in sources))


def spending_chart(b: Builder, spent) -> Chart | None:
    """Spending by mission and budget source. ``spent``: expenditures with an amount."""
    from missiemonitor.finance.models import BudgetSource

    if not spent:
        return None
    periods = list(dict.fromkeys((e.start, e.end) for e in spent))
    categories, index = [], {}
    for e in spent:
        mission = b.scope.mission(e.mission_id)
        label = mission.acronym or mission.name
        if len(periods) > 1:
            label += f" {formatting.format_period(e.start, e.end, language=b.language)}"
        if label not in index:
            index[label] = len(categories)
            categories.append(label)
    sources = list(dict.fromkeys(e.budget_source for e in spent))
    series = []
    for source in sources:
        values: list[Decimal | None] = [Decimal(0)] * len(categories)
        for e in spent:
            if e.budget_source == source:
                mission = b.scope.mission(e.mission_id)
                label = mission.acronym or mission.name
                if len(periods) > 1:
                    label += f" {formatting.format_period(e.start, e.end, language=b.language)}"
                values[index[label]] += e.amount
        series.append(Series(str(BudgetSource(source).label), values))
    alt = compose(pgettext("report", "Spending by mission and budget source: {items}."), items=join([
        [b.facts.name(b.scope.mission(e.mission_id).acronym, [b.scope.mission(e.mission_id)]), " ",
         b.facts.period(e.start, e.end, [e]), ", ", str(BudgetSource(e.budget_source).label), ": ",
         b.facts.money(e.amount, [e], approximately=e.approximately)] for e in spent], language=b.language))
    return Chart("spending", "stacked-bar", pgettext("report", "Spending by mission and budget source"), categories, series,
                 pgettext("report", "million euro"), alt, classification=_level(spent), y_scale=10**6)


def conditions_chart(b: Builder, progress) -> Chart | None:
    """Condition status per long-term objective, by level of the rating scale."""
    rows = [p for p in progress if p.conditions]
    if not rows or not any(c.assessment is not None for p in rows for c in p.conditions):
        return None
    not_assessed = pgettext("report", "not assessed")
    levels: dict[str, int] = {}
    for p in rows:
        for c in p.conditions:
            label = c.level_label if c.assessment is not None else not_assessed
            levels.setdefault(label, c.level_rank if c.assessment is not None else -1)
    ordered = sorted(levels, key=lambda label: levels[label])
    series = [Series(label, [Decimal(sum(1 for c in p.conditions
                                         if (c.level_label if c.assessment is not None else not_assessed) == label))
                             for p in rows]) for label in ordered]
    items = []
    for p in rows:
        met = sum(1 for c in p.conditions if c.met)
        records = [c.assessment for c in p.conditions if c.assessment is not None] or [p.lto]
        items.append(compose(pgettext("report", "{lto}: {met} of {total} conditions met"),
                             lto=b.facts.name(p.lto.code, [p.lto]),
                             met=b.facts.number(met, records), total=b.facts.number(len(p.conditions),
                                                                                    [p.lto])))
    alt = compose(pgettext("report", "Condition status per long-term objective: {items}."), items=join(items, language=b.language))
    return Chart("conditions", "hbar-stacked", pgettext("report", "Condition status per long-term objective"),
                 [p.lto.code for p in rows], series, pgettext("report", "conditions"), alt,
                 classification=_level([p.lto for p in rows]))
