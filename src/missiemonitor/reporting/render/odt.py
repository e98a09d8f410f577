"""ODT (OpenDocument Text, with odfpy): real headings with outline levels, footnotes, tables
with header rows, charts as PNG at print resolution with a title and description, and a
numbered source appendix. Each figure links to its appendix entry and carries its number."""

from __future__ import annotations

import io

from odf import draw, svg, table, text
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    FontFace,
    GraphicProperties,
    ListLevelProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.text import ListLevelStyleBullet, ListStyle

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
BLUE, RED, GREY = "#154273", "#a4262c", "#555555"


class _Styles:
    def __init__(self, doc: OpenDocumentText, language: str) -> None:
        doc.fontfacedecls.addElement(FontFace(name=FONT, fontfamily=f"'{FONT}'", fontfamilygeneric="swiss",
                                              fontpitch="variable"))
        country = "NL" if language == "nl" else "GB"
        # The document default, so that every paragraph, heading, cell and note uses the font.
        defaults = DefaultStyle(family="paragraph")
        defaults.addElement(TextProperties(fontname=FONT, fontfamily=f"'{FONT}'", fontsize="10pt",
                                           language=language, country=country))
        doc.styles.addElement(defaults)
        default = Style(name="Standard", family="paragraph")
        default.addElement(TextProperties(fontname=FONT, fontsize="10pt", language=language, country=country))
        doc.styles.addElement(default)

        def para(name, parent="Standard", auto=False, **props):
            style = Style(name=name, family="paragraph", parentstylename=parent)
            text_props = {k: v for k, v in props.items() if k in {"fontsize", "fontweight", "color", "fontstyle"}}
            para_props = {k: v for k, v in props.items() if k not in text_props}
            if text_props:
                style.addElement(TextProperties(**text_props))
            if para_props:
                style.addElement(ParagraphProperties(**para_props))
            (doc.automaticstyles if auto else doc.styles).addElement(style)
            return style

        self.body = para("Text_20_body", marginbottom="0.2cm", lineheight="130%")
        self.title = para("Title", fontsize="18pt", fontweight="bold", color=BLUE, marginbottom="0.2cm")
        self.subtitle = para("Subtitle", fontsize="12pt", marginbottom="0.6cm")
        self.headings = {}
        for level, size in ((1, "14pt"), (2, "12pt"), (3, "11pt"), (4, "10pt")):
            style = Style(name=f"Heading_20_{level}", displayname=f"Heading {level}", family="paragraph",
                          parentstylename="Standard", defaultoutlinelevel=str(level))
            style.addElement(TextProperties(fontsize=size, fontweight="bold", color=BLUE))
            style.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm", keepwithnext="always"))
            doc.styles.addElement(style)
            self.headings[level] = style
        self.caption = para("Caption", fontsize="9pt", fontstyle="italic", marginbottom="0.3cm")
        self.footnote = para("Footnote", fontsize="8pt")
        self.cell = para("Table_20_Contents", fontsize="9pt")
        self.notice = para("Notice", borderleft=f"0.1cm solid {BLUE}", paddingleft="0.3cm")
        self.source = para("Source_20_entry", fontsize="8pt")

        def span(name, **props):
            style = Style(name=name, family="text")
            style.addElement(TextProperties(**props))
            doc.styles.addElement(style)
            return style

        self.marking = span("Classification_20_marking", fontweight="bold", color=RED)
        self.source_no = span("Source_20_reference", textposition="super 58%", color=GREY)
        self.bold = span("Strong_20_Emphasis", fontweight="bold")
        self.bullets = ListStyle(name="Bullets")
        level = ListLevelStyleBullet(level=1, bulletchar="•")
        level.addElement(ListLevelProperties(spacebefore="0.4cm", minlabelwidth="0.4cm"))
        self.bullets.addElement(level)
        doc.automaticstyles.addElement(self.bullets)
        self.table = Style(name="Report_20_table", family="table")
        self.table.addElement(TableProperties(width="16cm", align="left"))
        doc.automaticstyles.addElement(self.table)
        self.th = Style(name="Header_20_cell", family="table-cell")
        self.th.addElement(TableCellProperties(borderbottom="0.05pt solid #000000", padding="0.08cm"))
        doc.automaticstyles.addElement(self.th)
        self.td = Style(name="Body_20_cell", family="table-cell")
        self.td.addElement(TableCellProperties(borderbottom="0.05pt solid #767676", padding="0.08cm"))
        doc.automaticstyles.addElement(self.td)
        self.frame = Style(name="Chart_20_frame", family="graphic")
        self.frame.addElement(GraphicProperties(anchortype="as-char", verticalpos="top", verticalrel="baseline"))
        doc.automaticstyles.addElement(self.frame)


class _Writer:
    def __init__(self, report: Report, charts: ChartImages) -> None:
        self.report = report
        self.charts = charts
        self.doc = OpenDocumentText()
        self.s = _Styles(self.doc, report.language)
        self.notes = {note.number: note for note in report.footnotes}
        self.images = 0

    def marking(self, parent, level: int) -> None:
        if self.report.audience == "restricted" and level > 0:
            parent.addElement(text.Span(stylename=self.s.marking,
                                        text=f"[{self.report.labels[f'level-{level}']}] "))

    def runs(self, parent, runs: list[Run]) -> None:
        for run in runs:
            if isinstance(run, Fact):
                if run.source_no is None:
                    parent.addText(run.text)
                    continue
                link = text.A(type="simple", href=f"#src-{run.source_no}", text=run.text)
                parent.addElement(link)
                parent.addElement(text.Span(stylename=self.s.source_no, text=f"[{run.source_no}]"))
            elif isinstance(run, NoteRef):
                note = text.Note(id=f"ftn{run.number}", noteclass="footnote")
                note.addElement(text.NoteCitation(text=str(run.number)))
                body = text.NoteBody()
                p = text.P(stylename=self.s.footnote)
                self.runs(p, self.notes[run.number].runs)
                body.addElement(p)
                note.addElement(body)
                parent.addElement(note)
            else:
                parent.addText(run)

    def block(self, parent, block) -> None:
        if isinstance(block, Paragraph | Notice):
            p = text.P(stylename=self.s.notice if isinstance(block, Notice) else self.s.body)
            self.marking(p, block.classification)
            self.runs(p, block.runs)
            parent.addElement(p)
        elif isinstance(block, BulletList):
            lst = text.List(stylename=self.s.bullets)
            levels = block.item_classifications or [0] * len(block.items)
            for item, level in zip(block.items, levels, strict=True):
                li = text.ListItem()
                p = text.P(stylename=self.s.body)
                self.marking(p, level)
                self.runs(p, item)
                li.addElement(p)
                lst.addElement(li)
            parent.addElement(lst)
        elif isinstance(block, Table):
            self.table(parent, block)
        elif isinstance(block, Chart):
            self.chart(parent, block)
        elif isinstance(block, Signatures):
            for signature in block.signatures:
                p = text.P(stylename=self.s.body)
                p.addText(signature.function)
                p.addElement(text.LineBreak())
                p.addElement(text.LineBreak())
                p.addElement(text.Span(stylename=self.s.bold, text=signature.name))
                parent.addElement(p)

    def table(self, parent, block: Table) -> None:
        caption = text.P(stylename=self.s.caption)
        self.marking(caption, block.classification)
        caption.addText(block.caption)
        parent.addElement(caption)
        t = table.Table(name=f"Table{id(block)}", stylename=self.s.table)
        width = len(block.header)
        column = Style(name=f"col{id(block)}", family="table-column")
        column.addElement(TableColumnProperties(columnwidth=f"{16 / width:.2f}cm"))
        self.doc.automaticstyles.addElement(column)
        t.addElement(table.TableColumn(numbercolumnsrepeated=width, stylename=column))
        head = table.TableHeaderRows()
        row = table.TableRow()
        for h in block.header:
            cell = table.TableCell(stylename=self.s.th, valuetype="string")
            p = text.P(stylename=self.s.cell)
            p.addElement(text.Span(stylename=self.s.bold, text=h.text if isinstance(h, Fact) else h))
            cell.addElement(p)
            row.addElement(cell)
        head.addElement(row)
        t.addElement(head)
        levels = block.row_classifications or [0] * len(block.rows)
        for cells, level in zip([*block.rows, *([block.footer] if block.footer else [])],
                                [*levels, *([0] if block.footer else [])], strict=True):
            row = table.TableRow()
            for i, c in enumerate(cells):
                cell = table.TableCell(stylename=self.s.td, valuetype="string")
                p = text.P(stylename=self.s.cell)
                if i == 0:
                    self.marking(p, level)
                self.runs(p, c.runs)
                cell.addElement(p)
                row.addElement(cell)
            t.addElement(row)
        parent.addElement(t)

    def chart(self, parent, chart: Chart) -> None:
        self.images += 1
        href = self.doc.addPicture(f"Pictures/chart-{self.images}.png", "image/png", self.charts.png(chart))
        width, height = ChartImages.size_cm()
        p = text.P(stylename=self.s.body)
        frame = draw.Frame(stylename=self.s.frame, width=f"{width:.2f}cm", height=f"{height:.2f}cm",
                           anchortype="as-char", name=f"chart-{self.images}")
        frame.addElement(draw.Image(href=href, type="simple", show="embed", actuate="onLoad"))
        frame.addElement(svg.Title(text=chart.title))
        frame.addElement(svg.Desc(text=plain(chart.alt)))
        p.addElement(frame)
        parent.addElement(p)
        caption = text.P(stylename=self.s.caption)
        self.marking(caption, chart.classification)
        caption.addText(f"{self.report.labels['figure']}: {chart.title}. ")
        self.runs(caption, chart.alt)
        parent.addElement(caption)

    def section(self, section: Section, depth: int) -> None:
        body = self.doc.text
        if section.title:
            h = text.H(outlinelevel=min(depth, 4), stylename=self.s.headings[min(depth, 4)])
            self.marking(h, section.classification)
            h.addText(section.title)
            body.addElement(h)
        for block in section.blocks:
            self.block(body, block)
        for child in section.children:
            self.section(child, depth + 1)

    def write(self) -> bytes:
        report, body = self.report, self.doc.text
        if report.audience == "restricted" and report.classification:
            p = text.P(stylename=self.s.body)
            p.addElement(text.Span(stylename=self.s.marking, text=(
                f"{report.labels['classification']}: {report.labels[f'level-{report.classification}']}")))
            body.addElement(p)
        body.addElement(text.P(stylename=self.s.title, text=report.title))
        sub = text.P(stylename=self.s.subtitle)
        self.runs(sub, report.subtitle)
        body.addElement(sub)
        for section in report.sections:
            self.section(section, 1)
        if report.sources:
            body.addElement(text.H(outlinelevel=1, stylename=self.s.headings[1], text=report.labels["sources"]))
            body.addElement(text.P(stylename=self.s.body, text=report.labels["sources_intro"]))
            for entry in report.sources:
                p = text.P(stylename=self.s.source)
                p.addElement(text.Bookmark(name=f"src-{entry.number}"))
                p.addElement(text.Span(stylename=self.s.bold, text=f"[{entry.number}] "))
                p.addText(f"{entry.text} – ")
                for i, ref in enumerate(entry.records):
                    if i:
                        p.addText("; ")
                    self.marking(p, ref.classification)
                    p.addText(f"{ref.kind}: {ref.title}")
                    if report.audience == "restricted":
                        p.addText(f" ({report.labels['key']} {ref.key})")
                body.addElement(p)
        self.doc.meta.addElement(_title_meta(report))
        buffer = io.BytesIO()
        self.doc.write(buffer)
        return buffer.getvalue()


def _title_meta(report: Report):
    from odf.dc import Title

    return Title(text=f"{report.title} – {plain(report.subtitle)}")


def render_odt(report: Report, *, charts: ChartImages) -> bytes:
    return _Writer(report, charts).write()
