"""Kamerstuk references: the official citation form and publication address.

A Kamerstuk is cited as "Kamerstuk 27 925, nr. 943 – d.d. 7 juli 2023" and published at
https://zoek.officielebekendmakingen.nl/kst-27925-943.html.
"""

from __future__ import annotations

import datetime as dt
import re

from missiemonitor.core.formatting import format_date

PUBLICATION_BASE = "https://zoek.officielebekendmakingen.nl"
_DOSSIER = re.compile(r"^(?P<digits>\d+)(?:[- ]?(?P<suffix>[A-Z]+))?$")


def normalise_dossier(dossier: str) -> str:
    """'27 925' -> '27925'; '36 600-X' -> '36600-X'."""
    compact = re.sub(r"\s+", "", dossier.strip())
    match = _DOSSIER.match(compact)
    if not match:
        raise ValueError(f"not a Kamerstuk dossier number: {dossier!r}")
    suffix = match["suffix"]
    return match["digits"] + (f"-{suffix}" if suffix else "")


def format_dossier(dossier: str) -> str:
    """'27925' -> '27 925' (thousands grouped with a space, as in official citations)."""
    digits, _, suffix = normalise_dossier(dossier).partition("-")
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return " ".join(groups) + (f" {suffix}" if suffix else "")


def kamerstuk_url(dossier: str, number: int) -> str:
    return f"{PUBLICATION_BASE}/kst-{normalise_dossier(dossier)}-{number}.html"


def kamerstuk_citation(
    dossier: str, number: int, date: dt.date | None, *, language: str = "nl"
) -> str:
    label = "Kamerstuk" if language == "nl" else "Parliamentary Paper"
    text = f"{label} {format_dossier(dossier)}, nr. {number}"
    if date is not None:
        text += f" – d.d. {format_date(date, language=language)}" if language == "nl" else (
            f" – dated {format_date(date, language=language)}"
        )
    return text
