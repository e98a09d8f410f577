"""HTML: one self-contained file (inline CSS, charts as inline SVG images), WCAG 2.1 AA: a
language, one h1 and nested headings, table headers with scope, text alternatives for charts,
and colours with enough contrast. Each figure links to its entry in the source list, which
names the records it came from. The PDF is printed from the same HTML."""

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


def marking(report: Report, level: int) -> str:
    if report.audience != "restricted" or level <= 0:
        return ""
    return f'<strong class="marking">[{escape(report.labels[f"level-{level}"])}]</strong> '


def runs_html(report: Report, runs: list[Run]) -> str:
    parts = []
    for run in runs:
        if isinstance(run, Fact):
            text = escape(run.text)
            if run.source_no is None:
                parts.append(f'<span class="name">{text}</span>' if run.kind == "name" else text)
                continue
            records = "; ".join(f"{r.kind}: {r.title}" for r in run.sources)
            title = escape(f"{report.labels['source_link']} {run.source_no}: {records}")
            parts.append(f'<a class="fact fact-{run.kind}" href="#src-{run.source_no}" '
                         f'title="{title}">{text}</a>')
        elif isinstance(run, NoteRef):
            parts.append(f'<sup class="note"><a href="#fn-{run.number}" id="fnref-{run.number}" '
                         f'aria-label="{escape(report.labels["footnotes"])} {run.number}">{run.number}</a></sup>')
        else:
            parts.append(escape(run))
    return "".join(parts)


def block_html(report: Report, block, charts: ChartImages, for_pdf: bool) -> str:
    if isinstance(block, Paragraph):
        css = f' class="{block.style}"' if block.style != "body" else ""
        return f"<p{css}>{marking(report, block.classification)}{runs_html(report, block.runs)}</p>"
    if isinstance(block, Notice):
        return (f'<p class="notice" role="note">{marking(report, block.classification)}'
                f"{runs_html(report, block.runs)}</p>")
    if isinstance(block, BulletList):
        tag = "ol" if block.ordered else "ul"
        levels = block.item_classifications or [0] * len(block.items)
        items = "".join(f"<li>{marking(report, level)}{runs_html(report, item)}</li>"
                        for item, level in zip(block.items, levels, strict=True))
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        return _table(report, block)
    if isinstance(block, Chart):
        return _chart(report, block, charts)
    if isinstance(block, Signatures):
        cells = "".join(f'<div class="signature"><p class="function">{escape(s.function)}</p>'
                        f'<p class="signatory">{escape(s.name)}</p></div>' for s in block.signatures)
        return f'<div class="signatures">{cells}</div>'
    raise TypeError(type(block))


def _cell_text(report: Report, item) -> str:
    return runs_html(report, [item]) if isinstance(item, Fact) else escape(item)


def _table(report: Report, table: Table) -> str:
    head = "".join(f'<th scope="col">{_cell_text(report, h)}</th>' for h in table.header)
    rows = []
    for row, level in zip(table.rows, table.row_classifications, strict=True):
        cells = []
        for i, cell in enumerate(row):
            css = ' class="num"' if cell.numeric else ""
            content = runs_html(report, cell.runs)
            if i == 0:
                cells.append(f'<th scope="row"{css}>{marking(report, level)}{content}</th>')
            else:
                cells.append(f"<td{css}>{content}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    foot = ""
    if table.footer:
        cells = [f'<th scope="row">{runs_html(report, table.footer[0].runs)}</th>'] + [
            f'<td{" class=num" if c.numeric else ""}>{runs_html(report, c.runs)}</td>' for c in table.footer[1:]]
        foot = f"<tfoot><tr>{''.join(cells)}</tr></tfoot>"
    return (f"<table><caption>{marking(report, table.classification)}{escape(table.caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>{foot}</table>")


def _chart(report: Report, chart: Chart, charts: ChartImages) -> str:
    svg = base64.b64encode(charts.svg(chart)).decode()
    caption_id = f"chart-{escape(chart.chart_id)}-alt"
    return (f'<figure class="chart" id="chart-{escape(chart.chart_id)}">'
            f'<img src="data:image/svg+xml;base64,{svg}" alt="{escape(chart.title)}" '
            f'aria-describedby="{caption_id}">'
            f'<figcaption id="{caption_id}">{marking(report, chart.classification)}'
            f'<span class="chart-title">{escape(chart.title)}.</span> {runs_html(report, chart.alt)}'
            f"</figcaption></figure>")


def section_html(report: Report, section: Section, depth: int, charts: ChartImages, for_pdf: bool) -> str:
    level = min(depth, 6)
    heading = ""
    if section.title:
        heading = (f'<h{level} id="{escape(section.key)}">{marking(report, section.classification)}'
                   f"{escape(section.title)}</h{level}>")
    body = "".join(block_html(report, block, charts, for_pdf) for block in section.blocks)
    children = "".join(section_html(report, child, depth + 1, charts, for_pdf) for child in section.children)
    label = f' aria-labelledby="{escape(section.key)}"' if section.title else ""
    return f'<section class="level-{level}"{label}>{heading}{body}{children}</section>'


def body_html(report: Report, charts: ChartImages, *, for_pdf: bool = False) -> dict:
    footnotes = "".join(
        f'<li id="fn-{note.number}">{runs_html(report, note.runs)} '
        f'<a href="#fnref-{note.number}" class="back" aria-label="↩ {note.number}">↩</a></li>'
        for note in report.footnotes)
    sources = []
    for entry in report.sources:
        records = []
        for ref in entry.records:
            key = f' <code>{escape(ref.key)}</code>' if report.audience == "restricted" else ""
            records.append(f"{marking(report, ref.classification)}{escape(ref.kind)}: {escape(ref.title)}{key}")
        sources.append(f'<li id="src-{entry.number}" value="{entry.number}"><span class="figure">'
                       f'{escape(entry.text)}</span> – {"; ".join(records)}</li>')
    return {
        "sections": "".join(section_html(report, s, 2, charts, for_pdf) for s in report.sections),
        "footnotes": footnotes,
        "sources": "".join(sources),
    }


def render_html(report: Report, *, charts: ChartImages, for_pdf: bool = False) -> str:
    context = {
        "report": report,
        "subtitle": runs_html(report, report.subtitle),
        "subtitle_text": plain(report.subtitle),
        "marking": report.labels[f"level-{report.classification}"]
        if report.audience == "restricted" and report.classification else "",
        "for_pdf": for_pdf,
        **body_html(report, charts, for_pdf=for_pdf),
    }
    return render_to_string("reporting/report.html", context)
