"""Reading ODT (odfpy), DOCX (python-docx), PDF (pypdf) and plain text into a
:class:`~missiemonitor.interchange.onboard.document.Document`.

The format is recognised from the content, not from the name: a PDF starts with ``%PDF``, an
ODT and a DOCX are ZIP packages with their own parts; anything else must be UTF-8 text.
"""

from __future__ import annotations

import io
import re
import zipfile

from missiemonitor.interchange.onboard.document import Block, Document, layout_text

FORMATS = ("odt", "docx", "pdf", "text")
MAX_UNPACKED_BYTES = 200_000_000  # an ODT or DOCX that unpacks to more is refused (a ZIP bomb)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class ReadError(Exception):
    """The file cannot be read; the message says why."""


def detect_format(data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                if sum(info.file_size for info in package.infolist()) > MAX_UNPACKED_BYTES:
                    raise ReadError(f"the package unpacks to more than {MAX_UNPACKED_BYTES // 1_000_000} MB")
                names = set(package.namelist())
                if "mimetype" in names and package.read("mimetype").startswith(b"application/vnd.oasis.opendocument.text"):
                    return "odt"
                if "word/document.xml" in names:
                    return "docx"
        except zipfile.BadZipFile:
            raise ReadError("a damaged ZIP package: not a readable ODT or DOCX file") from None
        raise ReadError("a ZIP package that is neither an ODT nor a DOCX text document")
    return "text"


def read_document(data: bytes, *, filename: str) -> Document:
    kind = detect_format(data)
    try:
        if kind == "pdf":
            return read_pdf(data, filename=filename)
        if kind == "odt":
            return read_odt(data, filename=filename)
        if kind == "docx":
            return read_docx(data, filename=filename)
    except ReadError:
        raise
    except Exception as exc:  # a library's own error on a damaged file
        raise ReadError(f"cannot read this {kind.upper()} file: {exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not an ODT, DOCX or PDF file, and not UTF-8 text (byte {exc.start})") from None
    if "\x00" in text:
        raise ReadError("a binary file: not an ODT, DOCX, PDF or text file")
    return layout_text(text, filename=filename)


# --- PDF -------------------------------------------------------------------------------------

def read_pdf(data: bytes, *, filename: str) -> Document:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ReadError("the PDF is encrypted")
    pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    if not any(page.strip() for page in pages):
        raise ReadError("the PDF holds no text (a scan needs text recognition first)")
    document = layout_text("\f".join(pages), filename=filename, paged=True)
    title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    if title:
        document.title = str(title)
    return document


# --- ODT -------------------------------------------------------------------------------------

def read_odt(data: bytes, *, filename: str) -> Document:
    from odf.opendocument import load

    odt = load(io.BytesIO(data))
    reader = _OdtReader()
    reader.walk(odt.text)
    title = next((b.text for b in reader.blocks if b.kind == "heading"), "")
    return Document(filename=filename, blocks=[b for b in reader.blocks if b.text], footnotes=reader.footnotes,
                    title=title).numbered()


class _OdtReader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.footnotes: dict[str, str] = {}
        self.list_depth = 0

    @staticmethod
    def _name(node) -> str:
        return node.qname[1] if getattr(node, "qname", None) else ""

    def walk(self, node) -> None:
        for child in node.childNodes:
            name = self._name(child)
            if name in {"h", "p"}:
                kind = "heading" if name == "h" else "item" if self.list_depth else "paragraph"
                block = Block(kind=kind, text="")
                if name == "h":
                    level = child.getAttribute("outlinelevel")
                    block.level = int(level) if level and str(level).isdigit() else 1
                parts: list[str] = []
                self._inline(child, parts, block)
                block.text = re.sub(r"\s+", " ", "".join(parts)).strip()
                self.blocks.append(block)
            elif name == "list":
                self.list_depth += 1
                self.walk(child)
                self.list_depth -= 1
            elif name in {"list-item", "list-header", "section", "table", "table-row", "table-cell",
                          "table-header-rows", "table-rows", "text", "body"}:
                self.walk(child)

    def _inline(self, node, parts: list[str], block: Block) -> None:
        for child in node.childNodes:
            if child.nodeType == child.TEXT_NODE:
                parts.append(str(child.data))
                continue
            name = self._name(child)
            if name == "s":
                count = child.getAttribute("c")
                parts.append(" " * (int(count) if count else 1))
            elif name in {"tab", "line-break"}:
                parts.append(" ")
            elif name == "note":
                self._note(child, parts, block)
            elif name not in {"note-citation", "note-body", "bookmark", "bookmark-start", "bookmark-end"}:
                self._inline(child, parts, block)

    def _note(self, note, parts: list[str], block: Block) -> None:
        citation = ""
        body: list[str] = []
        for child in note.childNodes:
            name = self._name(child)
            if name == "note-citation":
                citation = "".join(str(t.data) for t in child.childNodes if t.nodeType == t.TEXT_NODE)
            elif name == "note-body":
                for paragraph in child.childNodes:
                    inner: list[str] = []
                    self._inline(paragraph, inner, Block(kind="paragraph", text=""))
                    body.append("".join(inner))
        note_id = citation.strip() or str(len(self.footnotes) + 1)
        self.footnotes[note_id] = re.sub(r"\s+", " ", " ".join(body)).strip()
        offset = len(re.sub(r"\s+", " ", "".join(parts)).lstrip())
        block.notes.append((offset, note_id))


# --- DOCX ------------------------------------------------------------------------------------

def read_docx(data: bytes, *, filename: str) -> Document:
    from docx import Document as open_docx

    docx = open_docx(io.BytesIO(data))
    footnotes = _docx_footnotes(docx)
    blocks: list[Block] = []
    body = docx.element.body
    styles = {s.style_id: s.name for s in docx.styles}
    for element in body.iter(f"{_W}p"):
        style_id = element.find(f"{_W}pPr/{_W}pStyle")
        style = styles.get(style_id.get(f"{_W}val"), "") if style_id is not None else ""
        block = Block(kind="paragraph", text="")
        level = re.search(r"(?:Heading|Kop)\s*(\d)", style or "", re.I)
        if level or (style or "").lower() in {"title", "titel"}:
            block.kind = "heading"
            block.level = int(level[1]) if level else 0
        elif element.find(f"{_W}pPr/{_W}numPr") is not None or "list" in (style or "").lower():
            block.kind = "item"
        parts: list[str] = []
        for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}footnoteReference"):
            if node.tag == f"{_W}t":
                parts.append(node.text or "")
            elif node.tag == f"{_W}footnoteReference":
                note_id = node.get(f"{_W}id")
                offset = len(re.sub(r"\s+", " ", "".join(parts)).lstrip())
                if note_id in footnotes:
                    block.notes.append((offset, note_id))
            else:
                parts.append(" ")
        block.text = re.sub(r"\s+", " ", "".join(parts)).strip()
        if block.text:
            blocks.append(block)
    title = docx.core_properties.title or next((b.text for b in blocks if b.kind == "heading"), "")
    return Document(filename=filename, blocks=blocks, footnotes=footnotes, title=title).numbered()


def _docx_footnotes(docx) -> dict[str, str]:
    from lxml import etree

    for relationship in docx.part.rels.values():
        if relationship.reltype.endswith("/footnotes"):
            parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
            root = etree.fromstring(relationship.target_part.blob, parser)
            notes = {}
            for note in root.iter(f"{_W}footnote"):
                if note.get(f"{_W}type") in {"separator", "continuationSeparator", "continuationNotice"}:
                    continue
                text = "".join(t.text or "" for t in note.iter(f"{_W}t"))
                notes[note.get(f"{_W}id")] = re.sub(r"\s+", " ", text).strip()
            return notes
    return {}
