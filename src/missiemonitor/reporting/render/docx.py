"""DOCX (python-docx) for officials who finish the letter in Word: built-in heading and list
styles, real footnotes, tables with a repeating header row, charts as PNG at print resolution
with alt text, and a numbered source appendix that each figure links to and names."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from missiemonitor.reporting.render.charts import ChartImages
from missiemonitor.reporting.viewmodel import (
    BulletList,
    Chart,
    Fact,
    NoteRef,
    Notice,
    Paragraph,
    Report,
    Run,
    Section,
    Signatures,
    Table,
    plain,
)

FONT = "Liberation Sans"
RED = RGBColor(0xA4, 0x26, 0x2C)
GREY = RGBColor(0x55, 0x55, 0x55)
BLUE = RGBColor(0x15, 0x42, 0x73)
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


class _Writer:
    def __init__(self, report: Report, charts: ChartImages) -> None:
        self.report = report
        self.charts = charts
        self.doc = Document()
        self.notes = {note.number: note for note in report.footnotes}
        self.footnote_xml: list[str] = []
        self._style()

    def _style(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(10)
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "nl-NL" if self.report.language == "nl" else "en-GB")
        rpr.append(lang)
        for level in range(1, 5):
            style = self.doc.styles[f"Heading {level}"]
            style.font.name = FONT
            style.font.color.rgb = BLUE
        for section in self.doc.sections:
            section.left_margin = section.right_margin = Cm(2.3)

    # --- runs ---------------------------------------------------------------------------
    def marking(self, paragraph, level: int) -> None:
        if self.report.audience == "restricted" and level > 0:
            run = paragraph.add_run(f"[{self.report.labels[f'level-{level}']}] ")
            run.bold = True
            run.font.color.rgb = RED

    def runs(self, paragraph, runs: list[Run]) -> None:
        for run in runs:
            if isinstance(run, Fact):
                if run.source_no is None:
                    paragraph.add_run(run.text)
                    continue
                self._link(paragraph, run.text, f"src_{run.source_no}")
                marker = paragraph.add_run(f"[{run.source_no}]")
                marker.font.superscript = True
                marker.font.size = Pt(7)
                marker.font.color.rgb = GREY
            elif isinstance(run, NoteRef):
                self._footnote(paragraph, run.number)
            else:
                paragraph.add_run(run)

    def _link(self, paragraph, text: str, anchor: str) -> None:
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), anchor)
        link.set(qn("w:history"), "1")
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        link.append(run)
        paragraph._p.append(link)

    def _footnote(self, paragraph, number: int) -> None:
        run = paragraph.add_run()
        run.font.superscript = True
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(number))
        run._r.append(ref)
        body = escape(plain(self.notes[number].runs))
        self.footnote_xml.append(
            f'<w:footnote w:id="{number}"><w:p><w:pPr><w:rPr><w:sz w:val="16"/></w:rPr></w:pPr>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="16"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve"> {body}</w:t></w:r></w:p></w:footnote>')

    def _add_footnotes_part(self) -> None:
        if not self.footnote_xml:
            return
        separators = (
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
            "</w:r></w:p></w:footnote>")
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>'
               f"{separators}{''.join(self.footnote_xml)}</w:footnotes>")
        document_part = self.doc.part
        part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, xml.encode(), document_part.package)
        document_part.relate_to(part, RT.FOOTNOTES)

    # --- blocks -------------------------------------------------------------------------
    def block(self, block) -> None:
        doc = self.doc
        if isinstance(block, Paragraph):
            p = doc.add_paragraph()
            self.marking(p, block.classification)
            self.runs(p, block.runs)
        elif isinstance(block, Notice):
            p = doc.add_paragraph(style="Intense Quote")
            self.marking(p, block.classification)
            self.runs(p, block.runs)
        elif isinstance(block, BulletList):
            levels = block.item_classifications or [0] * len(block.items)
            for item, level in zip(block.items, levels, strict=True):
                p = doc.add_paragraph(style="List Number" if block.ordered else "List Bullet")
                self.marking(p, level)
                self.runs(p, item)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            self.chart(block)
        elif isinstance(block, Signatures):
            for signature in block.signatures:
                p = doc.add_paragraph()
                p.add_run(signature.function)
                p.add_run().add_break()
                p.add_run().add_break()
                p.add_run(signature.name).bold = True

    def table(self, block: Table) -> None:
        caption = self.doc.add_paragraph(style="Caption")
        self.marking(caption, block.classification)
        caption.add_run(block.caption)
        rows = [*block.rows, *([block.footer] if block.footer else [])]
        table = self.doc.add_table(rows=1 + len(rows), cols=len(block.header))
        table.style = "Table Grid"
        header = table.rows[0]
        tr_pr = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        for cell, h in zip(header.cells, block.header, strict=True):
            cell.paragraphs[0].add_run(h.text if isinstance(h, Fact) else h).bold = True
        levels = [*(block.row_classifications or [0] * len(block.rows)), *([0] if block.footer else [])]
        for row, cells, level in zip(table.rows[1:], rows, levels, strict=True):
            for i, (cell, content) in enumerate(zip(row.cells, cells, strict=True)):
                p = cell.paragraphs[0]
                if content.numeric:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if i == 0:
                    self.marking(p, level)
                self.runs(p, content.runs)

    def chart(self, chart: Chart) -> None:
        width, _height = ChartImages.size_cm()
        self.doc.add_picture(io.BytesIO(self.charts.png(chart)), width=Cm(width))
        inline = self.doc.inline_shapes[-1]._inline
        inline.docPr.set("title", chart.title)
        inline.docPr.set("descr", plain(chart.alt))
        caption = self.doc.add_paragraph()
        self.marking(caption, chart.classification)
        caption.add_run(f"{self.report.labels['figure']}: {chart.title}. ").bold = True
        self.runs(caption, chart.alt)
        for run in caption.runs:
            run.font.size = Pt(9)

    def section(self, section: Section, depth: int) -> None:
        if section.title:
            heading = self.doc.add_heading(level=min(depth, 4))
            self.marking(heading, section.classification)
            heading.add_run(section.title)
        for block in section.blocks:
            self.block(block)
        for child in section.children:
            self.section(child, depth + 1)

    def write(self) -> bytes:
        report, doc = self.report, self.doc
        if report.audience == "restricted" and report.classification:
            p = doc.add_paragraph()
            run = p.add_run(f"{report.labels['classification']}: {report.labels[f'level-{report.classification}']}")
            run.bold = True
            run.font.color.rgb = RED
        doc.add_paragraph(report.title, style="Title")
        subtitle = doc.add_paragraph(style="Subtitle")
        self.runs(subtitle, report.subtitle)
        for section in report.sections:
            self.section(section, 1)
        if report.sources:
            doc.add_heading(report.labels["sources"], level=1)
            doc.add_paragraph(report.labels["sources_intro"])
            for entry in report.sources:
                p = doc.add_paragraph()
                p.paragraph_format.space_after = Pt(2)
                name = f"src_{entry.number}"
                p._p.append(parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{entry.number}" w:name="{name}"/>'))
                p.add_run(f"[{entry.number}] ").bold = True
                p._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{entry.number}"/>'))
                p.add_run(f"{entry.text} – ")
                for i, ref in enumerate(entry.records):
                    if i:
                        p.add_run("; ")
                    self.marking(p, ref.classification)
                    p.add_run(f"{ref.kind}: {ref.title}")
                    if report.audience == "restricted":
                        p.add_run(f" ({report.labels['key']} {ref.key})")
                for run in p.runs:
                    run.font.size = Pt(8)
        self._add_footnotes_part()
        doc.core_properties.title = f"{report.title} – {plain(report.subtitle)}"[:255]
        doc.core_properties.language = "nl-NL" if report.language == "nl" else "en-GB"
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()


def render_docx(report: Report, *, charts: ChartImages) -> bytes:
    return _Writer(report, charts).write()
