"""Drawing the view-model's charts with matplotlib (Agg): SVG for HTML and PDF, PNG at print
resolution for ODT and DOCX. Text in SVG is drawn as paths in an embedded font, so the file needs
nothing from outside; the text alternative carries the figures as text."""

from __future__ import annotations

import datetime as dt
import io
import threading

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from missiemonitor.reporting.viewmodel import Chart

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


def draw(chart: Chart) -> Figure:
    with plt.rc_context(_style()):
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
            ax.set_xticks(positions, chart.categories, rotation=45 if rotate else 0,
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
        if chart.kind == "hbar-stacked":
            ax.set_xlabel(chart.y_label)
        else:
            ax.set_ylabel(chart.y_label)
        if len(chart.series) > 1:
            ax.legend(frameon=False, fontsize=7, loc="best")
        ax.set_title(chart.title, loc="left", fontsize=9, fontweight="bold")
        fig.tight_layout()
        return fig


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
            with _lock, plt.rc_context(_style()):
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
                data = text[text.index("<svg"):].encode()
            self._cache[key] = data
        return self._cache[key]

    @staticmethod
    def size_cm() -> tuple[float, float]:
        return WIDTH_IN * 2.54, HEIGHT_IN * 2.54
