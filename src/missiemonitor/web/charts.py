"""Chart geometry for the pages. Charts are inline SVG drawn with presentation attributes only
(no inline styles or scripts, so the Content-Security-Policy stays strict) and each chart has a
data table beside it for screen readers and for copying. This module only lays out shapes; the
numbers come from selectors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

WIDTH = 640
LEFT = 56  # room for the value axis labels
RIGHT = 12
TOP = 12
BOTTOM = 40  # room for the category labels


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: Decimal | int
    label_x: float


@dataclass(frozen=True)
class Tick:
    y: float
    value: Decimal | int


@dataclass
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    baseline: float
    left: int = LEFT
    right: float = WIDTH - RIGHT
    label_every: int = 1

    @property
    def label_y(self) -> float:
        return self.baseline + 16


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def bar_chart(points: list[tuple[str, Decimal | int]], *, height: int = 200) -> BarChart:
    """Vertical bars for ``(label, value)`` points, with four value ticks."""
    plot_height = height - TOP - BOTTOM
    top = _nice_max(float(max((p[1] for p in points), default=0) or 0))
    if all(float(p[1] or 0).is_integer() for p in points):  # counts: whole-number ticks
        top = max(4, -(-int(top) // 4) * 4)
    slot = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    bar_width = max(min(slot * 0.7, 48), 2)
    bars = []
    for index, (label, value) in enumerate(points):
        bar_height = plot_height * float(value or 0) / top
        x = LEFT + index * slot + (slot - bar_width) / 2
        bars.append(Bar(round(x, 1), round(TOP + plot_height - bar_height, 1), round(bar_width, 1),
                        round(bar_height, 1), label, value, round(x + bar_width / 2, 1)))
    ticks = [Tick(round(TOP + plot_height * (1 - i / 4), 1), _tick_value(top * i / 4)) for i in range(5)]
    label_every = max(1, round(len(points) / 12))
    return BarChart(WIDTH, height, bars, ticks, TOP + plot_height, label_every=label_every)


def _tick_value(value: float) -> Decimal | int:
    return int(value) if float(value).is_integer() else Decimal(str(round(value, 1)))


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    kind: str  # "posting" or "gap"
    start: dt.date | None
    end: dt.date | None
    headcount: int | None = None


@dataclass
class TimelineRow:
    label: str
    y: float
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Timeline:
    width: int
    height: int
    rows: list[TimelineRow]
    start: dt.date
    end: dt.date
    years: list[tuple[float, int]]
    today_x: float | None
    left: int = 180
    row_height: int = 28


def timeline(rows: list[tuple[str, list[tuple[dt.date | None, dt.date | None, str, int | None]]]],
             *, start: dt.date, end: dt.date, today: dt.date | None = None) -> Timeline:
    """A Gantt-like chart: one row per role, a segment per posting (and per gap)."""
    left, row_height, width = 180, 28, WIDTH + 120
    span = max((end - start).days, 1)
    plot = width - left - RIGHT

    def x_of(day: dt.date | None, default: dt.date) -> float:
        day = day or default
        day = min(max(day, start), end)
        return left + plot * (day - start).days / span

    laid = []
    for index, (label, items) in enumerate(rows):
        row = TimelineRow(label, TOP + index * row_height)
        for seg_start, seg_end, kind, headcount in items:
            x1, x2 = x_of(seg_start, start), x_of(seg_end, end)
            row.segments.append(Segment(round(x1, 1), round(max(x2 - x1, 2), 1), kind, seg_start,
                                        seg_end, headcount))
        laid.append(row)
    years = [(round(x_of(dt.date(y, 1, 1), start), 1), y) for y in range(start.year + 1, end.year + 1)]
    today_x = round(x_of(today, start), 1) if today and start <= today <= end else None
    height = TOP + len(rows) * row_height + BOTTOM
    return Timeline(width, height, laid, start, end, years, today_x, left, row_height)


def month_label(day: dt.date, language: str) -> str:
    from babel.dates import format_date

    from missiemonitor.core.formatting import LOCALES

    return format_date(day, format="MMM yy", locale=LOCALES.get(language, "nl_NL"))


@dataclass
class SeriesChart:
    mission: object
    chart: BarChart
    chart_id: str
    points: list[tuple[dt.date, int]]


def personnel_charts(personnel: list, *, language: str) -> list[SeriesChart]:
    """One bar chart per mission of the people deployed at each month end."""
    return [
        SeriesChart(
            series.mission,
            bar_chart([(month_label(day, language), count) for day, count in series.points]),
            f"personnel-{series.mission.key}",
            series.points,
        )
        for series in personnel
    ]


def postings_timeline(rotations: list, *, today: dt.date | None = None) -> Timeline | None:
    """The postings of each role as bars and the handover gaps between them in red.
    ``rotations`` are objects with ``role``, ``postings`` and ``gaps`` (each gap with ``start``
    and ``end``), as the rotation analysis gives them."""
    dates = [d for r in rotations for p in r.postings for d in (p.start, p.end) if d]
    dates += [d for r in rotations for g in r.gaps for d in (g.start, g.end) if d]
    if not dates:
        return None
    start = dt.date(min(dates).year, 1, 1)
    end = dt.date(max(max(dates), today or max(dates)).year, 12, 31)
    rows = []
    for rotation in rotations:
        items = [(p.start, p.end, "posting", p.headcount) for p in rotation.postings if p.start]
        items += [(g.start, g.end, "gap", None) for g in rotation.gaps if g.start]
        rows.append((str(rotation.role), items))
    return timeline(rows, start=start, end=end, today=today)


@dataclass
class IndicatorChart:
    indicator: object
    value: object  # the IndicatorValue of the period, from the results selectors
    observations: list
    chart: BarChart | None
    chart_id: str


def indicator_charts(values: list, observations: dict, *, language: str) -> list[IndicatorChart]:
    """A bar chart of each indicator's observations over time, next to its value in the period."""
    from missiemonitor.core.formatting import format_date

    charts = []
    for value in values:
        indicator = value.indicator
        points = observations.get(indicator.pk, [])
        chart = bar_chart([(format_date(o.end, language=language, precision="month"), o.value)
                           for o in points]) if points else None
        charts.append(IndicatorChart(indicator, value, points, chart, f"indicator-{indicator.key}"))
    return charts
