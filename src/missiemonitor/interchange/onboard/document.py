"""A document as the rules read it: headings, paragraphs and list items in reading order, each
with its page (when the format has pages) and its number, and footnotes with the places that
cite them.

Structured formats (ODT, DOCX) say what is a heading and where a footnote is cited. Plain text
and the text of a PDF do not: :func:`layout_text` recovers it from the lines. A heading is a
short line that starts a block and does not end a sentence; a footnote is a numbered line after
a blank line, cited by the same number glued to a word ("in Irak1,"); page numbers are dropped;
a paragraph that a page break or a footnote cut in two is joined again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Block:
    kind: str  # heading | paragraph | item
    text: str
    page: int | None = None
    number: int = 0  # 1-based, in reading order, over all blocks
    notes: list[tuple[int, str]] = field(default_factory=list)  # (offset in text, footnote id)
    level: int = 0  # heading level, when the format gives it
    open_end: bool = False  # the last line ran to the margin without ending a sentence
    lines: int = 1  # how many lines of the text it took


@dataclass
class Document:
    filename: str
    blocks: list[Block]
    footnotes: dict[str, str] = field(default_factory=dict)  # footnote id -> text
    title: str = ""

    def numbered(self) -> Document:
        for index, block in enumerate(self.blocks, start=1):
            block.number = index
        return self


_BULLET = re.compile(r"^\s*(?:[•·▪◦‣\uf0b7\uf0a7\u2013\u2014*-]|o(?=\s))\s+")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[a-z])[.)]\s+\S")
_FOOTNOTE = re.compile(r"^\s*(\d{1,2})[.)]?\s+(\S.*)$")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*(?:pagina|page)\s+\d+(?:\s+(?:van|of)\s+\d+)?\s*$", re.I)
_ENDS_SENTENCE = re.compile(r"[.!?:;]['\"”’)]*\s*$")
_CONTINUES = re.compile(r"(?:-|\b(?:de|het|een|van|en|in|over|aan|voor|op|met|the|of|and|to|for|on|a|an))$", re.I)
_ENDS_CLAUSE = re.compile(r"[.!?;,]['\"”’)]*\s*$")
# A footnote number glued to the end of a word, or after the full stop that ends a sentence.
_ANCHOR = re.compile(r"(?<=[^\W\d_)’”])(\d{1,2})(?=[\s,;:)]|\.(?:\s|$)|$)|(?<=[a-z)’”]\.)(\d{1,2})(?=\s|$)|(?<=\d{4}\.)(\d{1,2})(?=\s+[A-Z]|\s*$)")


def _clean(line: str) -> str:
    return line.replace("\u00a0", " ").replace("\t", " ").rstrip()


@dataclass
class _Line:
    text: str
    page: int
    anchors: list[tuple[int, str]] = field(default_factory=list)  # (offset in text, number)


def layout_text(text: str, *, filename: str, paged: bool = False) -> Document:
    """Recover headings, paragraphs, items and footnotes from plain text. Pages are separated by
    form feeds (``paged``: each page's text came from a PDF page)."""
    pages = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    raw: list[tuple[str, int]] = []  # (line, page)
    for page_number, page in enumerate(pages, start=1):
        for line in page.split("\n"):
            raw.append((_clean(line), page_number))
    definitions = _find_footnotes(raw, paged=paged)
    footnotes, resolve = _resolve(definitions)
    skip = {index for index, _n, _t in definitions}
    numbers = {number for _i, number, _t in definitions}
    lines: list[_Line | None] = []  # None: a blank line
    for index, (line, page) in enumerate(raw):
        if index in skip:
            continue
        if not line.strip() or _PAGE_NUMBER.match(line):
            lines.append(None)
            continue
        cleaned, anchors = _strip_anchors(line, numbers)
        resolved = [(offset, resolve(index, number)) for offset, number in anchors]
        lines.append(_Line(cleaned, page, [(o, n) for o, n in resolved if n]))
    blocks = _blocks(lines)
    if not paged and len(pages) == 1:
        for block in blocks:
            block.page = None  # plain text without form feeds has no pages: paragraphs only
    title = next((b.text for b in blocks if b.kind == "heading"), "")
    return Document(filename=filename, blocks=blocks, footnotes=footnotes, title=title).numbered()


_NOTE_TEXT = re.compile(r"[A-Z0-9“\"'(‘]")


def _find_footnotes(raw: list[tuple[str, int]], *, paged: bool) -> list[tuple[int, str, str]]:
    """Footnote lines: (index, number, text). A footnote line starts with its number and follows
    a blank line or another footnote line. "2. Text" is a numbered heading, unless it stands at
    the bottom of a page of a PDF."""
    found: list[tuple[int, str, str]] = []
    previous_blank = True
    previous_note = False
    for index, (line, page) in enumerate(raw):
        match = _FOOTNOTE.match(line)
        is_note = False
        if match and (previous_blank or previous_note) and _NOTE_TEXT.match(match[2]):
            with_period = bool(re.match(r"^\s*\d{1,2}[.)]", line))
            is_note = not with_period or (paged and _at_page_bottom(raw, index, page))
        if is_note and match:
            found.append((index, match[1], match[2].strip()))
        previous_note = is_note
        previous_blank = not line.strip() or bool(_PAGE_NUMBER.match(line))
    return found


def _at_page_bottom(raw: list[tuple[str, int]], index: int, page: int) -> bool:
    for line, line_page in raw[index + 1:]:
        if line_page != page:
            break
        if line.strip() and not _FOOTNOTE.match(line) and not _PAGE_NUMBER.match(line):
            return False
    return True


def _strip_anchors(line: str, numbers: set[str]) -> tuple[str, list[tuple[int, str]]]:
    anchors: list[tuple[int, str]] = []
    out: list[str] = []
    last = 0
    for match in _ANCHOR.finditer(line):
        number = match[1] or match[2] or match[3]
        if number not in numbers:
            continue
        out.append(line[last:match.start()])
        anchors.append((sum(len(p) for p in out), number))
        last = match.end()
    out.append(line[last:])
    return "".join(out), anchors


def _resolve(definitions: list[tuple[int, str, str]]):
    """Footnote ids, and a function from (line index, number) to the id cited there: the
    footnote with that number nearest to the citation (footnotes sit below the text that cites
    them, but a page's text may come out in another order), preferring the one below. Numbers
    used twice get ids 5, 5.2, …"""
    footnotes: dict[str, str] = {}
    ids: list[tuple[int, str, str]] = []  # (line index, number, id)
    counts: dict[str, int] = {}
    for line_index, number, text in definitions:
        counts[number] = counts.get(number, 0) + 1
        note_id = number if counts[number] == 1 else f"{number}.{counts[number]}"
        footnotes[note_id] = text
        ids.append((line_index, number, note_id))

    def resolve(line_index: int, number: str) -> str | None:
        candidates = [(abs(i - line_index), i < line_index, note_id) for i, n, note_id in ids if n == number]
        return min(candidates)[2] if candidates else None

    return footnotes, resolve


def _blocks(lines: list[_Line | None]) -> list[Block]:
    groups: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if line is None:
            if current:
                groups.append(current)
                current = []
            continue
        current.append(line)
    if current:
        groups.append(current)
    lengths = sorted(len(line.text.strip()) for group in groups for line in group)
    width = float(lengths[int(len(lengths) * 0.9)]) if lengths else 80.0
    blocks: list[Block] = []
    for number, group in enumerate(groups):
        blocks.extend(_split_group(group, width, first=number == 0))
    return _merge(blocks, width)


def _is_heading_text(text: str, width: float, *, title: bool = False, continued: bool = False) -> bool:
    """A heading is short; the document's title (its first line) may run longer."""
    text = text.strip()
    words = text.split()
    if not text or len(words) > (20 if title else 14) or len(text) > (0.95 if title else 0.75) * width or _BULLET.match(text):
        return False
    if _ENDS_CLAUSE.search(text) or (text.endswith(":") and len(words) > 6):
        return False
    return continued or text[0].isupper() or text[0].isdigit()


def _starts_upper(text: str) -> bool:
    text = _BULLET.sub("", text.strip(), count=1)
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def _split_group(group: list[_Line], width: float, *, first: bool = False) -> list[Block]:
    """Split a run of lines (no blank line inside) into headings, items and paragraphs."""
    blocks: list[Block] = []
    pending: list[_Line] = []
    kind = "paragraph"

    def flush() -> None:
        if pending:
            blocks.append(_make_block(kind, pending, width))
            pending.clear()

    index = 0
    while index < len(group):
        line = group[index]
        following = group[index + 1] if index + 1 < len(group) else None
        text = line.text.strip()
        # the lines so far end a sentence: a heading may follow; a new paragraph only when that
        # line also stops short of the margin
        finished = not pending or _ENDS_SENTENCE.search(pending[-1].text.strip()) is not None
        ended = finished and (not pending or len(pending[-1].text.strip()) < 0.85 * width)
        if _BULLET.match(line.text):
            flush()
            kind = "item"
            removed = len(line.text) - len(_BULLET.sub("", line.text, count=1))
            pending.append(_Line(line.text[removed:], line.page, [(max(0, o - removed), n) for o, n in line.anchors]))
            index += 1
            continue
        # a heading of two lines: a long first line and a short second one ("… (MoPA\nReform)")
        after = group[index + 2] if index + 2 < len(group) else None
        if (ended and following is not None and after is not None and text[:1].isupper()
                and not _ENDS_CLAUSE.search(text) and not _ENDS_CLAUSE.search(following.text.strip())
                and len(following.text.strip()) < 0.4 * width and len(f"{text} {following.text}".split()) <= 16
                and _starts_upper(after.text)):
            flush()
            kind = "paragraph"
            blocks.append(_make_block("heading", [line, following], width))
            index += 2
            continue
        title = first and index == 0
        if finished and following is not None and _is_heading_text(text, width, title=title) and _starts_upper(following.text):
            flush()
            kind = "paragraph"
            heading = [line]
            index += 1
            # a heading wrapped over lines: "Artikel 100-brief over de\nNederlandse bijdrage …"
            while (index < len(group) and _CONTINUES.search(heading[-1].text.strip())
                   and _is_heading_text(group[index].text, width, continued=True)):
                heading.append(group[index])
                index += 1
            blocks.append(_make_block("heading", heading, width))
            continue
        if finished and pending and following is None and _is_heading_text(text, width):
            flush()  # a short last line after a finished sentence: a heading if a paragraph follows
            kind = "paragraph"
            blocks.append(_make_block("paragraph", [line], width))
            index += 1
            continue
        if ended and pending:
            flush()
            kind = "paragraph"
        pending.append(line)
        index += 1
    flush()
    return blocks


def _make_block(kind: str, lines: list[_Line], width: float) -> Block:
    text = ""
    notes: list[tuple[int, str]] = []
    for line in lines:
        part = line.text.strip()
        lead = len(line.text) - len(line.text.lstrip())
        if not part:
            continue
        if text.endswith("-") and part[:1].islower() and not text.endswith(" -"):
            base = len(text)
            text += part  # a word broken at the line end keeps its hyphen: "anti-\nISIS"
        else:
            base = len(text) + (1 if text else 0)
            text = f"{text} {part}" if text else part
        notes.extend((base + max(0, offset - lead), number) for offset, number in line.anchors)
    out: list[str] = []
    mapping: list[int] = []
    for char in text:  # collapse runs of spaces, keeping the note offsets in step
        mapping.append(len(out))
        if char == " " and out and out[-1] == " ":
            continue
        out.append(char)
    mapping.append(len(out))
    block = Block(kind=kind, text="".join(out).strip(), page=lines[0].page,
                  notes=[(mapping[min(o, len(mapping) - 1)], n) for o, n in notes])
    last = lines[-1].text.strip()
    block.lines = len(lines)
    block.open_end = len(last) >= 0.8 * width and not _ENDS_SENTENCE.search(last)
    return block


def _merge(blocks: list[Block], width: float) -> list[Block]:
    """Join what a page break, a footnote or a stray blank line cut in two (the first part does
    not end a sentence and the second starts in lower case, or the first part's last line runs
    to the margin), and make a lone short line before a paragraph a heading."""
    merged: list[Block] = []
    for index, block in enumerate(blocks):
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        if (index == 0 and block.kind == "paragraph" and block.lines == 1 and len(block.text.split()) <= 20
                and not _ENDS_SENTENCE.search(block.text) and block.text[:1].isupper()
                and after is not None and _starts_upper(after.text)):
            block.kind = "heading"  # the document's title: its first line, on its own
        previous = merged[-1] if merged else None
        if (previous is not None and block.kind in {"paragraph", "item"} and previous.kind in {"paragraph", "item"}
                and not _ENDS_SENTENCE.search(previous.text)
                and (block.text[:1].islower() or previous.open_end)):
            base = len(previous.text) + 1
            previous.text = f"{previous.text} {block.text}"
            previous.notes.extend((base + o, n) for o, n in block.notes)
            previous.open_end = block.open_end
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (block.kind == "paragraph" and following is not None
                and not block.open_end and _is_heading_text(block.text, width)
                and len(block.text) < 0.6 * width and _starts_upper(following.text)):
            block.kind = "heading"
        merged.append(block)
    return merged
