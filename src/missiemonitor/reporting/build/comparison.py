"""Changes since the previous report: the largest changes against the previous period of the
same length, and what the data do not hold for that period (``reporting.comparison``).

The section follows the essence: a reader of a progress report first wants to know what
changed, before the detail of the sections after it. Every figure is a fact that names the
records of its period; a change names the records of both. Where the previous period has no
data, the section says so and prints no figure for it, never a zero.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.apps import apps
from django.utils.translation import npgettext, pgettext

from missiemonitor.context.models import Incident
from missiemonitor.reporting.build.base import Builder
from missiemonitor.reporting.build.facts import localized
from missiemonitor.reporting.build.phrases import compose, join
from missiemonitor.reporting.comparison import (
    AMOUNT,
    COMPLIANCE,
    FLIGHT_HOURS,
    INCIDENTS,
    OBJECTIVE_PROGRESS,
    PERSONNEL,
    SHARE,
    SPENDING,
    SUBJECTS,
    Comparison,
    Figure,
    period_comparison,
)
from missiemonitor.reporting.viewmodel import BulletList, Fact, Paragraph, RecordRef, Run, Section

LARGEST = 5  # changes the section names


def comparison(b: Builder) -> Section:
    section = Section(key="comparison", title=pgettext("report", "Changes since the previous report"))
    if not b.scope.missions:
        return section
    result = period_comparison(user=b.scope.user, start=b.scope.start, end=b.scope.end,
                               mission_keys=[m.key for m in b.scope.missions])
    titles = _loaded(b)
    section.blocks.append(Paragraph(compose(pgettext("report",
        "The figures of this period are compared with those of the previous period of the same "
        "length, {period}."), period=b.facts.period(result.previous_start, result.previous_end, []))))
    changes = result.largest(LARGEST)
    if changes:
        section.blocks.append(Paragraph([pgettext("report", "The largest changes:")]))
        section.blocks.append(BulletList([_change(b, item, titles) for item in changes]))
    elif result.unchanged:
        section.blocks.append(Paragraph([pgettext("report",
            "The figures that both periods hold did not change.")]))
    if result.without_previous:
        section.blocks.append(Paragraph(compose(pgettext("report",
            "For the previous period, no data were recorded on {subjects}."),
            subjects=_subjects(b, result.without_previous))))
    if result.without_current:
        section.blocks.append(Paragraph(compose(pgettext("report",
            "For this period, no data were recorded on {subjects}, unlike the previous period."),
            subjects=_subjects(b, result.without_current))))
    if not result.items:
        section.blocks.append(Paragraph([pgettext("report",
            "The data hold no figures to compare with the previous period.")]))
    return section


# --- one change -----------------------------------------------------------------------------
def _change(b: Builder, item: Comparison, titles) -> list[Run]:
    before = _value(b, item, item.previous, titles)
    after = _value(b, item, item.current, titles)
    change = _amount_of_change(b, item, _refs(b, item, item.records, titles))
    template = (pgettext("report", "{subject}: from {before} to {after}, an increase of {change}.")
                if item.direction == "up" else
                pgettext("report", "{subject}: from {before} to {after}, a decrease of {change}."))
    return compose(template, subject=_label(b, item), before=before, after=after, change=change)


def _value(b: Builder, item: Comparison, figure: Figure, titles) -> Fact:
    sources = _refs(b, item, figure.records, titles)
    if item.kind == AMOUNT:
        return b.facts.money(figure.value, sources, approximately=figure.approximately)
    if item.kind == SHARE:
        return b.facts.number(_percent(figure.value), sources, unit="%", with_unit=True)
    return b.facts.number(_plain(figure.value), sources, approximately=figure.approximately)


def _amount_of_change(b: Builder, item: Comparison, sources) -> list[Run]:
    size = item.change_size
    if item.change_unit == "points":
        return compose(npgettext("report", "{n} percentage point", "{n} percentage points",
                                 1 if size == 1 else 2), n=b.facts.number(size, sources))
    if item.change_unit == "percent":
        return [b.facts.number(size, sources, unit="%", with_unit=True, approximately=item.approximately)]
    if item.change_unit == "amount":
        return [b.facts.money(size, sources, approximately=item.approximately)]
    return [b.facts.number(_plain(size), sources, approximately=item.approximately)]


def _label(b: Builder, item: Comparison) -> list[Run]:
    if item.subject == FLIGHT_HOURS:
        return [b.facts.name(localized(item.record, "name", b.language), [item.record])]
    if item.subject == PERSONNEL:
        return compose(pgettext("report", "Personnel deployed with {mission} on the last day of the period"),
                       mission=_mission(b, item.mission))
    if item.subject == SPENDING:
        return compose(pgettext("report", "Spending on {mission}"), mission=_mission(b, item.mission))
    if item.subject == INCIDENTS:
        return compose(pgettext("report", "Incidents ({severity})"),
                       severity=str(Incident.Severity(item.severity).label))
    if item.subject == COMPLIANCE:
        return [pgettext("report", "Field reports received on time")]
    return compose(pgettext("report", "Progress on {objective}"), objective=_objective(b, item.record))


# --- what the data do not hold -------------------------------------------------------------
def _subjects(b: Builder, items: list[Comparison]) -> list[Run]:
    """The subjects of ``items`` as one phrase: "vlieguren van …, het uitgezonden personeel bij
    A en B en incidenten"."""
    parts: list[list[Run]] = []
    for subject in SUBJECTS:
        of = [item for item in items if item.subject == subject]
        if not of:
            continue
        if subject == FLIGHT_HOURS:
            parts.extend([b.facts.name(_lower_first(localized(item.record, "name", b.language)), [item.record])]
                         for item in of)
        elif subject == PERSONNEL:
            parts.append(compose(pgettext("report", "personnel deployed with {missions}"),
                                 missions=_missions(b, of)))
        elif subject == SPENDING:
            parts.append(compose(pgettext("report", "spending on {missions}"), missions=_missions(b, of)))
        elif subject == INCIDENTS:
            parts.append([pgettext("report", "incidents")])
        elif subject == COMPLIANCE:
            parts.append([pgettext("report", "the timeliness of field reports")])
        elif subject == OBJECTIVE_PROGRESS:
            objectives = join([[_objective(b, item.record)] for item in of], language=b.language)
            parts.append(compose(pgettext("report", "progress on {objectives}"), objectives=objectives))
    return join(parts, language=b.language)


# --- helpers --------------------------------------------------------------------------------
def _mission(b: Builder, mission: Any) -> Fact:
    return b.facts.name(mission.acronym or localized(mission, "name", b.language), [mission])


def _missions(b: Builder, items: list[Comparison]) -> list[Run]:
    return join([[_mission(b, item.mission)] for item in items], language=b.language)


def _objective(b: Builder, objective: Any) -> Fact:
    return b.facts.name(objective.code or localized(objective, "title", b.language), [objective])


def _lower_first(text: str) -> str:
    """"Vlieguren van …" inside a sentence: "vlieguren van …"; an acronym stays as it is."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _percent(share: Decimal) -> Decimal:
    return (share * 100).quantize(Decimal("0.1")).normalize()


def _plain(value: Decimal) -> Decimal:
    """1300.0000 as 1300: the figure as the data state it, without the places of a sum."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _loaded(b: Builder) -> dict[tuple[str, str], Any]:
    """The records the report has loaded already, by (model label, key): their titles are
    written in the report's language."""
    scope = b.scope
    records: list[Any] = [*scope.missions, *scope.contributions, *scope.indicators, *scope.incidents,
                          *scope.expenditures]
    for groups in (scope.postings, scope.observations, scope.ltos):
        for items in groups.values():
            records.extend(items)
    return {(r._meta.label, r.key): r for r in records}


def _refs(b: Builder, item: Comparison, sources, titles) -> list[RecordRef]:
    """Provenance in the report's terms: the record's kind and title in the report's language
    (for records the report has not loaded otherwise: its key), at its classification."""
    refs = []
    for source in sources:
        loaded = titles.get((source.model, source.key))
        if loaded is not None:
            refs.append(b.facts.ref(loaded))
            continue
        if source.model == "results.LogEntry":
            kind = pgettext("report", "activity log")
            title = f"{localized(item.record, 'name', b.language)} ({source.key})"
        else:
            kind = str(apps.get_model(source.model)._meta.verbose_name)
            title = source.key
        refs.append(RecordRef(label=source.model, key=source.key, classification=source.classification,
                              kind=kind, title=title))
    return refs
