"""Output and outcome figures: indicator observations (with the previous period where the data
has it) and values computed from activity logs by the results selectors."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils.translation import pgettext

from missiemonitor.core import formatting
from missiemonitor.core.periods import previous_period
from missiemonitor.reporting.build import adapters
from missiemonitor.reporting.build.base import Builder
from missiemonitor.reporting.build.facts import localized
from missiemonitor.reporting.build.phrases import compose, join
from missiemonitor.reporting.viewmodel import Fact, RecordRef, Run


def log_values(b: Builder) -> dict[int, adapters.LogValue]:
    if not hasattr(b, "_log_values"):
        b._log_values = adapters.log_values(user=b.scope.user, indicators=b.scope.indicators,
                                            start=b.scope.start, end=b.scope.end, language=b.language)
    return b._log_values


def previous_log_values(b: Builder) -> dict[int, adapters.LogValue]:
    """Log-based values over the period of the same length just before the report's (the one the
    comparison with the previous period uses: May 2023 to April 2024 before May 2024 to April
    2025)."""
    if not hasattr(b, "_previous_log_values"):
        start, end = previous_period(b.scope.start, b.scope.end)
        b._previous_log_values = adapters.log_values(user=b.scope.user, indicators=b.scope.indicators,
                                                     start=start, end=end, language=b.language)
    return b._previous_log_values


def log_sources(b: Builder, indicator, logged: adapters.LogValue) -> list:
    """The indicator and the imported logs (one reference per import batch) a value came from,
    marked at the highest classification of the log rows in scope."""
    level = b.scope.log_levels.get((indicator.contribution_id, indicator.log_kind), 0)
    sources: list = [indicator]
    for label, key in logged.records:
        if label == "results.LogEntry":
            sources.append(RecordRef(label=label, key=key, classification=level, kind=pgettext("report", "activity log"),
                                     title=f"{localized(indicator, 'name', b.language)} ({key})"))
    return sources


def totals(b: Builder, indicator) -> list:
    """Observations of the indicator's total (no disaggregation), oldest first, that overlap the
    report period or the year before it."""
    return [o for o in b.scope.observations.get(indicator.pk, []) if not o.disaggregation]


def breakdowns(b: Builder, indicator) -> dict[tuple, list]:
    """Disaggregated observations in the period, grouped by (dimension keys, start, end)."""
    grouped: dict[tuple, list] = defaultdict(list)
    for obs in b.scope.observations.get(indicator.pk, []):
        if obs.disaggregation and obs.end >= b.scope.start and obs.start <= b.scope.end:
            grouped[(tuple(sorted(obs.disaggregation)), obs.start, obs.end)].append(obs)

    def rank(obs):
        values = [b.scope.dimension_values.get((d, obs.disaggregation[d])) for d in sorted(obs.disaggregation)]
        return [(v.order, v.code) if v is not None else (1 << 16, "") for v in values]

    return {key: sorted(items, key=rank) for key, items in grouped.items()}


def period_phrase(b: Builder, start, end, sources) -> list[Run]:
    """"in 2024", "tot nu toe in 2025" (a year not over when the report closes), "in mei 2024",
    "van mei 2024 tot en met april 2025"."""
    if (start.month, start.day) == (1, 1) and end.year == start.year and (end.month, end.day) != (12, 31) \
            and end >= b.scope.end and (end + dt.timedelta(days=1)).day == 1:
        year = Fact("date", start, str(start.year), b.facts.refs(sources), precision="year")
        return compose(pgettext("report", "so far in {year}"), year=year)
    if (start, end) == (b.scope.start, b.scope.end):
        return [pgettext("report", "in the reporting period")]
    period = b.facts.period(start, end, sources)
    if formatting.THROUGH[b.language] in period.text:
        return compose(pgettext("report", "from {period}"), period=period)
    return compose(pgettext("report", "in {period}"), period=period)


def dimension_label(b: Builder, dimension: str, code: str) -> str:
    value = b.scope.dimension_values.get((dimension, code))
    if value is None:
        return code
    return localized(value, "label", b.language) or code


def observation_sentences(b: Builder, indicators, covered) -> list[list[Run]]:
    """One sentence per indicator: its figures per period, in order ("circa 400 operaties in
    2024; circa 100 tot nu toe in 2025"), and its breakdowns."""
    sentences = []
    for indicator in indicators:
        name = b.facts.name(localized(indicator, "name", b.language), [indicator])
        unit = localized(indicator, "unit", b.language)
        percent = unit.strip() == "%"
        parts: list[list[Run]] = []
        observed = [o for o in totals(b, indicator) if not b.mentions(covered, o)]
        in_period = [o for o in observed if o.end >= b.scope.start]
        logged = log_values(b).get(indicator.pk)
        if in_period:
            for i, obs in enumerate(observed):
                value = b.facts.number(obs.value, [obs], unit=unit, approximately=obs.approximately,
                                       bound=obs.bound, with_unit=i == 0 or percent)
                parts.append([value, " ", *period_phrase(b, obs.start, obs.end, [obs])])
        elif logged is not None and not b.mentions(covered, indicator):
            sources = log_sources(b, indicator, logged)
            value = b.facts.number(logged.value, sources, unit=unit, approximately=logged.approximately,
                                   bound=logged.bound, with_unit=True)
            parts.append(compose(pgettext("report", "{value} in the reporting period"), value=value))
            before = previous_log_values(b).get(indicator.pk)
            if before is not None:
                parts[-1] += [" (", *compose(pgettext("report", "the previous period: {value}"), value=b.facts.number(
                    before.value, log_sources(b, indicator, before), unit=unit, approximately=before.approximately,
                    bound=before.bound, with_unit=percent)), ")"]
            if len(logged.breakdown) > 1:
                split = [[part.label, " ", b.facts.number(part.value, sources, unit=unit, with_unit=percent)]
                         for part in logged.breakdown]
                parts[-1] += [" (", *join(split, language=b.language), ")"]
        for (dims, _start, _end), observations in breakdowns(b, indicator).items():
            fresh = [o for o in observations if not b.mentions(covered, o)]
            if not fresh:
                continue
            split = []
            for obs in fresh:
                label = ", ".join(dimension_label(b, d, obs.disaggregation[d]) for d in dims)
                split.append([label, " ", b.facts.number(obs.value, [obs], unit=unit, bound=obs.bound,
                                                         approximately=obs.approximately, with_unit=percent)])
            parts.append(compose(pgettext("report", "by {dimension}: {values}"), dimension=_dimension_name(b, dims),
                                 values=join(split, language=b.language)))
        if parts:
            sentence: list[Run] = [name, ": "]
            for i, part in enumerate(parts):
                if i:
                    sentence.append("; ")
                sentence.extend(part)
            sentence.append(".")
            sentences.append(sentence)
    return sentences


def _dimension_name(b: Builder, dims: tuple) -> str:
    names = []
    for key in dims:
        value = next((v for (d, _c), v in b.scope.dimension_values.items() if d == key), None)
        names.append(localized(value.dimension, "name", b.language).lower() if value else key)
    return " × ".join(names)
