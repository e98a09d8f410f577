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
