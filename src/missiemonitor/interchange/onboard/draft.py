"""Proposals as a draft dataset file in the documented format, with each record's provenance
as YAML comments above it:

    contributions:
      # p14 · page 3, paragraph 56: "Sinds januari 2024 draagt een Nederlandse force …"
      # not in the text, a default to check: ministry
      - key: nmi-force-protection
        …

Values are written with the types of the format (:mod:`missiemonitor.interchange.dataset.spec`), so
the normal loader reads the draft as it reads any dataset file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from missiemonitor.core.models import CLASSIFICATION_CODES
from missiemonitor.interchange.dataset.spec import FORMAT_NAME, FORMAT_VERSION, by_name
from missiemonitor.interchange.dataset.yamlio import dump_yaml
from missiemonitor.interchange.onboard.proposals import Proposal, Proposals, slug

# The order of the sections in the file, and which proposal kinds fill them.
ORDER = ["sources", "missions", "mandates", "contributions", "frameworks", "objectives", "long_term_objectives",
         "indicators", "observations", "context_events", "incidents", "expenditures"]
TOP_KINDS = {"document": "sources", "kamerstuk": "sources", "mission": "missions", "mandate": "mandates",
             "contribution": "contributions", "framework": "frameworks", "objective": "objectives",
             "lto": "long_term_objectives", "observation": "observations", "event": "context_events",
             "incident": "incidents", "expenditure": "expenditures"}
CHILD_KINDS = {"asset": "assets", "milestone": "milestones", "condition": "conditions", "event-figure": "figures"}
# Fields of a proposal that are not fields of its record.
_EXTRA = {"observation": {"indicator", "unit", "mission", "contribution"},
          "framework": {"version_label", "stated_objective_count", "scale", "basis"}}
# Optional references that are dropped when what they point at was not accepted.
_OPTIONAL_REFS = {"source": "sources", "mandates": "mandates", "contribution": "contributions",
                  "missions": "missions"}


@dataclass
class Draft:
    text: str
    owners: dict[int, str] = field(default_factory=dict)  # line -> proposal id
    skipped: list[tuple[Proposal, str]] = field(default_factory=list)  # (proposal, why)

    def owner_of(self, line: int | None) -> str:
        """The proposal a line of the draft belongs to ('' for the file's header)."""
        if not line:
            return ""
        candidates = [n for n in self.owners if n <= line]
        return self.owners[max(candidates)] if candidates else ""


def _coerce(section: str, name: str, value: Any) -> Any:
    spec_field = by_name()[section].field(name) if section in by_name() else None
    kind = spec_field.kind if spec_field else "str"
    if kind == "int":
        try:
            return int(str(value).strip())
        except ValueError:
            return str(value)
    if kind == "decimal":
        try:
            number = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            return str(value)
        return number
    if kind == "bool":
        return value if isinstance(value, bool) else str(value).strip().lower() in {"true", "1", "yes", "ja", "on"}
    if kind == "date":
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            return str(value)
    if kind in {"refs", "codes"}:
        return list(value) if isinstance(value, list) else [v.strip() for v in str(value).split(",") if v.strip()]
    return value if isinstance(value, str) else str(value)


def _comments(proposal: Proposal) -> list[str]:
    sentence = " ".join(proposal.passage.sentence.split())
    lines = [f'{proposal.id} · {proposal.passage.where()}: "{sentence}"']
    if proposal.note:
        lines.append(" ".join(proposal.note_text().split()))
    if proposal.assumed:
        lines.append("not in the text, a default to check: " + ", ".join(proposal.assumed))
    return lines


class _Writer:
    def __init__(self, proposals: Proposals, included: list[Proposal]) -> None:
        self.proposals = proposals
        self.included = included
        self.ids = {p.id for p in included}
        self.keys = {(TOP_KINDS.get(p.kind) or CHILD_KINDS.get(p.kind, "")): set() for p in included}
        for p in included:
            self.keys.setdefault(TOP_KINDS.get(p.kind, CHILD_KINDS.get(p.kind, "")), set()).add(p.key)
        self.lines: list[str] = []
        self.owners: dict[int, str] = {}
        self.skipped: list[tuple[Proposal, str]] = []

    def record(self, proposal: Proposal, section: str) -> dict[str, Any]:
        data: dict[str, Any] = {"key": proposal.key}
        for name, value in proposal.fields.items():
            if name in _EXTRA.get(proposal.kind, set()) or value in (None, "", []):
                continue
            if name in _OPTIONAL_REFS:
                target = _OPTIONAL_REFS[name]
                kept = [v for v in (value if isinstance(value, list) else [value])
                        if v in self.keys.get(target, set()) or not self._proposed(target, v)]
                if not kept:
                    continue
                value = kept if isinstance(value, list) else kept[0]
            data[name] = _coerce(section, name, value)
        if section == "observations":
            data.pop("mission", None)
        if self.proposals.classification and "key" in data and proposal.kind != "event-figure":
            data["classification"] = CLASSIFICATION_CODES[self.proposals.classification]
        return data

    def _proposed(self, section: str, key: str) -> bool:
        return any(p.key == key and (TOP_KINDS.get(p.kind) == section) for p in self.proposals.items)

    def emit(self, indent: str, proposal: Proposal, data: dict[str, Any], children: dict[str, list]) -> None:
        self.owners[len(self.lines) + 1] = proposal.id
        for comment in _comments(proposal):
            self.lines.append(f"{indent}# {comment}")
        for line in dump_yaml([data]).rstrip("\n").split("\n"):
            self.lines.append(indent + line)
        for name, items in children.items():
            if not items:
                continue
            self.lines.append(f"{indent}  {name}:")
            for child, child_data, grandchildren in items:
                self.emit(indent + "    ", child, child_data, grandchildren)
            self.owners[len(self.lines) + 1] = proposal.id

    def children(self, parent: Proposal) -> dict[str, list]:
        result: dict[str, list] = {}
        for child in self.included:
            if child.parent != parent.id or child.kind not in CHILD_KINDS:
                continue
            name = CHILD_KINDS[child.kind]
            data = self.record(child, name)
            if child.kind == "event-figure":
                data.pop("key", None)
                data["order"] = len(result.get(name, [])) + 1
            result.setdefault(name, []).append((child, data, {}))
        return result

    def run(self) -> str:
        title = self.proposals.title or self.proposals.filename
        header = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "title": title[:300]}
        period = next((p for p in self.included if p.kind == "period"), None)
        description = f"Voorstel uit {self.proposals.filename} (onboarding)."
        if period is not None:
            description += f" Rapportageperiode: {period.fields.get('period', '')}."
        header["description"] = description
        self.lines.append(f"# A draft dataset proposed from {self.proposals.filename}; every record names the")
        self.lines.append("# passage it was read from. Check it, then load it with `missiemonitor load`.")
        self.lines.extend(dump_yaml(header).rstrip("\n").split("\n"))
        indicators = self._indicators()
        for section in ORDER:
            entries = []
            if section == "indicators":
                entries = indicators
            else:
                for proposal in self.included:
                    if TOP_KINDS.get(proposal.kind) != section:
                        continue
                    entries.append((proposal, *self._top(proposal, section)))
            if not entries:
                continue
            self.lines.append("")
            self.lines.append(f"{section}:")
            for proposal, data, children in entries:
                self.emit("  ", proposal, data, children)
        for proposal in self.included:
            if proposal.parent and proposal.parent not in self.ids:
                self.skipped.append((proposal, "the record it belongs to is not accepted"))
        return "\n".join(self.lines) + "\n"

    def _top(self, proposal: Proposal, section: str) -> tuple[dict[str, Any], dict[str, list]]:
        data = self.record(proposal, section)
        children = self.children(proposal)
        if proposal.kind == "framework":
            version = {"key": f"{proposal.key}-v1", "label": proposal.fields.get("version_label") or data["name"],
                       "scale": proposal.fields.get("scale", "mm-five-level")}
            if "classification" in data:
                version["classification"] = data["classification"]
            for name in ("basis", "stated_objective_count"):
                if proposal.fields.get(name) not in (None, ""):
                    version[name] = _coerce("versions", name, proposal.fields[name])
            data["versions"] = [version]
        if proposal.kind == "lto":
            framework = self.proposals.get(proposal.parent)
            if framework is not None:
                data = {"key": data.pop("key"), "framework_version": f"{framework.key}-v1", **data}
        if proposal.kind == "observation":
            data = {"key": data.pop("key"), "indicator": self._indicator_keys[proposal.id], **data}
        return data, children

    def _indicators(self) -> list:
        self._indicator_keys: dict[str, str] = {}
        entries = []
        by_identity: dict[tuple, str] = {}
        taken: set[str] = set()
        for proposal in self.included:
            if proposal.kind != "observation":
                continue
            f = proposal.fields
            identity = (f.get("indicator", ""), f.get("unit", ""), f.get("mission", ""), f.get("contribution", ""))
            if identity not in by_identity:
                scope = f.get("mission") or self.proposals.stem
                base = slug(f"{scope}-{f.get('indicator') or f.get('unit')}")[:90] or "indicator"
                key, n = base, 2
                while key in taken:
                    key, n = f"{base}-{n}", n + 1
                taken.add(key)
                by_identity[identity] = key
                data = {"key": key}
                if self.proposals.classification:
                    data["classification"] = CLASSIFICATION_CODES[self.proposals.classification]
                if f.get("mission"):
                    data["mission"] = f["mission"]
                data["name"] = str(f.get("indicator") or f.get("unit"))[:200]
                data["unit"] = str(f.get("unit") or "")[:50]
                contribution = f.get("contribution")
                if contribution and (contribution in self.keys.get("contributions", set())
                                     or not self._proposed("contributions", contribution)):
                    data["contribution"] = contribution
                entries.append((proposal, data, {}))
            self._indicator_keys[proposal.id] = by_identity[identity]
        return entries


def draft_dataset(proposals: Proposals, *, accepted_only: bool = False) -> Draft:
    """The draft file with the line of each proposal. ``accepted_only``: only what the user
    accepted (and the records nested in it that were accepted too)."""
    included = [p for p in proposals.items if (p.decision == "accept" if accepted_only else p.decision != "reject")]
    writer = _Writer(proposals, included)
    text = writer.run()
    return Draft(text=text, owners=writer.owners, skipped=writer.skipped)


def proposals_to_dataset(proposals: Proposals, *, accepted_only: bool = False) -> str:
    """The draft dataset as YAML text."""
    return draft_dataset(proposals, accepted_only=accepted_only).text
