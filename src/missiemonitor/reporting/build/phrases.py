"""Sentences from data: a translated template with ``{name}`` slots, filled with facts.

The templates are gettext strings (msgid in English, Dutch in the .po file), one small set per
section; they hold no mission-specific content. :func:`compose` turns one into runs, keeping
each fact whole so that every renderer can link it to its records.
"""

from __future__ import annotations

import re

from missiemonitor.reporting.viewmodel import Fact, NoteRef, Run

_SLOT = re.compile(r"\{(\w+)\}")

Part = str | Fact | NoteRef | list


def compose(template: str, **parts: Part | None) -> list[Run]:
    runs: list[Run] = []
    position = 0
    for match in _SLOT.finditer(template):
        if match.start() > position:
            runs.append(template[position:match.start()])
        part = parts[match[1]]
        if isinstance(part, list):
            runs.extend(part)
        elif part is not None:
            runs.append(part)
        position = match.end()
    if position < len(template):
        runs.append(template[position:])
    return merge(runs)


def join(items: list[list[Run] | Run], *, language: str, last: str | None = None,
         sep: str = ", ") -> list[Run]:
    """"a, b en c" / "a, b and c"."""
    last = last if last is not None else (" en " if language == "nl" else " and ")
    runs: list[Run] = []
    for i, item in enumerate(items):
        if i:
            runs.append(last if i == len(items) - 1 else sep)
        runs.extend(item if isinstance(item, list) else [item])
    return merge(runs)


def merge(runs: list[Run]) -> list[Run]:
    """Adjacent strings joined; empty strings dropped."""
    merged: list[Run] = []
    for run in runs:
        if isinstance(run, str):
            if not run:
                continue
            if merged and isinstance(merged[-1], str):
                merged[-1] += run
                continue
        merged.append(run)
    return merged


def capitalise(runs: list[Run]) -> list[Run]:
    if runs and isinstance(runs[0], str) and runs[0]:
        return [runs[0][0].upper() + runs[0][1:], *runs[1:]]
    return runs
