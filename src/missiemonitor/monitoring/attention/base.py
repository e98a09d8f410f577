"""The parts of the attention-point engine: the point itself, rules and their registry, the
context a rule reads from, and bilingual message rendering.

A rule is a small class with an ``id``, a default ``severity`` and a ``run(ctx)`` that yields
:class:`AttentionPoint` objects. Thresholds come from ``settings.MM_ATTENTION`` (never from the
rule's code); ``MM_ATTENTION["SEVERITY"]`` can override a rule's severity and
``MM_ATTENTION["DISABLED_RULES"]`` switch rules off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from missiemonitor.core import formatting
from missiemonitor.core.provenance import RecordRef
from missiemonitor.missions.scope import Scope

LANGUAGES = ("nl", "en")


class Severity(models.TextChoices):
    HIGH = "high", gettext_lazy("high")
    MEDIUM = "medium", gettext_lazy("medium")
    LOW = "low", gettext_lazy("low")


SEVERITY_ORDER = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


@dataclass(frozen=True)
class AttentionPoint:
    rule_id: str
    severity: str  # a Severity value
    message_nl: str
    message_en: str
    records: tuple[RecordRef, ...]  # provenance: the records the point concerns
    mission_key: str | None
    date: dt.date | None = None  # the day the point concerns, for ordering
    facts: dict[str, Any] = field(default_factory=dict, compare=False)  # the figures used

    def message(self, language: str) -> str:
        return self.message_en if language == "en" else self.message_nl

    @property
    def sort_key(self) -> tuple:
        return (SEVERITY_ORDER.get(self.severity, 9), self.mission_key or "", self.rule_id,
                self.date or dt.date.min, self.message_en)


class Fmt:
    """Formatting in one language, through :mod:`missiemonitor.core.formatting`."""

    BOUNDS = {
        "just-under": gettext_lazy("just under"),
        "at-most": gettext_lazy("at most"),
        "at-least": gettext_lazy("at least"),
        "more-than": gettext_lazy("more than"),
    }

    def __init__(self, language: str) -> None:
        self.language = language

    def number(self, value: Decimal | int | float, *, approximately: bool = False, bound: str = "",
               decimals: int | None = None) -> str:
        text = formatting.format_number(value, language=self.language, decimals=decimals)
        if bound in self.BOUNDS:
            return f"{self.BOUNDS[bound]} {text}"
        return formatting.approximately(text, approximate=approximately, language=self.language)

    def percent(self, share: Decimal, *, approximately: bool = False, bound: str = "") -> str:
        value = (Decimal(share) * 100).quantize(Decimal("0.1")).normalize()
        return self.number(value, approximately=approximately, bound=bound) + "%"

    def date(self, value: dt.date | None, precision: str = "day") -> str:
        if value is None:
            return "?"
        return formatting.format_date(value, language=self.language, precision=precision)

    def period(self, start: dt.date, end: dt.date) -> str:
        """A period in words, as the report writes it (:func:`core.formatting.format_period`)."""
        return formatting.format_period(start, end, language=self.language)

    def text(self, record: Any, name: str) -> str:
        """A text field in this language: ``name_en`` for English when filled in."""
        if self.language == "en":
            return getattr(record, f"{name}_en", "") or getattr(record, name, "")
        return getattr(record, name, "")

    def short(self, text: str, limit: int = 90) -> str:
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

    def join(self, items: list[str]) -> str:
        if len(items) < 2:
            return "".join(items)
        conjunction = _("and")
        return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def bilingual(render: Callable[[Fmt], str]) -> tuple[str, str]:
    """Render a message in Dutch and in English (gettext with msgids in English)."""
    messages = []
    for language in LANGUAGES:
        with translation.override(language):
            messages.append(str(render(Fmt(language))))
    return messages[0], messages[1]


class RuleContext:
    """What rules read, computed once per run and shared between rules (so the whole run takes
    a fixed number of queries)."""

    def __init__(self, *, user: Any, start: dt.date, end: dt.date, scope: Scope,
                 mission_keys: list[str] | None, as_of: dt.date | None = None) -> None:
        self.user = user
        self.start = start
        self.end = end
        self.scope = scope
        self.mission_keys = mission_keys
        self.as_of = as_of or timezone.localdate()
        self.config: dict[str, Any] = settings.MM_ATTENTION
        self.cache: dict[str, Any] = {}  # for data several rules share

    def threshold(self, name: str) -> Any:
        return self.config[name]

    def in_period(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    @cached_property
    def objectives(self):
        from missiemonitor.results.selectors import objectives_for_period

        return objectives_for_period(user=self.user, start=self.start, end=self.end,
                                     mission_keys=self.mission_keys)

    @cached_property
    def compliance(self):
        from missiemonitor.monitoring.selectors import reporting_compliance

        return reporting_compliance(user=self.user, start=self.start, end=self.end,
                                    mission_keys=self.mission_keys, as_of=self.as_of)

    @cached_property
    def rotations(self):
        from missiemonitor.missions.selectors import rotation_analysis

        return rotation_analysis(user=self.user, mission_keys=self.mission_keys,
                                 as_of=min(self.end, self.as_of))


class Rule:
    id: ClassVar[str]
    severity: ClassVar[str] = Severity.MEDIUM
    description: ClassVar[str] = ""

    def __init__(self, ctx: RuleContext) -> None:
        self.ctx = ctx

    def run(self) -> Iterator[AttentionPoint]:  # pragma: no cover - every rule overrides it
        raise NotImplementedError

    def level(self, default: str | None = None) -> str:
        return self.ctx.config.get("SEVERITY", {}).get(self.id, default or self.severity)

    def point(self, render: Callable[[Fmt], str], *, records: tuple[RecordRef, ...],
              mission_key: str | None, date: dt.date | None = None, severity: str | None = None,
              **facts: Any) -> AttentionPoint:
        nl, en = bilingual(render)
        return AttentionPoint(rule_id=self.id, severity=self.level(severity), message_nl=nl,
                              message_en=en, records=records, mission_key=mission_key, date=date,
                              facts=facts)


REGISTRY: dict[str, type[Rule]] = {}


def register(rule: type[Rule]) -> type[Rule]:
    if rule.id in REGISTRY:
        raise ValueError(f"attention rule {rule.id!r} is registered twice")
    REGISTRY[rule.id] = rule
    return rule
