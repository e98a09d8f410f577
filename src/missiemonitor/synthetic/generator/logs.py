"""Activity logs: flights of helicopter detachments, movements of force protection units and
training and other events of adviser contributions.

Rows are produced one day at a time from their own random stream (seed, log, contribution,
year), so the generator can both total them (for the typed observations in the YAML file)
and stream them to CSV in the same pass, without ever holding a log in memory. The CSV
format is the one ``import-log`` reads (see TEAM.md / docs/dataset-format.md):

- flight.csv: ``contribution,date,aircraft,hours,tasking,classification``
- movement.csv: ``contribution,date,count,area,classification``
- event.csv: ``contribution,date,event_type,count,area,classification``
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO

from missiemonitor.synthetic.generator.common import (
    CLASSIFICATION_CODES,
    Options,
    add_days,
    rng_for,
)

HEADERS = {
    "flight": ("contribution", "date", "aircraft", "hours", "tasking", "classification"),
    "movement": ("contribution", "date", "count", "area", "classification"),
    "event": ("contribution", "date", "event_type", "count", "area", "classification"),
}
EVENT_TYPES = (
    ("training", 0.45, (4, 30)),
    ("advice-session", 0.25, (1, 3)),
    ("key-leader-engagement", 0.06, (1, 1)),
)
TENTH = Decimal("0.1")


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day = add_days(day, 1)


def flight_rows(
    options: Options,
    contribution: str,
    first: dt.date,
    last: dt.date,
    aircraft: int,
    own_share: float,
) -> Iterator[tuple[dt.date, str, int, str]]:
    """(date, aircraft, tenths of an hour, tasking) for every flight from ``first`` to ``last``
    (within one year). Several thousand flights a year for a detachment of three or four."""
    rng = rng_for(options, "log", "flight", contribution, first.year)
    tails = [f"H-{n:02d}" for n in range(1, aircraft + 1)]
    national = 0.1
    for day in _days(first, last):
        if rng.random() < 0.04:  # maintenance stand-down or weather
            continue
        for tail in tails:
            for _sortie in range(rng.randint(1, 5)):
                draw = rng.random()
                tasking = (
                    "mission"
                    if draw < own_share
                    else "national"
                    if draw > 1 - national
                    else "coalition"
                )
                yield day, tail, rng.randint(3, 14), tasking


def movement_rows(
    options: Options, contribution: str, first: dt.date, last: dt.date, areas: tuple[str, ...]
) -> Iterator[tuple[dt.date, int, str]]:
    rng = rng_for(options, "log", "movement", contribution, first.year)
    for day in _days(first, last):
        for _round in range(rng.randint(0, 3)):
            yield day, rng.randint(1, 6), rng.choice(areas)


def event_rows(
    options: Options, contribution: str, first: dt.date, last: dt.date, areas: tuple[str, ...]
) -> Iterator[tuple[dt.date, str, int, str]]:
    rng = rng_for(options, "log", "event", contribution, first.year)
    for day in _days(first, last):
        if day.weekday() >= 5:
            continue
        for event_type, chance, (low, high) in EVENT_TYPES:
            if rng.random() < chance:
                yield day, event_type, rng.randint(low, high), rng.choice(areas)


class LogSink:
    """Three CSV files written row by row. Files are written under temporary names and moved
    into place by :meth:`close`, so an interrupted run leaves no half-written log behind."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.paths = {kind: directory / f"{kind}.csv" for kind in HEADERS}
        self.files: dict[str, IO[str]] = {}
        self.writers = {}
        self.rows = dict.fromkeys(HEADERS, 0)
        for kind, path in self.paths.items():
            handle = path.with_name(path.name + ".tmp").open("w", encoding="utf-8", newline="")
            self.files[kind] = handle
            self.writers[kind] = csv.writer(handle, lineterminator="\n")
            self.writers[kind].writerow(HEADERS[kind])

    def write(self, kind: str, contribution: str, level: int, values: tuple) -> None:
        self.writers[kind].writerow((contribution, *values, CLASSIFICATION_CODES[level]))
        self.rows[kind] += 1

    def close(self, *, keep: bool = True) -> None:
        for kind, handle in self.files.items():
            handle.close()
            tmp = handle.name
            if keep:
                Path(tmp).replace(self.paths[kind])
            else:
                Path(tmp).unlink(missing_ok=True)
        self.files = {}


def hours(tenths: int) -> Decimal:
    return (Decimal(tenths) * TENTH).quantize(TENTH)
