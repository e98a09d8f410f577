"""Dates as Dutch and English texts write them, kept at the precision the text gives:
"7 juli 2023" (a day), "eind oktober 2025" (a month), "medio 2024" (a year), "sinds januari
2024", "van mei 2024 tot en met april 2025", "tussen 16 juli en 14 augustus", "1 april jl.",
"30 juni dit jaar", "mid-2024", "end of October 2025", "7 July 2023".

A date without a year takes the ``year`` the caller gives (the last year named before it);
"jl." (last) and "dit jaar" (this year) are read against the document's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from missiemonitor.interchange.onboard.lexicon import MONTH_PATTERN, MONTHS, QUALIFIERS, STOPWORDS


@dataclass(frozen=True)
class Fuzzy:
    """A date with the precision the text gives: year, month or day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last(self) -> dt.date:
        if self.day:
            return self.first()
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def dataset(self) -> str:
        """The dataset's fuzzy form: 2024, 2024-05 or 2024-05-03."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    first: Fuzzy
    last: Fuzzy | None = None  # the end of a range
    relation: str = "on"  # on | since | until | range
    text: str = ""

    def period(self) -> str:
        """The dataset's period form: 2024, 2024-05 or START..END."""
        last = self.last or self.first
        if last == self.first and self.first.precision != "day":
            return self.first.dataset()
        return f"{self.first.first().isoformat()}..{last.last().isoformat()}"


_MONTH = rf"(?P<month>{MONTH_PATTERN})\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_NL_PREFIX = r"(?P<prefix>begin|eind|medio|midden|half|eind van|begin van|early|late|end of|mid|mid-|the end of|the beginning of|the middle of)"
_RELATIVE = r"(?P<relative>jl\.?|jongstleden|dit jaar|van dit jaar|vorig jaar|this year|last year|next year|volgend jaar)"
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w-])(?P<day>[0-3]?\d)(?:e|ste|de|st|nd|rd|th)?\s+{_MONTH}(?:\s+{_YEAR}|\s+{_RELATIVE})?(?![\w-])", re.I
)
_MONTH_DAY_YEAR = re.compile(  # July 7, 2023
    rf"(?<![\w-]){_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR}(?![\w-])", re.I
)
_MONTH_YEAR = re.compile(
    rf"(?<![\w-])(?:{_NL_PREFIX}[\s-]+)?{_MONTH}(?:\s+{_YEAR}|\s+{_RELATIVE})(?![\w-])", re.I
)
_YEAR_ONLY = re.compile(rf"(?<![\w.,/-])(?:{_NL_PREFIX}[\s-]+)?{_YEAR}(?![\w%]|[.,]\d|/\d)", re.I)
_YEAR_RANGE = re.compile(r"(?<![\w.,/-])(?P<a>(?:19|20)\d{2})\s*[-–/]\s*(?P<b>(?:19|20)?\d{2})(?![\w%]|[.,]\d)")
_BARE_MONTH = re.compile(rf"(?<![\w-])(?:in|sinds|vanaf|since|from|tot|until|per|during|gedurende|eind|begin|medio)\s+{_MONTH}(?![\w-])", re.I)
_CONNECTOR = re.compile(r"\s*(?:tot en met|t/m|tot|through|until|to|-|–|—|en|and)\s*", re.I)
_BEFORE_RANGE = re.compile(r"(?:tussen|between|van|from|in de periode|over de periode|periode|period)\s+$", re.I)
_SINCE = re.compile(r"(?:sinds|vanaf|since|from|per|as of|met ingang van)\s+$", re.I)
_UNTIL = re.compile(r"(?:tot en met|t/m|tot|until|till|through|by|uiterlijk)\s+$", re.I)
# A four-digit number is a year after one of these words, and a count ("2000 militairen")
# when a qualifier precedes it or a noun follows it.
_YEAR_BEFORE = re.compile(
    r"(?:^|[\s(])(?:in|sinds|vanaf|tot|van|voor|na|per|medio|begin|eind|jaar|since|from|until|by|"
    r"during|before|after|of|t/m|en|and|het|the|year|gedurende|over)\s+$", re.I)
_COUNT_BEFORE = re.compile(r"(?:circa|ca\.|ongeveer|ruim|bijna|about|some|nearly|over|around|kleine|totaal|total)\s+$", re.I)
_NEXT_WORD = re.compile(r"\s+([a-zA-Z][\w'-]*)")


def _year(text: str | None, reference: int | None) -> int | None:
    return int(text) if text else reference


def _relative_year(relative: str, month: int, day: int | None, document_date: dt.date | None,
                   reference: int | None) -> int | None:
    relative = relative.lower()
    today = document_date
    if today is None:
        return reference
    if relative.startswith(("jl", "jongst")):
        candidate = dt.date(today.year, month, day or 1)
        return today.year if candidate <= today else today.year - 1
    if "vorig" in relative or "last" in relative:
        return today.year - 1
    if "volgend" in relative or "next" in relative:
        return today.year + 1
    return today.year


def _atoms(text: str, *, year: int | None, document_date: dt.date | None) -> list[DateMention]:
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, fuzzy: Fuzzy) -> None:
        if all(end <= s or start >= e for s, e in taken):
            taken.append((start, end))
            found.append(DateMention(start, end, fuzzy, text=text[start:end]))

    for match in _MONTH_DAY_YEAR.finditer(text):
        month = MONTHS[match["month"].lower()]
        _safe_add(add, match, int(match["year"]), month, int(match["day"]))
    for match in _DAY_MONTH_YEAR.finditer(text):
        month = MONTHS[match["month"].lower()]
        day = int(match["day"])
        if match["relative"]:
            the_year = _relative_year(match["relative"], month, day, document_date, year)
        else:
            the_year = _year(match["year"], year)
        if the_year is None or not 1 <= day <= 31:
            continue
        if match["month"].lower() == "may" and not match["year"] and not match["relative"]:
            continue  # "3 may" is rarely a date in English prose without a year
        _safe_add(add, match, the_year, month, day)
    for match in _MONTH_YEAR.finditer(text):
        month = MONTHS[match["month"].lower()]
        if match["relative"]:
            the_year = _relative_year(match["relative"], month, None, document_date, year)
        else:
            the_year = int(match["year"])
        if the_year is not None:
            _safe_add(add, match, the_year, month, None)
    for match in _YEAR_RANGE.finditer(text):
        a = int(match["a"])
        b_text = match["b"]
        b = int(b_text) if len(b_text) == 4 else (a // 100) * 100 + int(b_text)
        if a < b <= a + 50 and all(match.end() <= s or match.start() >= e for s, e in taken):
            taken.append((match.start(), match.end()))
            found.append(DateMention(match.start(), match.end(), Fuzzy(a), Fuzzy(b), "range",
                                     text=match.group(0)))
    for match in _YEAR_ONLY.finditer(text):
        after = text[match.end():match.end() + 30]
        before = text[max(0, match.start() - 12):match.start()]
        if not match["prefix"] and _is_count(before, after):
            continue
        add(match.start(), match.end(), Fuzzy(int(match["year"])))
    if year is not None:
        for match in _BARE_MONTH.finditer(text):
            start = match.start("month")
            add(start, match.end(), Fuzzy(year, MONTHS[match["month"].lower()]))
    found.sort(key=lambda m: m.start)
    return found


def _is_count(before: str, after: str) -> bool:
    if _COUNT_BEFORE.search(before):
        return True
    if _YEAR_BEFORE.search(before):
        return False
    match = _NEXT_WORD.match(after)
    if not match:
        return False
    word = match[1].lower()
    qualifiers = {q.split()[0] for q, _a, _b in QUALIFIERS}
    return word not in STOPWORDS and word not in qualifiers and word not in MONTHS and word[0].islower()


def _safe_add(add, match: re.Match, year: int, month: int, day: int | None) -> None:
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return
    add(match.start(), match.end(), Fuzzy(year, month, day))


def find_dates(text: str, *, year: int | None = None, document_date: dt.date | None = None) -> list[DateMention]:
    """Every date and period of ``text``, in order. Ranges ("van mei 2024 tot en met april
    2025") are one mention; a date after "sinds"/"vanaf" has relation ``since``."""
    atoms = _atoms(text, year=year, document_date=document_date)
    # a first date without a year takes the year of the second: "16 juli en 14 augustus 2024"
    result: list[DateMention] = []
    index = 0
    while index < len(atoms):
        atom = atoms[index]
        following = atoms[index + 1] if index + 1 < len(atoms) else None
        if following is not None:
            between = text[atom.end:following.start]
            connector = _CONNECTOR.fullmatch(between)
            before = text[max(0, atom.start - 25):atom.start]
            is_and = connector and between.strip().lower() in {"en", "and"}
            if connector and (not is_and or _BEFORE_RANGE.search(before)) and atom.last is None:
                first, last = atom.first, following.first
                if first.first() > last.last() and first.day and last.year == first.year:
                    first = replace(first, year=last.year - 1)
                if first.first() <= last.last():
                    start = atom.start
                    result.append(DateMention(start, following.end, first, following.last or last, "range",
                                              text=text[start:following.end]))
                    index += 2
                    continue
        before = text[max(0, atom.start - 25):atom.start]
        if atom.relation == "on" and _SINCE.search(before):
            atom = replace(atom, relation="since")
        elif atom.relation == "on" and _UNTIL.search(before):
            atom = replace(atom, relation="until")
        result.append(atom)
        index += 1
    return result


def last_year(text: str) -> int | None:
    """The last year named in ``text`` (for dates without a year that follow it)."""
    years = [m.last.year if m.last else m.first.year for m in _atoms(text, year=None, document_date=None)]
    return years[-1] if years else None


def month_range(first: Fuzzy, last: Fuzzy) -> str:
    return f"{first.first().isoformat()}..{last.last().isoformat()}"
