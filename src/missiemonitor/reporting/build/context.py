"""Political and security developments (context events and threat levels) and the general
points of attention (the attention-point rules and authored text)."""

from __future__ import annotations

from django.apps import apps
from django.db.models import CharField, Value
from django.db.models.functions import Cast
from django.utils.translation import pgettext

from missiemonitor.context.models import ContextEvent, ThreatAssessment
from missiemonitor.reporting.build import adapters
from missiemonitor.reporting.build.base import Builder
from missiemonitor.reporting.build.charts import threat_chart
from missiemonitor.reporting.build.facts import localized
from missiemonitor.reporting.build.front import when
from missiemonitor.reporting.build.phrases import capitalise, compose
from missiemonitor.reporting.viewmodel import BulletList, Paragraph, RecordRef, Run, Section

POLITICAL = {ContextEvent.Category.POLITICAL, ContextEvent.Category.HUMAN_RIGHTS,
             ContextEvent.Category.DIPLOMATIC}


def developments(b: Builder) -> Section:
    section = Section(key="developments", title=pgettext("report", "Political and security developments"))
    political = Section(key="political", title=pgettext("report", "Political developments"))
    security = Section(key="security", title=pgettext("report", "Security developments"))
    covered_p = b.narrate(political, b.narratives("political"), key_prefix="political")
    covered_s = b.narrate(security, b.narratives("security"), key_prefix="security")
    covered = covered_p | covered_s
    for target, blocks, categories in (
        (political, b.narratives("political"), POLITICAL),
        (security, b.narratives("security"), None),
    ):
        if blocks:
            continue  # the authors tell these developments; the event list is not repeated
        events = [e for e in b.scope.events
                  if (e.category in POLITICAL) == (categories is not None) and not b.mentions(covered, e)]
        if events:
            target.blocks.append(BulletList([_event(b, e) for e in events]))
    threats = [t for t in b.scope.threats if t.valid_from >= b.scope.start and not b.mentions(covered, t)]
    if threats:
        target = security.children[-1] if security.children else security
        target.blocks.append(Paragraph(_threat_sentences(b, threats)))
    chart = threat_chart(b)
    if chart is not None:
        security.blocks.append(chart)
    for child in (political, security):
        if child.blocks:
            section.children.append(child)
        else:  # only authored parts with their own headings: those head the developments
            section.children.extend(child.children)
    if section.is_empty():
        section.blocks.append(Paragraph([pgettext("report", "The data hold no political or security developments for "
                                           "this period.")]))
    return section


def _event(b: Builder, event: ContextEvent) -> list[Run]:
    date = b.facts.record_date(event, "start")
    runs: list[Run] = [date, ": "] if date else []
    runs.append(b.facts.name(localized(event, "title", b.language), [event]))
    figures = b.scope.event_figures.get(event.pk, [])
    if figures:
        runs.append(" (")
        for i, figure in enumerate(figures):
            if i:
                runs.append(", ")
            runs.append(b.facts.number(figure.value, [event], approximately=figure.approximately,
                                       unit=localized(figure, "unit", b.language), with_unit=True))
        runs.append(")")
    if event.planned:
        runs.append(" " + pgettext("report", "(planned)"))
    return runs


def _threat_sentences(b: Builder, threats: list[ThreatAssessment]) -> list[Run]:
    runs: list[Run] = []
    for threat in threats:
        subject_parts = {"threat": b.facts.name(localized(threat, "threat", b.language), [threat])}
        actor = localized(threat, "actor", b.language)
        if actor:
            subject = compose(pgettext("report", "the threat of {threat} from {actor}"), actor=b.facts.name(actor, [threat]),
                              **subject_parts)
        else:
            subject = compose(pgettext("report", "the threat of {threat}"), **subject_parts)
        location = b.scope.locations.get(threat.location_id) if threat.location_id else None
        if location is not None:
            subject += compose(pgettext("report", " at {place}"), place=b.facts.name(location.name, [location]))
        moment = when(b, b.facts.record_date(threat, "valid_from"))
        if threat.level is not None:
            from missiemonitor.context.models import ThreatLevel

            level = b.facts.number(threat.level, [threat])
            label = str(ThreatLevel(threat.level).label)
            template = {
                ThreatAssessment.Change.LOWERED: pgettext("report", "{when} {subject} was lowered to level {level} ({label})."),
                ThreatAssessment.Change.RAISED: pgettext("report", "{when} {subject} was raised to level {level} ({label})."),
            }.get(threat.change, pgettext("report", "{when} {subject} was assessed at level {level} ({label})."))
            sentence = compose(template, when=moment, subject=subject, level=level, label=label)
        elif threat.change == ThreatAssessment.Change.LOWERED:
            sentence = compose(pgettext("report", "{when} {subject} was lowered."), when=moment, subject=subject)
        elif threat.change == ThreatAssessment.Change.RAISED:
            sentence = compose(pgettext("report", "{when} {subject} was raised."), when=moment, subject=subject)
        else:
            sentence = compose(pgettext("report", "{when} {subject} was reassessed."), when=moment, subject=subject)
        if runs:
            runs.append(" ")
        runs.extend(capitalise(sentence))
    return runs


def attention(b: Builder) -> Section:
    section = Section(key="attention", title=pgettext("report", "General points of attention"))
    b.narrate(section, b.narratives("attention"), key_prefix="attention")
    points = adapters.attention_points(user=b.scope.user, start=b.scope.start, end=b.scope.end,
                                       mission_keys=[m.key for m in b.scope.missions],
                                       language=b.language)
    if points:
        records = _records(b, {r for p in points for r in p.records})
        items = []
        for point in points:
            sources = [records[r] for r in point.records if r in records]
            items.append([b.facts.statement(point.message, sources)])
        section.children.append(Section(key="attention-rules", title=pgettext("report", "Signals from the monitoring"),
                                         blocks=[BulletList(items)]))
    if section.is_empty():
        section.blocks.append(Paragraph([pgettext("report", "The monitoring raised no general points of attention in "
                                           "this period.")]))
    return section


def _records(b: Builder, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], object]:
    """The records attention points refer to: those loaded already, and the rest in a single
    query (a UNION over their models) however many kinds of records the points name. Log rows
    have no key: a reference to an import batch stands for them, marked at the highest
    classification of the log rows in scope."""
    found: dict[tuple[str, str], object] = {key: obj for key, obj in b.resolver.records.items() if key in wanted}
    missing: dict[str, set[str]] = {}
    for label, key in wanted - set(found):
        missing.setdefault(label, set()).add(key)
    parts = []
    for label, keys in sorted(missing.items()):
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        names = {f.name for f in model._meta.concrete_fields}
        if "key" not in names:
            level = max(b.scope.log_levels.values(), default=0) if label == "results.LogEntry" else 0
            for key in keys:
                found[(label, key)] = RecordRef(label=label, key=key, classification=level,
                                                kind=str(model._meta.verbose_name), title=key)
            continue
        title = next((n for n in ("name", "title", "text", "description", "label") if n in names), "key")
        parts.append(model.objects.visible_to(b.scope.user).filter(key__in=keys).values_list(
            Value(label, output_field=CharField()), "key", "classification",
            Cast(title, output_field=CharField())).order_by())
    if parts:
        for label, key, classification, title in parts[0].union(*parts[1:], all=True).order_by():
            model = apps.get_model(label)
            text = title or key
            found[(label, key)] = RecordRef(label=label, key=key, classification=classification,
                                            kind=str(model._meta.verbose_name),
                                            title=text if len(text) <= 120 else text[:117].rstrip() + "…")
    return found
