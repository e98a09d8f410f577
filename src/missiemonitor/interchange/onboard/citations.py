"""Kamerstuk references in their usual forms, read into dossier, number and date with
:mod:`missiemonitor.core.kamerstuk`:

- "Kamerstuk 27 925, nr. 946" and "Kamerstukken 27 925, nrs. 943"
- "Kamerstukken II 2023/24, 27925-946" and "Kamerstukken II 2023/24, 27 925, nr. 946"
- "kst-27925-946" (the publication address)
- "Parliamentary Paper 27 925, no. 946" and "Parliamentary Papers II 2023/24, 27925-946"

followed, when the text gives it, by the letter's date: "– d.d. 7 juli 2023", "van 7 juli
2023", "dated 7 July 2023", "(7 juli 2023)".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from missiemonitor.core.kamerstuk import kamerstuk_citation, normalise_dossier
from missiemonitor.interchange.onboard.dates import find_dates

_DOSSIER = r"(?P<dossier>\d{1,3}(?:[ .]?\d{3})(?:[- ](?:[A-Z]{1,6})(?![a-z]))?)"
_NUMBER = r"(?P<number>\d{1,5})"
_SESSION = r"(?:\s+(?:I{1,2}|1|2))?(?:,?\s+(?:vergaderjaar\s+)?\d{4}[-/–]\d{2,4})?,?"
_LABEL = r"(?:Kamerstuk(?:ken)?|Parliamentary Papers?|House of Representatives (?:paper|document)s?|TK)"
_FORMS = [
    # Kamerstuk 27 925, nr. 946 / Kamerstukken II 2023/24, 27 925, nr. 946
    re.compile(rf"\b{_LABEL}{_SESSION}\s+{_DOSSIER},?\s+(?:nrs?\.|nummers?|no\.|nos\.|number)\s*{_NUMBER}\b"),
    # Kamerstukken II 2023/24, 27925-946
    re.compile(rf"\b{_LABEL}{_SESSION}\s+{_DOSSIER}-{_NUMBER}\b"),
    # kst-27925-946
    re.compile(rf"\bkst-{_DOSSIER}-{_NUMBER}\b", re.I),
]
_DATE_AFTER = re.compile(r"\s*(?:[–—-]\s*)?(?:,\s*)?(?:d\.d\.|van|dated|of|d\.d)?\s*\(?", re.I)


@dataclass(frozen=True)
class KamerstukReference:
    start: int
    end: int  # after the date, when the text gives one
    dossier: str  # normalised: 27925, 36600-X
    number: int
    date: dt.date | None
    text: str

    @property
    def key(self) -> str:
        return f"{self.dossier}-{self.number}"

    def citation(self, language: str = "nl") -> str:
        return kamerstuk_citation(self.dossier, self.number, self.date, language=language)


def find_kamerstukken(text: str) -> list[KamerstukReference]:
    """Every Kamerstuk reference in ``text``, in order."""
    found: list[KamerstukReference] = []
    taken: list[tuple[int, int]] = []
    for form in _FORMS:
        for match in form.finditer(text):
            if any(not (match.end() <= s or match.start() >= e) for s, e in taken):
                continue
            try:
                dossier = normalise_dossier(match["dossier"].replace(".", " "))
            except ValueError:
                continue
            end = match.end()
            date = None
            lead = _DATE_AFTER.match(text, end)
            if lead:
                window = text[lead.end():lead.end() + 40]
                dates = find_dates(window)
                if dates and dates[0].start == 0 and dates[0].first.precision == "day" and dates[0].last is None:
                    date = dates[0].first.first()
                    end = lead.end() + dates[0].end
                    if text[end:end + 1] == ")" and "(" in text[match.end():lead.end()]:
                        end += 1
            taken.append((match.start(), end))
            found.append(KamerstukReference(match.start(), end, dossier, int(match["number"]), date,
                                            text[match.start():end]))
    found.sort(key=lambda r: r.start)
    return found
