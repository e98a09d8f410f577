"""What onboarding proposes: records of the dataset format, each with the passage it came from.

A :class:`Proposal` holds the values of one record under the field names of the dataset
format (``docs/dataset-format.md``), the :class:`Passage` it was read from (page or paragraph,
and the quoted sentence), the fields whose value the text does not give (``assumed``: a default
the format requires, to be checked), and the user's decision. Proposals are plain data: they
go into the session as JSON and come back unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

# What each kind of proposal becomes in the dataset, in the order the review page lists them.
KINDS: dict[str, str] = {
    "document": "sources",
    "period": "description",
    "mission": "missions",
    "kamerstuk": "sources",
    "mandate": "mandates",
    "contribution": "contributions",
    "asset": "contributions.assets",
    "milestone": "contributions.milestones",
    "objective": "objectives",
    "framework": "frameworks",
    "lto": "long_term_objectives",
    "condition": "long_term_objectives.conditions",
    "observation": "observations",
    "expenditure": "expenditures",
    "event": "context_events",
    "event-figure": "context_events.figures",
    "incident": "incidents",
}


@dataclass
class Passage:
    """Where a proposal was read: the block's number (headings, paragraphs and list items are
    numbered together, in reading order), its page when the document has pages, the quoted
    sentence, and the heading of its section."""

    paragraph: int
    sentence: str
    page: int | None = None
    heading: str = ""

    def where(self) -> str:
        if self.page:
            return f"page {self.page}, paragraph {self.paragraph}"
        return f"paragraph {self.paragraph}"


@dataclass
class Proposal:
    id: str
    kind: str
    key: str
    fields: dict[str, Any]
    passage: Passage
    assumed: list[str] = field(default_factory=list)
    parent: str = ""  # the id of the proposal this one belongs to (an asset's contribution)
    note: str = ""  # how a value was read, where the text does not say it outright (an English msgid)
    note_args: dict[str, Any] = field(default_factory=dict)  # the values of the note's placeholders
    decision: str = ""

    def note_text(self, translate=None) -> str:
        """The note in English, or translated with ``translate`` (gettext)."""
        if not self.note:
            return ""
        text = translate(self.note) if translate else self.note
        return text % self.note_args if self.note_args else text

    @property
    def label(self) -> str:
        for name in ("name", "title", "asset_type", "text", "description", "unit"):
            value = self.fields.get(name)
            if value:
                return str(value)
        return self.key


@dataclass
class Proposals:
    filename: str
    language: str
    title: str
    items: list[Proposal] = field(default_factory=list)
    reporting_period: str = ""  # the dataset's period form, when the document names one
    classification: int = 0  # of the document: every record loaded from it gets it

    def add(self, kind: str, key: str, fields: dict[str, Any], passage: Passage, *,
            assumed: list[str] | None = None, parent: str = "", note: str = "",
            note_args: dict[str, Any] | None = None) -> Proposal:
        proposal = Proposal(id=f"p{len(self.items) + 1}", kind=kind, key=self.unique_key(kind, key),
                            fields={k: v for k, v in fields.items() if v not in (None, "", [])},
                            passage=passage, assumed=list(assumed or []), parent=parent, note=note,
                            note_args=dict(note_args or {}))
        self.items.append(proposal)
        return proposal

    def unique_key(self, kind: str, key: str) -> str:
        section = KINDS[kind]
        taken = {p.key for p in self.items if KINDS[p.kind] == section}
        base = slug(key)[:90] or kind
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    @property
    def stem(self) -> str:
        """The document's name as a key part, for records that belong to no mission: their keys
        must not meet those of another document's records."""
        return slug(self.filename.rsplit(".", 1)[0])[:40] or "document"

    def get(self, proposal_id: str) -> Proposal | None:
        return next((p for p in self.items if p.id == proposal_id), None)

    def of_kind(self, *kinds: str) -> list[Proposal]:
        return [p for p in self.items if p.kind in kinds]

    def accepted(self) -> list[Proposal]:
        return [p for p in self.items if p.decision == "accept"]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Proposals:
        items = [Proposal(**{**item, "passage": Passage(**item["passage"])}) for item in data.get("items", [])]
        return cls(filename=data["filename"], language=data["language"], title=data.get("title", ""),
                   items=items, reporting_period=data.get("reporting_period", ""),
                   classification=int(data.get("classification", 0)))


def slug(text: str) -> str:
    """A dataset key from any text: 'Force Protection (NMI)' -> 'force-protection-nmi'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
