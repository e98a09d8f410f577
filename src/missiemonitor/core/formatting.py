"""Number, money and date formatting by language convention, through Babel.

Dutch: 1.300; 45,9; € 45,9 miljoen; 7 juli 2023; "circa" for approximate values.
English: 1,300; 45.9; €45.9 million; 7 July 2023; "about" for approximate values.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
APPROXIMATELY = {"nl": "circa", "en": "about"}
MILLION = {"nl": "miljoen", "en": "million"}
BILLION = {"nl": "miljard", "en": "billion"}


def _locale(language: str) -> str:
    try:
        return LOCALES[language]
    except KeyError:
        raise ValueError(f"unsupported language {language!r}; expected one of {sorted(LOCALES)}") from None


def format_number(value: Decimal | int | float, *, language: str = "nl", decimals: int | None = None) -> str:
    """Format with grouping. Without ``decimals``, trailing zeros are dropped (1300.00 -> 1.300)."""
    number = Decimal(str(value))
    if decimals is None:
        normalized = number.normalize()
        exponent = normalized.as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(number, format=pattern, locale=_locale(language))


def format_money(amount: Decimal | int, *, language: str = "nl") -> str:
    """€ 45,9 miljoen / €45.9 million for large amounts, € 12.500 / €12,500 otherwise."""
    amount = Decimal(amount)
    symbol_gap = " " if language == "nl" else ""
    for size, words in ((Decimal(10**9), BILLION), (Decimal(10**6), MILLION)):
        if abs(amount) >= size:
            scaled = (amount / size).quantize(Decimal("0.1")).normalize()
            return f"€{symbol_gap}{format_number(scaled, language=language)} {words[language]}"
    return f"€{symbol_gap}{format_number(amount, language=language)}"


def format_date(value: dt.date, *, language: str = "nl", precision: str = "day") -> str:
    """7 juli 2023 / juli 2023 / 2023 (and 7 July 2023 / July 2023 / 2023)."""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return babel_format_date(value, format="LLLL yyyy", locale=_locale(language))
    return babel_format_date(value, format="d MMMM yyyy", locale=_locale(language))


def approximately(text: str, *, approximate: bool, language: str = "nl") -> str:
    return f"{APPROXIMATELY[language]} {text}" if approximate else text


BOUNDS = {
    "nl": {"just-under": "een kleine", "at-most": "tot", "at-least": "ten minste", "more-than": "ruim"},
    "en": {"just-under": "just under", "at-most": "up to", "at-least": "at least", "more-than": "more than"},
}
THROUGH = {"nl": "tot en met", "en": "to"}


def format_quantity(value: Decimal | int | float, *, language: str = "nl", unit: str = "") -> str:
    """A count or measure as a report writes it: 1.300, 15.000, 1,1 miljoen; 30% for percent.

    Whole millions and values of ten million or more are written with the word ("1,1 miljoen"),
    the way Dutch government texts do; the digits stay, so the figure can be found."""
    number = Decimal(str(value))
    if unit.strip() == "%":
        return f"{format_number(number, language=language)}%"
    if abs(number) >= Decimal(10**6):
        scaled = number / Decimal(10**6)
        if scaled == scaled.quantize(Decimal("0.1")):
            return f"{format_number(scaled, language=language)} {MILLION[language]}"
    return format_number(number, language=language)


def qualify(text: str, *, language: str = "nl", approximate: bool = False, bound: str = "") -> str:
    """Put "circa" / "een kleine" / "ruim" before a formatted figure, as the data says."""
    if bound:
        return f"{BOUNDS[language][bound]} {text}"
    return approximately(text, approximate=approximate, language=language)


def _month_aligned(start: dt.date, end: dt.date) -> bool:
    return start.day == 1 and (end + dt.timedelta(days=1)).day == 1


def format_period(start: dt.date, end: dt.date, *, language: str = "nl") -> str:
    """2024 / mei 2024 / mei 2024 tot en met april 2025 / 3 mei 2024 tot en met 9 juni 2024."""
    if start == end:
        return format_date(start, language=language)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if _month_aligned(start, end):
        if (start.year, start.month) == (end.year, end.month):
            return format_date(start, language=language, precision="month")
        left = format_date(start, language=language, precision="month")
        right = format_date(end, language=language, precision="month")
    else:
        left, right = format_date(start, language=language), format_date(end, language=language)
    return f"{left} {THROUGH[language]} {right}"

