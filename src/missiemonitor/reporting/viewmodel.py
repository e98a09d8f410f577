"""The report view-model: plain dataclasses, built once by the reporting selectors and rendered by
every format. Nothing here touches the database; renderers receive only these objects.

A report is a list of sections; a section holds blocks (paragraphs, lists, tables, charts,
signatures, notices) and sub-sections. Text is a list of *runs*: plain strings, facts and
footnote references. A :class:`Fact` is a figure, date or name taken from the data, already
written in the report's language, with the records it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Audience = Literal["public", "restricted"]


@dataclass(frozen=True)
class RecordRef:
    """Provenance: one record a figure came from."""

    label: str  # model label, "results.Observation"
    key: str
    classification: int
    kind: str  # the model's verbose name in the report language, "observatie"
    title: str  # what the record is, in the report language


@dataclass
class Fact:
    """A figure, date or name from the data: its value, unit and how it is qualified."""

    kind: Literal["number", "money", "date", "name", "citation", "statement"]
    value: Decimal | dt.date | str
    text: str  # as written in the report: "circa 1.300", "€ 45,9 miljoen", "7 juli 2023"
    sources: tuple[RecordRef, ...]
    unit: str = ""
    approximately: bool = False
    bound: str = ""
    precision: str = "day"  # for dates
    source_no: int | None = None  # number in the report's source appendix

    @property
    def classification(self) -> int:
        return max((ref.classification for ref in self.sources), default=0)

    @property
    def is_figure(self) -> bool:
        return self.kind != "name"


@dataclass(frozen=True)
class NoteRef:
    """A footnote marker; the footnote itself is in :attr:`Report.footnotes`."""

    number: int


Run = str | Fact | NoteRef


@dataclass
class Paragraph:
    runs: list[Run]
    classification: int = 0
    origin: Literal["narrative", "generated"] = "generated"
    style: Literal["body", "caption", "lead"] = "body"


@dataclass
class BulletList:
    items: list[list[Run]]
    classification: int = 0
    ordered: bool = False
    item_classifications: list[int] = field(default_factory=list)


@dataclass
class Cell:
    runs: list[Run]
    numeric: bool = False


@dataclass
class Table:
    caption: str
    header: list[str | Fact]
    rows: list[list[Cell]]
    row_classifications: list[int] = field(default_factory=list)
    footer: list[Cell] | None = None  # a totals row

    @property
    def classification(self) -> int:
        return max(self.row_classifications, default=0)


@dataclass
class Series:
    label: str
    values: list[Decimal | None]


@dataclass
class Chart:
    """A chart and its data. Renderers draw it; the text alternative says the same in words."""

    chart_id: str
    kind: Literal["bar", "stacked-bar", "hbar-stacked", "step"]
    title: str
    categories: list[str]  # x-axis labels (bars) or dates as ISO strings (step charts)
    series: list[Series]
    y_label: str
    alt: list[Run]  # the text alternative, with facts
    classification: int = 0
    y_max: Decimal | None = None
    y_scale: int = 1  # values are divided by this when drawn (money in millions)
    y_ticks: list[str] | None = None  # labels for integer levels (threat levels)


@dataclass
class Signature:
    function: str
    name: str
    source: RecordRef


@dataclass
class Signatures:
    signatures: list[Signature]
    classification: int = 0


@dataclass
class Notice:
    """A remark set apart from the text, such as the restricted annex notice."""

    runs: list[Run]
    classification: int = 0


Block = Paragraph | BulletList | Table | Chart | Signatures | Notice


@dataclass
class Section:
    key: str  # an anchor: "monitoring", "mission-alpha"
    title: str
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    classification: int = 0

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def is_empty(self) -> bool:
        return not self.blocks and all(child.is_empty() for child in self.children)


@dataclass
class Footnote:
    number: int
    runs: list[Run]
    source: RecordRef | None = None


@dataclass
class SourceEntry:
    """One numbered entry of the source appendix: a figure and the records it came from."""

    number: int
    text: str  # the figure as written
    unit: str
    records: tuple[RecordRef, ...]


@dataclass
class Report:
    title: str
    subtitle: list[Run]
    language: str
    audience: Audience
    start: dt.date
    end: dt.date
    mission_keys: list[str]
    sections: list[Section]
    footnotes: list[Footnote] = field(default_factory=list)
    sources: list[SourceEntry] = field(default_factory=list)
    restricted_annex: bool = False  # public report: classified records exist in scope
    labels: dict[str, str] = field(default_factory=dict)  # fixed words the renderers need

    @property
    def classification(self) -> int:
        levels = [entry_ref.classification for entry in self.sources for entry_ref in entry.records]
        levels += [s.classification for section in self.sections for s in section.walk()]
        return max(levels, default=0)

    def walk(self):
        for section in self.sections:
            yield from section.walk()

    def facts(self):
        """Every fact in the report, in reading order (text, tables, charts, footnotes)."""
        for section in self.walk():
            for block in section.blocks:
                yield from block_facts(block)
        for note in self.footnotes:
            yield from (run for run in note.runs if isinstance(run, Fact))


def block_facts(block: Block):
    if isinstance(block, Paragraph | Notice):
        yield from (run for run in block.runs if isinstance(run, Fact))
    elif isinstance(block, BulletList):
        for item in block.items:
            yield from (run for run in item if isinstance(run, Fact))
    elif isinstance(block, Table):
        yield from (h for h in block.header if isinstance(h, Fact))
        for row in [*block.rows, *([block.footer] if block.footer else [])]:
            for cell in row:
                yield from (run for run in cell.runs if isinstance(run, Fact))
    elif isinstance(block, Chart):
        yield from (run for run in block.alt if isinstance(run, Fact))


def plain(runs: list[Run], *, notes: bool = False) -> str:
    """Runs as plain text (footnote markers left out unless ``notes``)."""
    parts = []
    for run in runs:
        if isinstance(run, Fact):
            parts.append(run.text)
        elif isinstance(run, NoteRef):
            if notes:
                parts.append(str(run.number))
        else:
            parts.append(run)
    return "".join(parts)
