"""Facts from records: the figure written in the report's language, with its provenance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from missiemonitor.core import formatting
from missiemonitor.core.kamerstuk import kamerstuk_citation
from missiemonitor.reporting.viewmodel import Fact, RecordRef


def localized(obj: Any, attr: str, language: str) -> str:
    """The English ``<attr>_en`` text in an English report when there is one, else the Dutch."""
    if language == "en":
        english = getattr(obj, f"{attr}_en", "")
        if english:
            return english
    return getattr(obj, attr, "") or ""


def record_title(obj: Any, language: str) -> str:
    """What a record is, in a few words, for the source appendix and link titles."""
    label = obj._meta.label
    if label == "results.Observation":
        period = formatting.format_period(obj.start, obj.end, language=language)
        name = localized(obj.indicator, "name", language) if obj.indicator_id else obj.key
        return f"{name}, {period}"
    if label == "finance.Expenditure":
        return f"{obj.mission}, {formatting.format_period(obj.start, obj.end, language=language)}"
    if label in {"missions.Mandate", "core.Source"}:
        if getattr(obj, "dossier", "") and getattr(obj, "number", None):
            return kamerstuk_citation(obj.dossier, obj.number, obj.date, language=language)
        return obj.title
    for attr in ("name", "title", "label", "threat", "asset_type", "text", "description"):
        text = localized(obj, attr, language) if hasattr(obj, attr) else ""
        if text:
            return text if len(text) <= 120 else text[:117].rstrip() + "…"
    return obj.key


def ref(obj: Any, language: str) -> RecordRef:
    meta: models.Options = obj._meta
    return RecordRef(
        label=meta.label,
        key=getattr(obj, "key", str(obj.pk)),
        classification=getattr(obj, "classification", 0),
        kind=str(meta.verbose_name),
        title=record_title(obj, language),
    )


class Facts:
    """Makes facts in one language. Keeps one RecordRef per record."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._refs: dict[tuple[str, int], RecordRef] = {}

    def ref(self, obj: Any) -> RecordRef:
        marker = (obj._meta.label, obj.pk)
        if marker not in self._refs:
            self._refs[marker] = ref(obj, self.language)
        return self._refs[marker]

    def refs(self, objs) -> tuple[RecordRef, ...]:
        seen: dict[tuple[str, str], RecordRef] = {}
        for obj in objs:
            r = obj if isinstance(obj, RecordRef) else self.ref(obj)
            seen.setdefault((r.label, r.key), r)
        return tuple(seen.values())

    def number(self, value: Decimal | int, sources, *, unit: str = "", approximately: bool = False,
               bound: str = "", with_unit: bool = False) -> Fact:
        percent = unit.strip() == "%"
        text = formatting.format_quantity(value, language=self.language, unit="%" if with_unit and percent else "")
        if with_unit and unit and not percent:
            text = f"{text} {unit}"
        text = formatting.qualify(text, language=self.language, approximate=approximately, bound=bound)
        return Fact("number", Decimal(str(value)), text, self.refs(sources), unit=unit,
                    approximately=approximately, bound=bound)

    def money(self, amount: Decimal, sources, *, approximately: bool = False) -> Fact:
        text = formatting.qualify(formatting.format_money(amount, language=self.language),
                                  language=self.language, approximate=approximately)
        return Fact("money", Decimal(amount), text, self.refs(sources), unit="EUR",
                    approximately=approximately)

    def date(self, value: dt.date, sources, *, precision: str = "day") -> Fact:
        text = formatting.format_date(value, language=self.language, precision=precision)
        return Fact("date", value, text, self.refs(sources), precision=precision)

    def period(self, start: dt.date, end: dt.date, sources) -> Fact:
        text = formatting.format_period(start, end, language=self.language)
        return Fact("date", start, text, self.refs(sources), precision="period")

    def record_date(self, obj: Any, attr: str) -> Fact | None:
        value = getattr(obj, attr, None)
        if value is None:
            return None
        precision = getattr(obj, f"{attr}_precision", "day")
        return self.date(value, [obj], precision=precision)

    def name(self, text: str, sources) -> Fact:
        return Fact("name", text, text, self.refs(sources))

    def statement(self, text: str, sources) -> Fact:
        """Authored text kept in a record (a finding, an adjustment, an attention point)."""
        return Fact("statement", text, text, self.refs(sources))

    def citation(self, obj: Any) -> Fact:
        """A mandate or source as cited in a footnote."""
        if getattr(obj, "dossier", "") and getattr(obj, "number", None):
            text = kamerstuk_citation(obj.dossier, obj.number, obj.date, language=self.language) + "."
        else:
            text = obj.title if obj.title.endswith((".", "!", "?")) else f"{obj.title}."
        return Fact("citation", text, text, self.refs([obj]))

    def headcount(self, obj: Any, attr: str = "actual_headcount") -> Fact | None:
        value = getattr(obj, attr, None)
        if value is None:
            return None
        return self.number(value, [obj], approximately=getattr(obj, "headcount_approximately", False))
