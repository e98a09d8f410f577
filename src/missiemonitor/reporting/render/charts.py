"""Drawing the view-model's charts with matplotlib (Agg): SVG for HTML and PDF, PNG at print
resolution for ODT and DOCX. Text in SVG is drawn as paths in an embedded font, so the file needs
nothing from outside; the text alternative carries the figures as text."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import threading
from typing import TYPE_CHECKING

from missiemonitor.reporting.viewmodel import Chart

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# NL Design System / Rijkshuisstijl colours with enough contrast on white (WCAG 1.4.11).
PALETTE = ["#01689B", "#E17000", "#39870C", "#A90061", "#6C3F95", "#275937", "#94710A", "#154273"]
PRINT_DPI = 300
WIDTH_IN, HEIGHT_IN = 6.3, 3.1
_lock = threading.Lock()  # matplotlib's pyplot state is not thread-safe; Figure objects are used


def _style() -> dict:
    return {
        "font.family": "DejaVu Sans",
        "font.size": 8,
        "svg.fonttype": "path",
        "svg.hashsalt": "missiemonitor",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#333333",
        "axes.labelcolor": "#1a1a1a",
        "xtick.color": "#1a1a1a",
        "ytick.color": "#1a1a1a",
    }


def _values(series, scale: int) -> list[float]:
    return [float(v) / scale if v is not None else float("nan") for v in series.values]


@functools.cache
def _pyplot():
    """matplotlib, imported when the first chart is drawn: a process that draws none (a page, an
    API call, a command) starts half a second sooner without it."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    return pyplot


def draw(chart: Chart) -> Figure:
    from matplotlib.figure import Figure

    with _pyplot().rc_context(_style()):
        fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN))
        ax = fig.add_subplot()
        n = len(chart.categories)
        positions = list(range(n))
        if chart.kind == "bar":
            ax.bar(positions, _values(chart.series[0], chart.y_scale), color=PALETTE[0], width=0.6)
            ax.set_xticks(positions, chart.categories)
        elif chart.kind == "stacked-bar":
            bottom = [0.0] * n
            for i, series in enumerate(chart.series):
                values = [0.0 if v != v else v for v in _values(series, chart.y_scale)]
                ax.bar(positions, values, bottom=bottom, label=series.label, color=PALETTE[i % len(PALETTE)],
                       width=0.7)
                bottom = [a + b for a, b in zip(bottom, values, strict=True)]
            rotate = n > 6
            step = 1 if n <= 12 else -(-n // 12)  # at most twelve labels
            ax.set_xticks(positions[::step], chart.categories[::step], rotation=45 if rotate else 0,
                          ha="right" if rotate else "center")
        elif chart.kind == "hbar-stacked":
            left = [0.0] * n
            for i, series in enumerate(chart.series):
                values = [0.0 if v != v else v for v in _values(series, chart.y_scale)]
                ax.barh(positions, values, left=left, label=series.label, color=PALETTE[i % len(PALETTE)])
                left = [a + b for a, b in zip(left, values, strict=True)]
            ax.set_yticks(positions, chart.categories)
            ax.invert_yaxis()
        elif chart.kind == "step":
            dates = [dt.date.fromisoformat(c) for c in chart.categories]
            for i, series in enumerate(chart.series):
                ax.step(dates, _values(series, chart.y_scale), where="post", label=series.label,
                        color=PALETTE[i % len(PALETTE)], linewidth=2)
            if chart.y_ticks:
                ax.set_yticks(range(1, len(chart.y_ticks) + 1), chart.y_ticks)
                ax.set_ylim(0.5, len(chart.y_ticks) + 0.5)
            fig.autofmt_xdate()
        ax.tick_params(length=0)
        if chart.kind == "hbar-stacked":
            ax.set_xlabel(chart.y_label)
        else:
            ax.set_ylabel(chart.y_label)
        if len(chart.series) > 1:
            ax.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        ax.set_title(chart.title, loc="left", fontsize=9, fontweight="bold")
        fig.tight_layout()
        return fig


_GLYPH = re.compile(r'<path id="(?P<id>[^"]+)"(?: d="(?P<d>[^"]*)")? transform="scale\((?P<s>[0-9.e-]+)\)"/>\s*')
_TEXT = re.compile(
    r'<g (?P<style>style="[^"]*" )?transform="(?P<t>[^"]*)">\s*(?:<defs>\s*</defs>\s*)?'
    r'(?P<uses>(?:<use xlink:href="#[^"]+"(?: transform="translate\([^)]*\)")?/>\s*)+)</g>')
_USE = re.compile(r'<use xlink:href="#(?P<id>[^"]+)"(?: transform="translate\((?P<dx>[-0-9.e]+)(?: (?P<dy>[-0-9.e]+))?\)")?/>')
_COMMAND = re.compile(r"([MLQCz])([^MLQCz]*)")


def _shift(d: str, dx: float, dy: float) -> str:
    """A glyph outline (absolute M, L, Q, C and z commands) moved by (dx, dy)."""
    out = []
    for command, args in _COMMAND.findall(d):
        numbers = [float(n) for n in args.split()]
        moved = [n + (dx if i % 2 == 0 else dy) for i, n in enumerate(numbers)]
        out.append(command + (" " + " ".join(f"{n:g}" for n in moved) if moved else ""))
    return " ".join(out)


def flatten_text(svg: str) -> str:
    """Matplotlib writes each glyph of a text as a <use> of a shared outline; SVG renderers
    (WeasyPrint among them) then handle hundreds of small elements. Merge each text into one
    path, with the same outlines and the same look, and drop the shared outlines."""
    glyphs = {m["id"]: (m["d"] or "", float(m["s"])) for m in _GLYPH.finditer(svg)}
    if not glyphs:
        return svg

    def merge(match: re.Match) -> str:
        parts, scale = [], None
        for use in _USE.finditer(match["uses"]):
            if use["id"] not in glyphs:
                return match.group(0)
            d, s = glyphs[use["id"]]
            if scale not in (None, s):
                return match.group(0)
            scale = s
            if d:
                parts.append(_shift(d, float(use["dx"] or 0) / s, float(use["dy"] or 0) / s))
        return (f'<path {match["style"] or ""}transform="{match["t"]} scale({scale:g})" '
                f'd="{" ".join(parts)}"/>')

    merged = _TEXT.sub(merge, _GLYPH.sub("", svg))
    if any(f'href="#{glyph}"' in merged for glyph in glyphs):
        return svg  # an outline is still used somewhere: keep the file as matplotlib wrote it
    return re.sub(r"<defs>\s*</defs>\s*", "", merged)


class ChartImages:
    """Draws each chart once per format and keeps the result for the other renderers."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], bytes] = {}
        self._figures: dict[str, Figure] = {}

    def svg(self, chart: Chart) -> bytes:
        return self._get(chart, "svg")

    def png(self, chart: Chart) -> bytes:
        return self._get(chart, "png")

    def _get(self, chart: Chart, fmt: str) -> bytes:
        key = (chart.chart_id, fmt)
        if key not in self._cache:
            with _lock, _pyplot().rc_context(_style()):
                fig = self._figures.get(chart.chart_id)
                if fig is None:
                    fig = self._figures[chart.chart_id] = draw(chart)
                buffer = io.BytesIO()
                if fmt == "png":
                    fig.savefig(buffer, format="png", dpi=PRINT_DPI, metadata={"Software": None},
                                pil_kwargs={"compress_level": 1})
                else:
                    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
            data = buffer.getvalue()
            if fmt == "svg":
                text = data.decode()
                data = flatten_text(text[text.index("<svg"):]).encode()
            self._cache[key] = data
        return self._cache[key]

    def draw_all(self, report, fmt: str) -> None:
        from missiemonitor.reporting.viewmodel import Chart as ChartBlock

        for section in report.walk():
            for block in section.blocks:
                if isinstance(block, ChartBlock):
                    self._get(block, fmt)

    @staticmethod
    def size_cm() -> tuple[float, float]:
        return WIDTH_IN * 2.54, HEIGHT_IN * 2.54
