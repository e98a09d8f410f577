"""Authored narrative blocks, with their placeholders replaced by facts.

The semantics are those of docs/dataset-format.md ("Narrative placeholders"): ``{KIND:KEY}``
gives a record's figure or name, ``{KIND:KEY.FIELD}`` one of its fields, ``{cite:KEY}`` a
footnote. A sentence whose placeholder names a record the reader may not see (a classified
record in a public report) is left out, so that nothing derived from it appears.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps

from missiemonitor.reporting.build.facts import Facts, localized
from missiemonitor.reporting.build.phrases import merge
from missiemonitor.reporting.errors import ReportError
from missiemonitor.reporting.placeholders import BLOCK_KINDS, KINDS, PLACEHOLDER
from missiemonitor.reporting.viewmodel import BulletList, Fact, Paragraph, Run

DATE_FIELDS = {"start", "end", "date", "valid_from", "issued", "expected_by", "due", "completed_on"}
NUMBER_FIELDS = {"actual_headcount", "planned_headcount", "headcount", "count", "value", "amount",
                 "casualties", "stated_objective_count", "number"}
FLAG_OF = {"actual_headcount": "headcount_approximately", "planned_headcount": "headcount_approximately",
           "headcount": "headcount_approximately", "count": "count_approximately",
           "value": "approximately", "amount": "approximately"}
NAME_ATTR = {
    "missions.Mission": "acronym", "missions.Contribution": "name", "missions.Asset": "asset_type",
    "missions.Milestone": "text", "missions.Role": "name", "context.ContextEvent": "title",
    "context.ThreatAssessment": "threat", "context.Incident": "description",
    "programmes.Programme": "name", "monitoring.MonitoringVisit": "title", "monitoring.Finding": "text",
    "results.Objective": "title", "results.LongTermObjective": "code", "results.FrameworkVersion": "label",
    "missions.PlannedContribution": "description", "missions.Location": "name", "core.Source": "title",
    "results.Indicator": "name",
}
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\sa-z])")
RELATED = {"results.Observation": ("indicator",), "finance.Expenditure": ("mission",),
           "missions.Posting": ("role",)}


class NarrativeError(ReportError):
    """A placeholder that cannot be written; the message names the narrative block."""


def model_labels(kind: str) -> list[str]:
    return list(KINDS[kind])


@dataclass
class Rendered:
    blocks: list[Paragraph | BulletList]
    records: set[tuple[str, str]] = field(default_factory=set)  # (label, key) referenced
    left_out: int = 0  # sentences left out because a record is not visible


class Resolver:
    """Finds the records that placeholders name: first among those already loaded, then with
    one query per kind of record for the rest."""

    def __init__(self, *, user: Any, facts: Facts, known: list[Any], footnote) -> None:
        self.user = user
        self.facts = facts
        self.language = facts.language
        self.footnote = footnote  # callable(Fact) -> NoteRef
        self.records: dict[tuple[str, str], Any] = {}
        for obj in known:
            self.records[(obj._meta.label, obj.key)] = obj
        self.figures: dict[int, list] = {}

    def prefetch(self, texts: list[str]) -> None:
        wanted: dict[str, set[str]] = defaultdict(set)
        events: set[str] = set()
        for text in texts:
            for match in PLACEHOLDER.finditer(text):
                kind, key, fld = match["kind"], match["key"], match["field"]
                if kind not in KINDS:
                    continue
                for label in model_labels(kind):
                    if (label, key) not in self.records:
                        wanted[label].add(key)
                if kind == "event" and fld and fld.startswith("figure"):
                    events.add(key)
        for label, keys in sorted(wanted.items()):
            model = apps.get_model(label)
            qs = model.objects.visible_to(self.user).filter(key__in=keys)
            related = [name for name in RELATED.get(label, ()) if hasattr(model, name)]
            if related:
                qs = qs.select_related(*related)
            for obj in qs:
                self.records[(label, obj.key)] = obj
        if events:
            from missiemonitor.context.models import EventFigure

            ids = [obj.pk for (label, _), obj in self.records.items()
                   if label == "context.ContextEvent" and obj.key in events and obj.pk not in self.figures]
            for figure in EventFigure.objects.filter(event_id__in=ids).order_by("order", "id"):
                self.figures.setdefault(figure.event_id, []).append(figure)

    def _block_date(self, kind: str, key: str, where: str, block: Any) -> Fact:
        """``{period:start}`` / ``{period:end}``: the block's own period, as a month when it
        starts on the first or ends on the last day of a month, else as a day."""
        if block is None or key not in BLOCK_KINDS[kind]:
            raise NarrativeError(f"{where}: {{{kind}:{key}}} is not a placeholder of this block")
        value = block.start if key == "start" else block.end
        aligned = value.day == 1 if key == "start" else (value + dt.timedelta(days=1)).day == 1
        return self.facts.date(value, [], precision="month" if aligned else "day")

    def set_figures(self, figures: dict[int, list]) -> None:
        for event_id, items in figures.items():
            self.figures.setdefault(event_id, items)

    def find(self, kind: str, key: str) -> Any | None:
        for label in model_labels(kind):
            obj = self.records.get((label, key))
            if obj is not None:
                return obj
        return None

    def resolve(self, kind: str, key: str, fld: str | None, where: str, block: Any = None) -> Run | None:
        if kind in BLOCK_KINDS:
            return self._block_date(kind, key, where, block)
        if kind not in KINDS:
            raise NarrativeError(f"{where}: unknown placeholder kind {kind!r}")
        obj = self.find(kind, key)
        if obj is None:
            return None
        facts = self.facts
        if fld is None:
            if kind == "cite":
                return self.footnote(facts.citation(obj))
            if kind == "observation":
                return facts.number(obj.value, [obj], approximately=obj.approximately, bound=obj.bound,
                                    unit=localized(obj.indicator, "unit", self.language))
            if kind == "expenditure":
                if obj.amount is None:
                    raise NarrativeError(f"{where}: expenditure {key!r} has no amount")
                return facts.money(obj.amount, [obj], approximately=obj.approximately)
            if kind == "mandate":
                text = localized(obj, "short_title", self.language) or localized(obj, "title", self.language)
                return facts.name(text, [obj])
            attr = NAME_ATTR.get(obj._meta.label, "name")
            if obj._meta.label == "missions.Posting":
                return facts.name(localized(obj.role, "name", self.language), [obj])
            text = localized(obj, attr, self.language) or (obj.name if attr == "acronym" else "")
            return facts.name(text or obj.key, [obj])
        if fld.startswith("figure") and kind == "event":
            index = int(fld.removeprefix("figure") or 1) - 1
            figures = self.figures.get(obj.pk, [])
            if index < 0 or index >= len(figures):
                raise NarrativeError(f"{where}: event {key!r} has no {fld}")
            figure = figures[index]
            return facts.number(figure.value, [obj], approximately=figure.approximately,
                                unit=localized(figure, "unit", self.language))
        limit = None
        for suffix in ("_month", "_year"):
            if fld.endswith(suffix) and fld.removesuffix(suffix) in DATE_FIELDS:
                fld, limit = fld.removesuffix(suffix), suffix[1:]
        if not hasattr(obj, fld):
            raise NarrativeError(f"{where}: {kind} {key!r} has no field {fld!r}")
        value = getattr(obj, fld)
        if fld in DATE_FIELDS or isinstance(value, dt.date):
            if value is None:
                raise NarrativeError(f"{where}: {kind} {key!r} has no {fld}")
            precision = getattr(obj, f"{fld}_precision", "day")
            if limit is not None and PRECISION_RANK[limit] > PRECISION_RANK[precision]:
                precision = limit
            return facts.date(value, [obj], precision=precision)
        if fld in NUMBER_FIELDS or (isinstance(value, int | Decimal) and not isinstance(value, bool)):
            if value is None:
                raise NarrativeError(f"{where}: {kind} {key!r} has no {fld}")
            approximate = bool(getattr(obj, FLAG_OF.get(fld, ""), False)) if fld in FLAG_OF else False
            if fld == "amount":
                return facts.money(value, [obj], approximately=approximate)
            if fld == "number":
                return Fact("number", Decimal(value), str(value), facts.refs([obj]))
            return facts.number(value, [obj], approximately=approximate,
                                bound=getattr(obj, "bound", "") if fld == "value" else "")
        if isinstance(value, str):
            return facts.name(localized(obj, fld, self.language), [obj])
        raise NarrativeError(f"{where}: {kind} {key!r}: field {fld!r} cannot be written in a report")


def _chunks(text: str):
    """("p", text) for each paragraph and ("li", [texts]) for each run of list items: paragraphs
    are separated by blank lines; a line that starts with "- " is a list item."""
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines, items = [], []
        for line in chunk.splitlines():
            if line.lstrip().startswith("- "):
                if lines:
                    yield "p", " ".join(lines)
                    lines = []
                items.append(line.lstrip()[2:].strip())
            else:
                if items:
                    yield "li", items
                    items = []
                if line.strip():
                    lines.append(line.strip())
        if lines:
            yield "p", " ".join(lines)
        if items:
            yield "li", items


def render(text: str, resolver: Resolver, *, where: str, block: Any = None) -> Rendered:
    """Paragraphs and lists of runs. Sentences (and list items) that name a record the reader
    may not see are left out."""
    result = Rendered(blocks=[])
    level = getattr(block, "classification", 0)
    for kind, content in _chunks(text):
        if kind == "li":
            items = []
            for item in content:
                runs, refs, visible = _sentence(" ".join(item.split()), resolver, where, block)
                if not visible:
                    result.left_out += 1
                    continue
                items.append(merge(runs))
                result.records |= refs
            if items:
                result.blocks.append(BulletList(items, classification=level))
            continue
        kept: list[Run] = []
        for sentence in _SENTENCE_END.split(" ".join(content.split())):
            runs, refs, visible = _sentence(sentence, resolver, where, block)
            if not visible:
                result.left_out += 1
                continue
            if kept:
                kept.append(" ")
            kept.extend(runs)
            result.records |= refs
        if kept:
            result.blocks.append(Paragraph(merge(kept), classification=level, origin="narrative"))
    return result


def _sentence(sentence: str, resolver: Resolver, where: str, block: Any = None):
    matches = list(PLACEHOLDER.finditer(sentence))
    for match in matches:
        if match["kind"] in BLOCK_KINDS:
            continue
        if match["kind"] not in KINDS:
            raise NarrativeError(f"{where}: unknown placeholder kind {match['kind']!r}")
        if resolver.find(match["kind"], match["key"]) is None:
            return [], set(), False
    runs: list[Run] = []
    refs: set[tuple[str, str]] = set()
    position = 0
    for match in matches:
        if match.start() > position:
            runs.append(sentence[position:match.start()])
        run = resolver.resolve(match["kind"], match["key"], match["field"], where, block)
        if isinstance(run, Fact):
            refs |= {(r.label, r.key) for r in run.sources}
        if run is not None:
            runs.append(run)
        position = match.end()
    runs.append(sentence[position:])
    return runs, refs, True
