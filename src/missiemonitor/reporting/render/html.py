"""HTML: one self-contained file (inline CSS, charts as inline SVG images, nothing fetched),
WCAG 2.1 AA: a language, one h1 and nested headings, table headers with scope, text
alternatives for charts, colours with enough contrast. Each figure links to its entry in the
source list, which names the records it came from.

The PDF is printed from the same HTML (``for_pdf``): there the figures are plain text and the
source list is left out, since a printed page cannot follow a link; ODT and DOCX carry it."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string
from django.utils.html import escape

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

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class HtmlWriter:
    def __init__(self, report: Report, charts: ChartImages, *, for_pdf: bool = False) -> None:
        self.report = report
        self.charts = charts
        self.for_pdf = for_pdf

    def marking(self, level: int) -> str:
        if self.report.audience != "restricted" or level <= 0:
            return ""
        return f'<strong class="marking">[{escape(self.report.labels[f"level-{level}"])}]</strong> '

    def runs(self, runs: list[Run]) -> str:
        labels = self.report.labels
        parts = []
        for run in runs:
            if isinstance(run, Fact):
                text = escape(run.text)
                if run.source_no is None or self.for_pdf:
                    parts.append(text)
                    continue
                records = "; ".join(f"{r.kind}: {r.title}" for r in run.sources)
                title = escape(f"{labels['source_link']} {run.source_no}: {records}")
                parts.append(f'<a class="fact" href="#src-{run.source_no}" title="{title}">{text}</a>')
            elif isinstance(run, NoteRef) and self.for_pdf:
                # Superscript digits, so that a footnote number never reads as a figure in the
                # text layer ("Testland¹", not "Testland1").
                parts.append(f'<span class="note">{str(run.number).translate(SUPERSCRIPT)}</span>')
            elif isinstance(run, NoteRef):
                parts.append(f'<sup class="note"><a href="#fn-{run.number}" id="fnref-{run.number}" '
                             f'aria-label="{escape(labels["footnotes"])} {run.number}">{run.number}</a></sup>')
            else:
                parts.append(escape(run))
        return "".join(parts)

    def block(self, block) -> str:
        if isinstance(block, Paragraph):
            css = f' class="{block.style}"' if block.style != "body" else ""
            return f"<p{css}>{self.marking(block.classification)}{self.runs(block.runs)}</p>"
        if isinstance(block, Notice):
            return f'<p class="notice" role="note">{self.marking(block.classification)}{self.runs(block.runs)}</p>'
        if isinstance(block, BulletList):
            tag = "ol" if block.ordered else "ul"
            levels = block.item_classifications or [0] * len(block.items)
            items = "".join(f"<li>{self.marking(level)}{self.runs(item)}</li>"
                            for item, level in zip(block.items, levels, strict=True))
            return f"<{tag}>{items}</{tag}>"
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Chart):
            return self.chart(block)
        if isinstance(block, Signatures):
            cells = "".join(f'<div class="signature"><p class="function">{escape(s.function)}</p>'
                            f'<p class="signatory">{escape(s.name)}</p></div>' for s in block.signatures)
            return f'<div class="signatures">{cells}</div>'
        raise TypeError(type(block))

    def table(self, table: Table) -> str:
        def header(item) -> str:
            return self.runs([item]) if isinstance(item, Fact) else escape(item)

        head = "".join(f'<th scope="col">{header(h)}</th>' for h in table.header)
        rows = []
        for row, level in zip(table.rows, table.row_classifications, strict=True):
            cells = []
            for i, cell in enumerate(row):
                css = ' class="num"' if cell.numeric else ""
                if i == 0:
                    cells.append(f'<th scope="row"{css}>{self.marking(level)}{self.runs(cell.runs)}</th>')
                else:
                    cells.append(f"<td{css}>{self.runs(cell.runs)}</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        foot = ""
        if table.footer:
            cells = [f'<th scope="row">{self.runs(table.footer[0].runs)}</th>'] + [
                f'<td{" class=num" if c.numeric else ""}>{self.runs(c.runs)}</td>' for c in table.footer[1:]]
            foot = f"<tfoot><tr>{''.join(cells)}</tr></tfoot>"
        return (f"<table><caption>{self.marking(table.classification)}{escape(table.caption)}</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>{foot}</table>")

    def chart(self, chart: Chart) -> str:
        svg = base64.b64encode(self.charts.svg(chart)).decode()
        ident = escape(chart.chart_id)
        return (f'<figure class="chart" id="chart-{ident}">'
                f'<img src="data:image/svg+xml;base64,{svg}" alt="{escape(chart.title)}" '
                f'aria-describedby="chart-{ident}-alt">'
                f'<figcaption id="chart-{ident}-alt">{self.marking(chart.classification)}'
                f'<span class="chart-title">{escape(chart.title)}.</span> {self.runs(chart.alt)}'
                f"</figcaption></figure>")

    def section(self, section: Section, depth: int) -> str:
        level = min(depth, 6)
        heading = ""
        if section.title:
            heading = (f'<h{level} id="{escape(section.key)}">{self.marking(section.classification)}'
                       f"{escape(section.title)}</h{level}>")
        body = "".join(self.block(block) for block in section.blocks)
        children = "".join(self.section(child, depth + 1) for child in section.children)
        label = f' aria-labelledby="{escape(section.key)}"' if section.title else ""
        return f'<section class="level-{level}"{label}>{heading}{body}{children}</section>'

    def sources(self) -> str:
        if self.for_pdf:
            return ""
        items = []
        for entry in self.report.sources:
            records = []
            for ref in entry.records:
                key = f" <code>{escape(ref.key)}</code>" if self.report.audience == "restricted" else ""
                records.append(f"{self.marking(ref.classification)}{escape(ref.kind)}: {escape(ref.title)}{key}")
            items.append(f'<li id="src-{entry.number}" value="{entry.number}"><span class="figure">'
                         f'{escape(entry.text)}</span> – {"; ".join(records)}</li>')
        return "".join(items)

    def render(self) -> str:
        report = self.report
        if self.for_pdf:
            footnotes = "".join(
                f'<li id="fn-{note.number}"><span class="note">{str(note.number).translate(SUPERSCRIPT)}</span> '
                f"{self.runs(note.runs)}</li>" for note in report.footnotes)
        else:
            footnotes = "".join(
                f'<li id="fn-{note.number}">{self.runs(note.runs)} <a href="#fnref-{note.number}" '
                f'class="back" aria-label="↩ {note.number}">↩</a></li>' for note in report.footnotes)
        marking = (report.labels[f"level-{report.classification}"]
                   if report.audience == "restricted" and report.classification else "")
        return render_to_string("reporting/report.html", {
            "report": report,
            "subtitle": self.runs(report.subtitle),
            "subtitle_text": plain(report.subtitle),
            "marking": marking,
            "for_pdf": self.for_pdf,
            "sections": "".join(self.section(s, 2) for s in report.sections),
            "footnotes": footnotes,
            "sources": self.sources(),
        })


def render_html(report: Report, *, charts: ChartImages, for_pdf: bool = False) -> str:
    return HtmlWriter(report, charts, for_pdf=for_pdf).render()
