"""The integrated deployment: missions and contributions in the period, and programmes."""

from __future__ import annotations

from django.utils.translation import pgettext

from missiemonitor.core.models import Ministry
from missiemonitor.reporting.build.base import Builder
from missiemonitor.reporting.build.charts import headcount_chart
from missiemonitor.reporting.build.facts import localized
from missiemonitor.reporting.build.indicators import observation_sentences
from missiemonitor.reporting.build.phrases import compose
from missiemonitor.reporting.viewmodel import BulletList, Cell, Paragraph, Run, Section, Table


def mission_label(b: Builder, mission) -> str:
    """"Testland Missie (TLM)": the name, with the acronym unless the name holds it."""
    name = localized(mission, "name", b.language)
    if not mission.acronym or mission.acronym in name:
        return name
    return f"{name} ({mission.acronym})"


def contribution_period(b: Builder, contribution) -> list[Run]:
    start = b.facts.record_date(contribution, "start")
    end = b.facts.record_date(contribution, "end")
    if start and end:
        return compose(pgettext("report", "{start} to {end}"), start=start, end=end)
    if start:
        return compose(pgettext("report", "from {start}"), start=start)
    if end:
        return compose(pgettext("report", "until {end}"), end=end)
    return []


def deployment(b: Builder) -> Section:
    section = Section(key="deployment", title=pgettext("report", "Integrated Dutch deployment"))
    authored = bool(b.narratives("deployment"))
    covered = b.narrate(section, b.narratives("deployment"), key_prefix="deployment")
    narrative_children = section.children
    section.children = []
    items = []
    for mission in b.scope.missions:
        contributions = b.scope.contributions_of(mission)
        military = any(c.ministry == Ministry.DEFENSIE for c in contributions)
        civil = any(c.ministry != Ministry.DEFENSIE for c in contributions)
        template = (pgettext("report", "Military and civil contribution to {mission}") if military and civil
                    else pgettext("report", "Military contribution to {mission}") if military
                    else pgettext("report", "Civil contribution to {mission}"))
        items.append(compose(template, mission=b.facts.name(mission_label(b, mission), [mission])))
    if items and not authored:
        section.blocks.append(Paragraph([pgettext("report", "In this reporting period the Dutch deployment consisted of:")]))
        section.blocks.append(BulletList(items))
    if b.scope.contributions:
        section.blocks.append(_contributions_table(b))
        chart = headcount_chart(b)
        if chart is not None:
            section.blocks.append(chart)
    section.children.extend(narrative_children)
    programmes = _programmes(b, covered, authored=authored)
    if programmes:
        section.children.append(programmes)
    return section


def _contributions_table(b: Builder) -> Table:
    rows, levels = [], []
    for contribution in b.scope.contributions:
        mission = b.scope.mission(contribution.mission_id)
        headcount = b.facts.headcount(contribution)
        rows.append([
            Cell([b.facts.name(mission.acronym or mission.name, [mission])]),
            Cell([b.facts.name(localized(contribution, "name", b.language), [contribution])]),
            Cell([headcount] if headcount else ["–"], numeric=True),
            Cell(contribution_period(b, contribution) or ["–"]),
        ])
        levels.append(contribution.classification)
    return Table(caption=pgettext("report", "Dutch contributions in the reporting period"),
                 header=[pgettext("report", "Mission"), pgettext("report", "Contribution"), pgettext("report", "People"), pgettext("report", "Period")],
                 rows=rows, row_classifications=levels)


def _programmes(b: Builder, covered, *, authored: bool) -> Section | None:
    """Programmes beside the missions, with their figures. Where authored text already tells a
    programme (names it or one of its figures), it is not told again."""
    section = Section(key="programmes", title=pgettext("report", "Programmes"))
    for programme in b.scope.programmes:
        indicators = [i for i in b.scope.indicators if i.programme_id == programme.pk]
        observations = [o for i in indicators for o in b.scope.observations.get(i.pk, [])]
        if b.mentions(covered, programme, *indicators, *observations):
            continue
        runs: list[Run] = [b.facts.name(localized(programme, "name", b.language), [programme])]
        partner = b.scope.organisations.get(programme.partner_id) if programme.partner_id else None
        if partner is not None and (partner.acronym or partner.name) not in runs[0].text:
            runs += [" (", b.facts.name(partner.acronym or partner.name, [partner]), ")"]
        start, end = b.facts.record_date(programme, "start"), b.facts.record_date(programme, "end")
        if start and end:
            runs += [", ", *compose(pgettext("report", "{start} to {end}"), start=start, end=end)]
        elif start:
            runs += [", ", *compose(pgettext("report", "from {start}"), start=start)]
        aims = localized(programme, "aims", b.language).strip().rstrip(".")
        runs += [": ", b.facts.statement(aims, [programme])] if aims else []
        runs.append(".")
        section.blocks.append(Paragraph(runs, classification=programme.classification))
        sentences = observation_sentences(b, indicators, covered)
        if sentences:
            section.blocks.append(BulletList(sentences))
    return section if section.blocks else None
