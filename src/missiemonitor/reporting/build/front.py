"""The opening, the essence and the monitoring section."""

from __future__ import annotations

from django.utils.translation import pgettext

from missiemonitor.reporting.build.base import Builder
from missiemonitor.reporting.build.facts import localized
from missiemonitor.reporting.build.phrases import capitalise, compose, join
from missiemonitor.reporting.viewmodel import BulletList, Fact, Paragraph, Run, Section


def mission_names(b: Builder, *, short: bool = False) -> list[Run]:
    """The missions in scope: "Testland Missie (TLM)", or only acronyms when ``short``."""
    from missiemonitor.reporting.build.deployment import mission_label

    items = []
    for mission in b.scope.missions:
        text = (mission.acronym or mission.name) if short else mission_label(b, mission)
        items.append([b.facts.name(text, [mission])])
    return join(items, language=b.language) if items else [pgettext("report", "no missions")]


def period_fact(b: Builder) -> Fact:
    """The report's own period: a parameter of the report, not a record."""
    fact = b.facts.period(b.scope.start, b.scope.end, [])
    return fact


def when(b: Builder, fact: Fact) -> list[Run]:
    """"op 7 juli 2023" / "in augustus 2024" (and "on" / "in")."""
    if fact.precision == "day":
        return compose(pgettext("report", "on {date}"), date=fact)
    return compose(pgettext("report", "in {date}"), date=fact)


def opening(b: Builder) -> Section:
    section = Section(key="opening", title="")
    covered = b.narrate(section, b.narratives("opening"), key_prefix="opening")
    if section.blocks or section.children:
        return section
    mandates = [m for m in b.scope.mandates if not b.mentions(covered, m)]
    cited = []
    for mandate in mandates:
        title = localized(mandate, "short_title", b.language) or localized(mandate, "title", b.language)
        cited.append([b.facts.name(title, [mandate]), b.cite(mandate)])
    if cited:
        runs = compose(pgettext("report", "In accordance with article 100 of the Constitution and with reference to "
                         "{mandates}, you receive herewith the progress report on the Dutch "
                         "contribution to {missions} from {period}."),
                       mandates=join(cited, language=b.language), missions=mission_names(b),
                       period=period_fact(b))
    else:
        runs = compose(pgettext("report", "You receive herewith the progress report on the Dutch contribution to "
                         "{missions} from {period}."), missions=mission_names(b), period=period_fact(b))
    section.blocks.append(Paragraph(runs))
    return section


def essence(b: Builder) -> Section:
    section = Section(key="essence", title=pgettext("report", "Essence"))
    b.narrate(section, b.narratives("essence"), key_prefix="essence")
    if not section.blocks and not section.children:
        section.blocks.append(Paragraph(compose(pgettext("report",
            "This progress report gives insight into the progress of the Dutch contribution to "
            "{missions} in the period mentioned. It looks back on the integrated Dutch deployment, "
            "on the progress within the missions and of the Dutch contribution to them, and on the "
            "political and security developments that shape the context of the deployment."),
            missions=mission_names(b))))
    return section


def monitoring(b: Builder) -> Section:
    section = Section(key="monitoring", title=pgettext("report", "Monitoring"))
    blocks = b.narratives("monitoring")
    covered = b.narrate(section, blocks, key_prefix="monitoring")
    authored = bool(blocks)
    for visit in b.scope.visits:
        if b.mentions(covered, visit):
            continue
        date = b.facts.record_date(visit, "start")
        title = b.facts.name(localized(visit, "title", b.language), [visit])
        organisations = [b.scope.organisations[pk] for pk in b.scope.visit_organisations.get(visit.pk, [])
                         if pk in b.scope.organisations]
        names = join([[b.facts.name(o.acronym or o.name, [o])] for o in organisations], language=b.language)
        if date and organisations:
            runs = compose(pgettext("report", "{when} {organisations} carried out a monitoring visit: {title}."),
                           when=when(b, date), organisations=names, title=title)
        elif date:
            runs = compose(pgettext("report", "{when} a monitoring visit took place: {title}."), when=when(b, date), title=title)
        else:
            runs = compose(pgettext("report", "A monitoring visit took place: {title}."), title=title)
        section.blocks.append(Paragraph(capitalise(runs)))
        purpose = localized(visit, "purpose", b.language)
        if purpose:
            section.blocks.append(Paragraph([b.facts.statement(purpose, [visit])]))
        if authored:
            continue
        findings = [f for f in b.scope.findings.get(visit.pk, []) if not b.mentions(covered, f)]
        if findings:
            section.blocks.append(Paragraph([pgettext("report", "The visit found:")]))
            section.blocks.append(BulletList([[b.facts.statement(localized(f, "text", b.language), [f])]
                                              for f in findings]))
    adjustments = _adjustments(b, covered)
    if adjustments and not authored:
        section.blocks.append(Paragraph([pgettext("report", "Following the monitoring, these adjustments were made:")]))
        section.blocks.append(BulletList(adjustments))
    framework = _framework(b, covered)
    if framework:
        section.children.append(framework)
    if section.is_empty():
        section.blocks.append(Paragraph([pgettext("report", "No monitoring visits took place in this period.")]))
    return section


def _adjustments(b: Builder, covered) -> list[list[Run]]:
    items = []
    for findings in b.scope.findings.values():
        for finding in findings:
            for action in b.scope.actions.get(finding.pk, []):
                text = localized(action, "adjustment", b.language)
                if not text or b.mentions(covered, action):
                    continue
                runs: list[Run] = [b.facts.statement(text, [action])]
                contribution = b.scope.contribution(action.adjusted_contribution_id)
                if contribution is not None:
                    runs += [" (", b.facts.name(localized(contribution, "name", b.language), [contribution]), ")"]
                items.append(runs)
    return items


def _framework(b: Builder, covered) -> Section | None:
    from missiemonitor.results.models import FrameworkVersion, ProgressRule

    section = Section(key="framework", title=pgettext("report", "The monitoring and evaluation framework"))
    for framework in b.scope.frameworks:
        versions = b.scope.versions.get(framework.pk, [])
        if not versions:
            continue
        version = versions[-1]
        if b.mentions(covered, version, framework):
            continue
        name = b.facts.name(localized(framework, "name", b.language), [framework])
        label = b.facts.name(version.label, [version])
        basis = (pgettext("report", "conditions, not time") if version.basis == FrameworkVersion.Basis.CONDITIONS
                 else pgettext("report", "time"))
        rule = str(ProgressRule(version.progress_rule).label)
        runs = compose(pgettext("report", "{framework} (version {version}) measures progress against {basis}; "
                                "the progress rule for a long-term objective is: {rule}."),
                       framework=name, version=label, basis=basis, rule=rule)
        if version.stated_objective_count is not None:
            count = b.facts.number(version.stated_objective_count, [version])
            runs += [" ", *compose(pgettext("report", "It comprises {count} long-term objectives."), count=count)]
        section.blocks.append(Paragraph(runs))
    return section if section.blocks else None
