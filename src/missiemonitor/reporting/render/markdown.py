"""Markdown (CommonMark with footnotes and pipe tables). Charts appear as their text
alternative; the source list closes the document."""

from __future__ import annotations

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
)

_SPECIAL = str.maketrans({"*": r"\*", "_": r"\_", "[": r"\[", "]": r"\]", "|": r"\|", "`": r"\`",
                          "<": r"\<", "#": r"\#"})


def esc(text: str) -> str:
    return text.translate(_SPECIAL)


def md_runs(runs: list[Run]) -> str:
    out = []
    for run in runs:
        if isinstance(run, Fact):
            out.append(esc(run.text))
        elif isinstance(run, NoteRef):
            out.append(f"[^{run.number}]")
        else:
            out.append(esc(run))
    return "".join(out)


def _marking(report: Report, level: int) -> str:
    if report.audience != "restricted" or level <= 0:
        return ""
    return f"**\\[{report.labels[f'level-{level}']}\\]** "


def _block(report: Report, block) -> str:
    if isinstance(block, Paragraph):
        return _marking(report, block.classification) + md_runs(block.runs)
    if isinstance(block, Notice):
        return "> " + _marking(report, block.classification) + md_runs(block.runs)
    if isinstance(block, BulletList):
        levels = block.item_classifications or [0] * len(block.items)
        return "\n".join((f"{i + 1}. " if block.ordered else "- ") + _marking(report, level) + md_runs(item)
                         for i, (item, level) in enumerate(zip(block.items, levels, strict=True)))
    if isinstance(block, Table):
        header = [md_runs([h]) for h in block.header]
        lines = [f"{_marking(report, block.classification)}*{esc(block.caption)}*", "",
                 "| " + " | ".join(header) + " |",
                 "| " + " | ".join("---:" if block.rows and block.rows[0][i].numeric else "---"
                                   for i in range(len(header))) + " |"]
        for row, level in zip(block.rows, block.row_classifications, strict=True):
            cells = [md_runs(c.runs) for c in row]
            cells[0] = _marking(report, level) + cells[0]
            lines.append("| " + " | ".join(cells) + " |")
        if block.footer:
            lines.append("| " + " | ".join(f"**{md_runs(c.runs)}**" if md_runs(c.runs) else ""
                                           for c in block.footer) + " |")
        return "\n".join(lines)
    if isinstance(block, Chart):
        return (f"{_marking(report, block.classification)}*{report.labels['figure']}: {esc(block.title)}.* "
                f"{md_runs(block.alt)}")
    if isinstance(block, Signatures):
        return "\n\n".join(f"{esc(s.function)}  \n{esc(s.name)}" for s in block.signatures)
    raise TypeError(type(block))


def _section(report: Report, section: Section, depth: int, out: list[str]) -> None:
    if section.title:
        out.append("#" * min(depth, 6) + " " + _marking(report, section.classification) + esc(section.title))
    out.extend(_block(report, block) for block in section.blocks)
    for child in section.children:
        _section(report, child, depth + 1, out)


def render_markdown(report: Report) -> str:
    out: list[str] = []
    if report.audience == "restricted" and report.classification:
        out.append(f"**{report.labels['classification']}: {report.labels[f'level-{report.classification}']}**")
    out += [f"# {esc(report.title)}", md_runs(report.subtitle)]
    for section in report.sections:
        _section(report, section, 2, out)
    for note in report.footnotes:
        out.append(f"[^{note.number}]: {md_runs(note.runs)}")
    if report.sources:
        out.append(f"## {esc(report.labels['sources'])}")
        out.append(esc(report.labels["sources_intro"]))
        lines = []
        for entry in report.sources:
            records = "; ".join(
                _marking(report, r.classification) + esc(f"{r.kind}: {r.title}")
                + (f" (`{r.key}`)" if report.audience == "restricted" else "") for r in entry.records)
            lines.append(f"{entry.number}. {esc(entry.text)} – {records}")
        out.append("\n".join(lines))
    return "\n\n".join(part for part in out if part) + "\n"
