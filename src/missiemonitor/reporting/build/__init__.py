"""Building the report view-model: load the scope, build the sections in the order a Dutch
reader expects, then number the sources and check the classification of what is in it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, Value
from django.utils import translation
from django.utils.translation import pgettext

from missiemonitor.core.models import Classification
from missiemonitor.core.principals import Principal
from missiemonitor.reporting.build.base import Builder
from missiemonitor.reporting.build.comparison import comparison
from missiemonitor.reporting.build.context import attention, developments
from missiemonitor.reporting.build.deployment import deployment
from missiemonitor.reporting.build.finance import finance, signatures
from missiemonitor.reporting.build.front import (
    essence,
    mission_names,
    monitoring,
    opening,
    period_fact,
)
from missiemonitor.reporting.build.missions import mission_sections
from missiemonitor.reporting.build.phrases import compose
from missiemonitor.reporting.build.scope import load_scope, overlaps
from missiemonitor.reporting.errors import ReportError
from missiemonitor.reporting.viewmodel import (
    BulletList,
    Chart,
    Fact,
    Notice,
    Paragraph,
    Report,
    Signatures,
    SourceEntry,
    Table,
    block_facts,
)

LANGUAGES = ("nl", "en")
AUDIENCES = ("public", "restricted")


def reader(user: Any, audience: str) -> Any:
    """Whose eyes the report is built for: the user, or for a public report the user without
    any clearance above Ongerubriceerd, so that no classified record is even read."""
    if audience == "restricted" or user.clearance <= Classification.ONGERUBRICEERD:
        return user
    return Principal(username=f"{user}:public", clearance=Classification.ONGERUBRICEERD,
                     all_missions=bool(user.all_missions), mission_ids=frozenset(user.mission_ids),
                     is_authenticated=bool(user.is_authenticated), is_active=bool(user.is_active))


def build_report(*, user: Any, start: dt.date, end: dt.date, mission_keys: list[str] | None,
                 language: str, audience: str) -> Report:
    if language not in LANGUAGES:
        raise ReportError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
    if audience not in AUDIENCES:
        raise ReportError(f"unknown audience {audience!r}; use one of {', '.join(AUDIENCES)}")
    if end < start:
        raise ReportError(f"the period ends ({end}) before it starts ({start})")
    with translation.override(language):
        scope = load_scope(user=reader(user, audience), start=start, end=end, language=language,
                           mission_keys=mission_keys or None)
        if mission_keys:
            unknown = sorted(set(mission_keys) - {m.key for m in scope.missions})
            if unknown:
                raise ReportError(f"no such mission, or not visible to {user}: {', '.join(unknown)}")
        b = Builder(scope=scope, language=language, audience=audience)
        sections = [opening(b), essence(b), comparison(b), monitoring(b), deployment(b), developments(b), attention(b),
                    *mission_sections(b), finance(b), signatures(b)]
        report = Report(
            title=pgettext("report", "Progress report"),
            subtitle=compose(pgettext("report", "The Dutch contribution to {missions}, {period}"),
                             missions=mission_names(b, short=len(scope.missions) > 2),
                             period=period_fact(b)),
            language=language, audience=audience, start=start, end=end,
            mission_keys=[m.key for m in scope.missions],
            sections=[s for s in sections if not s.is_empty()],
            footnotes=b.footnotes,
            labels=_labels(),
        )
        if audience == "public" and user.clearance > Classification.ONGERUBRICEERD:
            report.restricted_annex = b.left_out > 0 or _classified_in_scope(user, scope)
        if report.restricted_annex:
            report.sections[0].blocks.insert(0, Notice([pgettext("report",
                "Part of the information on this subject is classified. It is given in a restricted "
                "annex to this report.")]))
        _finish(report)
    return report


def _labels() -> dict[str, str]:
    labels = {
        "footnotes": pgettext("report", "Footnotes"),
        "sources": pgettext("report", "Sources of the figures"),
        "sources_intro": pgettext("report", "Each figure in the text refers by its number to the records it was taken from."),
        "record": pgettext("report", "Record"),
        "key": pgettext("report", "Key"),
        "chart": pgettext("report", "Chart"),
        "chart_data": pgettext("report", "Text alternative"),
        "figure": pgettext("report", "Figure"),
        "classification": pgettext("report", "Classification"),
        "source_link": pgettext("report", "Source"),
        "page": pgettext("report", "page"),
    }
    for level in Classification:
        labels[f"level-{level.value}"] = str(level.label)
    return labels


def _classified_in_scope(user: Any, scope) -> bool:
    """Whether the scope holds records above Ongerubriceerd that ``user`` may see: then the
    public report says that a restricted annex exists."""
    from missiemonitor.context.models import ContextEvent, Incident, ThreatAssessment
    from missiemonitor.finance.models import Expenditure
    from missiemonitor.missions.models import Contribution, Milestone, Posting, Role
    from missiemonitor.monitoring.models import Finding, MonitoringVisit
    from missiemonitor.reporting.models import NarrativeBlock
    from missiemonitor.results.models import ConditionAssessment, Observation

    ids = [m.pk for m in scope.missions]
    start, end = scope.start, scope.end
    mission_or_area = Q(mission_id__in=ids) | Q(mission__isnull=True, area__in=scope.areas)
    checks = [
        (Contribution, overlaps("start", "end", start, end) & Q(mission_id__in=ids)),
        (Role, Q(mission_id__in=ids)),
        (Posting, overlaps("start", "end", start, end) & Q(mission_id__in=ids)),
        (Milestone, Q(mission_id__in=ids, date__gte=start, date__lte=end)),
        (Observation, overlaps("start", "end", start, end) & Q(mission_id__in=ids)),
        (ConditionAssessment, Q(mission_id__in=ids, date__lte=end)),
        (MonitoringVisit, overlaps("start", "end", start, end)),
        (Finding, Q(visit__start__gte=start, visit__start__lte=end)),
        (ContextEvent, mission_or_area & Q(start__gte=start, start__lte=end)),
        (ThreatAssessment, mission_or_area & Q(valid_from__gte=start, valid_from__lte=end)),
        (Incident, Q(mission_id__in=ids, date__gte=start, date__lte=end)),
        (Expenditure, overlaps("start", "end", start, end) & Q(mission_id__in=ids)),
        (NarrativeBlock, Q(start__gte=start, end__lte=end, language=scope.language)),
    ]
    found = [model.objects.visible_to(user).filter(condition, classification__gt=0).values_list(Value(1))
             for model, condition in checks]
    return found[0].union(*found[1:], all=True).exists()  # one query, whatever the data


def _finish(report: Report) -> None:
    """Number the sources in reading order, mark each block at the level of what it holds, and
    refuse to hand out a public report that holds anything classified."""
    seen: dict[str, int] = {}
    for section in report.walk():
        for block in section.blocks:
            if isinstance(block, Chart):
                seen[block.chart_id] = seen.get(block.chart_id, 0) + 1
                if seen[block.chart_id] > 1:  # chart ids are anchors and cache keys: unique
                    block.chart_id = f"{block.chart_id}-{seen[block.chart_id]}"
    numbers: dict[tuple, int] = {}
    for fact in report.facts():
        if not fact.sources or fact.kind == "name":
            continue
        marker = (fact.text, tuple(sorted((r.label, r.key) for r in fact.sources)))
        if marker not in numbers:
            numbers[marker] = len(numbers) + 1
            report.sources.append(SourceEntry(numbers[marker], fact.text, fact.unit, fact.sources))
        fact.source_no = numbers[marker]
    for section in report.walk():
        for block in section.blocks:
            levels = [fact.classification for fact in block_facts(block)]
            if isinstance(block, Table):
                for i, row in enumerate(block.rows):
                    row_level = max((run.classification for cell in row for run in cell.runs
                                     if hasattr(run, "classification") and not isinstance(run, str)),
                                    default=0)
                    block.row_classifications[i] = max(block.row_classifications[i], row_level)
            elif isinstance(block, BulletList):
                block.item_classifications = [
                    max((run.classification for run in item if isinstance(run, Fact)), default=0)
                    for item in block.items]
                block.classification = max([block.classification, *levels])
            elif isinstance(block, Paragraph | Notice | Chart | Signatures):
                block.classification = max([block.classification, *levels])
    if report.audience == "public" and report.classification > Classification.ONGERUBRICEERD:
        raise ReportError("a public report would hold classified information; it was not written")
