"""Progress per mission: its objectives, progress on the long-term objectives with the rule
used, and a look back at each Dutch contribution (headcount, period, output, incidents)."""

from __future__ import annotations

from django.utils.translation import npgettext, pgettext

from missiemonitor.reporting.build import adapters
from missiemonitor.reporting.build.base import Builder
from missiemonitor.reporting.build.charts import (
    breakdown_chart,
    conditions_chart,
    log_breakdown_chart,
)
from missiemonitor.reporting.build.deployment import contribution_period
from missiemonitor.reporting.build.facts import localized
from missiemonitor.reporting.build.front import when
from missiemonitor.reporting.build.indicators import (
    breakdowns,
    log_values,
    observation_sentences,
)
from missiemonitor.reporting.build.phrases import capitalise, compose, join
from missiemonitor.reporting.viewmodel import BulletList, Cell, Paragraph, Run, Section, Table


def mission_sections(b: Builder) -> list[Section]:
    progress = adapters.objective_progress(user=b.scope.user, start=b.scope.start, end=b.scope.end,
                                           mission_keys=[m.key for m in b.scope.missions],
                                           language=b.language)
    return [_mission(b, mission, [p for p in progress if p.lto.mission_id == mission.pk])
            for mission in b.scope.missions]


def _mission(b: Builder, mission, progress) -> Section:
    name = localized(mission, "name", b.language)
    section = Section(key=f"mission-{mission.key}", title=pgettext("report", "Progress of {mission}").format(mission=name),
                      classification=mission.classification)
    blocks = b.narratives("mission", mission=mission)
    covered = b.narrate(section, blocks, key_prefix=f"mission-{mission.key}",
                        title_from_first=bool(blocks and blocks[0].heading))
    narrative_children, section.children = section.children, []
    if not blocks:
        description = localized(mission, "description", b.language)
        if description:
            section.blocks.append(Paragraph([b.facts.statement(description, [mission])]))
        objectives = [o for o in b.scope.objectives if o.mission_id == mission.pk and o.contribution_id is None
                      and not b.mentions(covered, o)]
        if objectives:
            section.blocks.append(Paragraph([pgettext("report", "The objectives of the mission:")]))
            section.blocks.append(BulletList([[b.facts.statement(localized(o, "title", b.language), [o])]
                                              for o in objectives]))
    section.children.extend(narrative_children)
    ltos = _ltos(b, mission, progress, covered)
    if ltos is not None:
        section.children.append(ltos)
    for contribution in b.scope.contributions_of(mission):
        section.children.append(_contribution(b, contribution))
    return section


def _rule_label(rule: str) -> str:
    from missiemonitor.results.models import ProgressRule

    try:
        return str(ProgressRule(rule).label)
    except ValueError:
        return rule


def _ltos(b: Builder, mission, progress, covered) -> Section | None:
    if not progress:
        return None
    section = Section(key=f"ltos-{mission.key}", title=pgettext("report", "Progress on the long-term objectives"))
    rows, levels = [], []
    for p in progress:
        met = sum(1 for c in p.conditions if c.met)
        assessed = [c.assessment for c in p.conditions if c.assessment is not None]
        sources = assessed or [p.lto]
        if p.rule == "weakest":
            weakest = min((c for c in p.conditions if c.assessment is not None),
                          key=lambda c: c.level_rank or 0, default=None)
            value: list[Run] = (compose(pgettext("report", "weakest condition: {level}"),
                                        level=b.facts.name(weakest.level_label, [weakest.assessment]))
                                if weakest else [pgettext("report", "not assessed")])
        elif p.conditions:
            value = compose(pgettext("report", "{met} of {total} conditions met"), met=b.facts.number(met, sources),
                            total=b.facts.number(len(p.conditions), [p.lto]))
            if p.met_before is not None and p.met_before != met:
                value += [" (", *compose(pgettext("report", "at the start of the period: {before}"),
                                         before=b.facts.number(p.met_before, sources)), ")"]
        else:
            value = [pgettext("report", "no conditions")]
        rows.append([Cell([b.facts.name(p.lto.code, [p.lto])]),
                     Cell([b.facts.statement(localized(p.lto, "title", b.language), [p.lto])]),
                     Cell([_rule_label(p.rule)]), Cell(value)])
        levels.append(max([p.lto.classification, *(a.classification for a in assessed)]))
    section.blocks.append(Paragraph(compose(
        pgettext("report", "Progress is measured against conditions; the table gives for each long-term objective the "
          "rule used and the result of the latest approved assessments up to {date}."),
        date=b.facts.date(b.scope.end, []))))
    section.blocks.append(Table(caption=pgettext("report", "Long-term objectives"),
                                header=[pgettext("report", "Code"), pgettext("report", "Long-term objective"), pgettext("report", "Rule"), pgettext("report", "Progress")],
                                rows=rows, row_classifications=levels))
    chart = conditions_chart(b, progress)
    if chart is not None:
        section.blocks.append(chart)
    return section


def people(b: Builder, fact) -> list[Run]:
    return compose(npgettext("report", "{n} person", "{n} people", int(fact.value)), n=fact)


def _contribution(b: Builder, contribution) -> Section:
    """A look back at one contribution. Authored text, when there is any, tells it; the data
    then adds only what the text leaves out that a reader must not miss (incidents) and the
    charts. Without authored text, sentences from the data tell it."""
    title = localized(contribution, "name", b.language)
    section = Section(key=f"contribution-{contribution.key}", title=title,
                      classification=contribution.classification)
    blocks = b.narratives("contribution", contribution=contribution)
    covered = b.narrate(section, blocks, key_prefix=f"contribution-{contribution.key}",
                        title_from_first=True)
    authored = bool(blocks)
    sentences: list[list[Run]] = [] if authored else _look_back(b, contribution, title, covered)
    for incident in b.scope.incidents:
        if incident.contribution_id != contribution.pk or b.mentions(covered, incident):
            continue
        date = b.facts.record_date(incident, "date")
        text = b.facts.statement(localized(incident, "description", b.language).rstrip("."), [incident])
        runs = capitalise(compose(pgettext("report", "Incident {when}: {text}"), when=when(b, date), text=text))
        outcome = localized(incident, "outcome", b.language)
        if outcome:
            runs += [". ", b.facts.statement(outcome.rstrip("."), [incident])]
        sentences.append([*runs, "."])
    if sentences:
        section.blocks.extend(Paragraph(s) for s in sentences)
    indicators = [i for i in b.scope.indicators if i.contribution_id == contribution.pk]
    for indicator in indicators:
        for (dims, _start, _end), observations in breakdowns(b, indicator).items():
            chart = breakdown_chart(b, indicator, observations, dims)
            if chart is not None:
                section.blocks.append(chart)
        logged = log_values(b).get(indicator.pk)
        if logged is not None and logged.breakdown and not breakdowns(b, indicator):
            chart = log_breakdown_chart(b, indicator, logged)
            if chart is not None:
                section.blocks.append(chart)
    if section.is_empty():
        section.blocks.append(Paragraph([pgettext("report", "The data hold no figures for this contribution in this period.")]))
    return section


def _look_back(b: Builder, contribution, title: str, covered) -> list[list[Run]]:
    sentences: list[list[Run]] = []
    headcount = b.facts.headcount(contribution)
    period = contribution_period(b, contribution)
    name = b.facts.name(title, [contribution])
    if headcount and period:
        sentences.append(compose(pgettext("report", "{name}: {people}, {period}."), name=name, people=people(b, headcount),
                                 period=period))
    elif headcount:
        sentences.append(compose(pgettext("report", "{name}: {people}."), name=name, people=people(b, headcount)))
    elif period:
        sentences.append(compose(pgettext("report", "{name}: {period}."), name=name, period=period))
    assets = b.scope.assets.get(contribution.pk, [])
    if assets:
        sentences.append(compose(pgettext("report", "Materiel: {items}."), items=join(
            [[b.facts.number(a.count, [a], approximately=a.count_approximately), " ",
              b.facts.name(localized(a, "asset_type", b.language), [a])] if a.count is not None
             else [b.facts.name(localized(a, "asset_type", b.language), [a])] for a in assets],
            language=b.language)))
    roles = b.scope.roles.get(contribution.pk, [])
    if len(roles) > 1:
        sentences.append(compose(pgettext("report", "Posts: {items}."), items=join(
            [[b.facts.number(r.headcount, [r], approximately=r.headcount_approximately), " ",
              b.facts.name(localized(r, "name", b.language), [r])] if r.headcount is not None
             else [b.facts.name(localized(r, "name", b.language), [r])] for r in roles], language=b.language)))
    indicators = [i for i in b.scope.indicators if i.contribution_id == contribution.pk]
    sentences += observation_sentences(b, indicators, covered)
    for milestone in b.scope.milestones.get(contribution.pk, []):
        date = b.facts.record_date(milestone, "date")
        text = b.facts.statement(localized(milestone, "text", b.language).rstrip("."), [milestone])
        runs = capitalise(compose(pgettext("report", "{when}: {text}"), when=when(b, date), text=text)) if date else [text]
        if milestone.planned:
            runs.append(" " + pgettext("report", "(planned)"))
        sentences.append([*runs, "."])
    return sentences
