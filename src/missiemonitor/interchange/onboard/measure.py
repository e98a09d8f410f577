"""How well onboarding reads a document whose dataset is known: recall and precision of the
proposals against a dataset file, over four categories.

A proposal *matches* a record of the dataset when:

- **mandate**: the same Kamerstuk dossier and number, and the same date;
- **contribution**: the same mission, the same kind, and the same size: the headcount (actual,
  else planned) equal, or absent on both sides, with the same "circa" flag;
- **dated figure** (observations, expenditures with an amount, figures of dated context
  events): the same value with the same vagueness (approximately flag and bound), the same
  unit, and a period within tolerance: one period lies within the other, give or take 31 days
  at either end. Units are the same when they are equal after lower-casing, "procent" and
  "percent" being "%", or share a word of four letters or more ("operaties" and "anti-ISIS
  operaties");
- **Kamerstuk reference**: the same dossier and number (a mandate or a source of the dataset
  that names a Kamerstuk).

Missions are the same when their acronyms are equal, or one acronym is the first word of the
other ("MoPA" and "MoPA Reform"). Each record matches at most one proposal, in the order the
proposals were made. Recall is the share of the dataset's records that a proposal matched;
precision is the share of proposals that matched a record: every proposal that matches none
counts against precision, whether the text states it or not.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from missiemonitor.core.kamerstuk import normalise_dossier
from missiemonitor.core.periods import parse_fuzzy, parse_period
from missiemonitor.interchange.onboard.proposals import Proposals

CATEGORIES = ("mandates", "contributions", "dated figures", "Kamerstuk references")
SLACK = dt.timedelta(days=31)


@dataclass
class Fact:
    category: str
    label: str
    values: dict[str, Any]


@dataclass
class Score:
    category: str
    proposed: int = 0
    reference: int = 0
    matched: int = 0
    unmatched: list[str] = field(default_factory=list)  # proposals that matched nothing
    missed: list[str] = field(default_factory=list)  # records no proposal matched

    @property
    def recall(self) -> float:
        return self.matched / self.reference if self.reference else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 1.0


@dataclass
class Measurement:
    scores: list[Score]

    @property
    def overall(self) -> Score:
        total = Score("overall")
        for score in self.scores:
            total.proposed += score.proposed
            total.reference += score.reference
            total.matched += score.matched
        return total

    def table(self) -> str:
        rows = [f"{'category':<22}{'proposed':>9}{'in dataset':>12}{'matched':>9}{'recall':>8}{'precision':>11}"]
        for score in [*self.scores, self.overall]:
            rows.append(f"{score.category:<22}{score.proposed:>9}{score.reference:>12}{score.matched:>9}"
                        f"{score.recall:>8.2f}{score.precision:>11.2f}")
        return "\n".join(rows)

    def details(self) -> str:
        lines = []
        for score in self.scores:
            for label in score.unmatched:
                lines.append(f"{score.category}: proposed, not in the dataset: {label}")
            for label in score.missed:
                lines.append(f"{score.category}: in the dataset, not proposed: {label}")
        return "\n".join(lines)


def _acronym_match(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    return bool(a and b) and (a == b or a.split()[0] == b or b.split()[0] == a)


_PERCENT = {"%", "procent", "percent", "per cent"}
_MONEY = {"eur", "euro", "€"}


def _unit_match(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    if a in _PERCENT or b in _PERCENT:
        return a in _PERCENT and b in _PERCENT
    if a in _MONEY or b in _MONEY:
        return a in _MONEY and b in _MONEY
    words_a = {w for w in re.split(r"[\s/]+", a) if len(w) >= 4}
    words_b = {w for w in re.split(r"[\s/]+", b) if len(w) >= 4}
    return a == b or bool(words_a & words_b)


def _within(inner: tuple[dt.date, dt.date], outer: tuple[dt.date, dt.date]) -> bool:
    return inner[0] >= outer[0] - SLACK and inner[1] <= outer[1] + SLACK


def _period_match(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return _within(a, b) or _within(b, a)


def _fuzzy_span(start: Any, end: Any = None) -> tuple[dt.date, dt.date]:
    first, _ = parse_fuzzy(str(start))
    last, _ = parse_fuzzy(str(end if end not in (None, "") else start), end=True)
    return first, last


def _figure_match(p: dict[str, Any], r: dict[str, Any]) -> bool:
    return (p["value"] == r["value"] and p["approximately"] == r["approximately"] and p["bound"] == r["bound"]
            and _unit_match(p["unit"], r["unit"]) and _period_match(p["period"], r["period"]))


def reference_facts(text: str) -> dict[str, list[Fact]]:
    """The facts of a dataset file, per category."""
    data = yaml.safe_load(text) or {}
    missions = {m["key"]: m.get("acronym", m["key"]) for m in data.get("missions") or []}
    facts: dict[str, list[Fact]] = {c: [] for c in CATEGORIES}
    kamerstukken: dict[tuple[str, int], str] = {}
    for mandate in data.get("mandates") or []:
        dossier, number = normalise_dossier(str(mandate["dossier"])), int(mandate["number"])
        facts["mandates"].append(Fact("mandates", mandate["key"], {
            "dossier": dossier, "number": number, "date": dt.date.fromisoformat(str(mandate["date"]))}))
        kamerstukken.setdefault((dossier, number), mandate["key"])
    for source in data.get("sources") or []:
        if source.get("dossier") and source.get("number") is not None:
            kamerstukken.setdefault((normalise_dossier(str(source["dossier"])), int(source["number"])), source["key"])
    for (dossier, number), key in kamerstukken.items():
        facts["Kamerstuk references"].append(Fact("Kamerstuk references", key, {"dossier": dossier, "number": number}))
    for c in data.get("contributions") or []:
        size = c.get("actual_headcount", c.get("planned_headcount"))
        facts["contributions"].append(Fact("contributions", c["key"], {
            "mission": missions.get(c["mission"], c["mission"]), "kind": c["kind"], "size": size,
            "approximately": bool(c.get("headcount_approximately")) if size is not None else False}))
    units = {i["key"]: i.get("unit", "") for i in data.get("indicators") or []}
    for o in data.get("observations") or []:
        facts["dated figures"].append(Fact("dated figures", o["key"], {
            "value": Decimal(str(o["value"])), "approximately": bool(o.get("approximately")),
            "bound": o.get("bound", "") or "", "unit": units.get(o["indicator"], ""),
            "period": parse_period(str(o["period"]))}))
    for e in data.get("expenditures") or []:
        if e.get("amount") is not None:
            facts["dated figures"].append(Fact("dated figures", e["key"], {
                "value": Decimal(str(e["amount"])), "approximately": bool(e.get("approximately")), "bound": "",
                "unit": "EUR", "period": parse_period(str(e["period"]))}))
    for event in data.get("context_events") or []:
        if not event.get("start"):
            continue
        for n, figure in enumerate(event.get("figures") or [], start=1):
            facts["dated figures"].append(Fact("dated figures", f"{event['key']} figure {n}", {
                "value": Decimal(str(figure["value"])), "approximately": bool(figure.get("approximately")),
                "bound": "", "unit": figure.get("unit", ""), "period": _fuzzy_span(event["start"], event.get("end"))}))
    return facts


def proposal_facts(proposals: Proposals) -> dict[str, list[Fact]]:
    """The facts proposed, per category (every proposal, whatever its decision)."""
    missions = {p.key: p.fields.get("acronym", p.key) for p in proposals.of_kind("mission")}
    facts: dict[str, list[Fact]] = {c: [] for c in CATEGORIES}
    refs: dict[tuple[str, int], str] = {}
    for p in proposals.items:
        label = f"{p.id} {p.key} ({p.passage.where()})"
        f = p.fields
        if p.kind == "mandate":
            facts["mandates"].append(Fact("mandates", label, {
                "dossier": f["dossier"], "number": int(f["number"]),
                "date": dt.date.fromisoformat(f["date"]) if f.get("date") else None}))
        if p.kind in {"mandate", "kamerstuk"}:
            refs.setdefault((f["dossier"], int(f["number"])), label)
        if p.kind == "contribution":
            size = f.get("actual_headcount", f.get("planned_headcount"))
            facts["contributions"].append(Fact("contributions", label, {
                "mission": missions.get(f["mission"], f["mission"]), "kind": f["kind"], "size": size,
                "approximately": bool(f.get("headcount_approximately")) if size is not None else False}))
        if p.kind == "observation":
            facts["dated figures"].append(Fact("dated figures", label, {
                "value": Decimal(f["value"]), "approximately": bool(f.get("approximately")),
                "bound": f.get("bound", ""), "unit": f.get("unit", ""), "period": parse_period(f["period"])}))
        if p.kind == "expenditure":
            facts["dated figures"].append(Fact("dated figures", label, {
                "value": Decimal(f["amount"]), "approximately": bool(f.get("approximately")), "bound": "",
                "unit": "EUR", "period": parse_period(f["period"])}))
        if p.kind == "event-figure":
            event = proposals.get(p.parent)
            if event is not None and event.fields.get("start"):
                facts["dated figures"].append(Fact("dated figures", label, {
                    "value": Decimal(f["value"]), "approximately": bool(f.get("approximately")), "bound": "",
                    "unit": f.get("unit", ""), "period": _fuzzy_span(event.fields["start"], event.fields.get("end"))}))
    for (dossier, number), label in refs.items():
        facts["Kamerstuk references"].append(Fact("Kamerstuk references", label, {"dossier": dossier, "number": number}))
    return facts


def _matches(category: str, p: dict[str, Any], r: dict[str, Any]) -> bool:
    if category == "mandates":
        return (p["dossier"], p["number"], p["date"]) == (r["dossier"], r["number"], r["date"])
    if category == "Kamerstuk references":
        return (p["dossier"], p["number"]) == (r["dossier"], r["number"])
    if category == "contributions":
        return (_acronym_match(p["mission"], r["mission"]) and p["kind"] == r["kind"] and p["size"] == r["size"]
                and p["approximately"] == r["approximately"])
    return _figure_match(p, r)


def measure(proposals: Proposals, dataset_text: str) -> Measurement:
    reference = reference_facts(dataset_text)
    proposed = proposal_facts(proposals)
    scores = []
    for category in CATEGORIES:
        score = Score(category, proposed=len(proposed[category]), reference=len(reference[category]))
        free = list(reference[category])
        for fact in proposed[category]:
            match = next((r for r in free if _matches(category, fact.values, r.values)), None)
            if match is None:
                score.unmatched.append(fact.label)
                continue
            free.remove(match)
            score.matched += 1
        score.missed = [r.label for r in free]
        scores.append(score)
    return Measurement(scores)
