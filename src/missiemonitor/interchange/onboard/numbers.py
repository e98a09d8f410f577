"""Numbers as Dutch and English government texts write them: "circa 1.650", "ruim 30 procent",
"€ 12,5 miljoen", "een kleine 1.000", "honderdvijfenveertig", "about 1,650", "€12.5 million".

``find_quantities`` returns every number of a text with its span, its value as a Decimal, and
the vagueness the text gives it (the dataset's ``approximately`` flag and ``bound``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from missiemonitor.interchange.onboard.lexicon import (
    EN_TENS,
    EN_UNITS,
    NL_TEENS,
    NL_TENS,
    NL_UNITS,
    QUALIFIERS,
    SCALES,
)


@dataclass(frozen=True)
class Quantity:
    start: int  # where the quantity begins in the text, qualifier and currency included
    number_start: int  # where the number itself begins
    end: int  # after the number, its scale, currency and percent sign
    value: Decimal
    approximately: bool = False
    bound: str = ""
    money: bool = False
    percent: bool = False
    words: bool = False  # written in words ("drie", "honderdvijfenveertig")
    total: bool = False  # "in totaal", "totaal", "in total"
    text: str = ""


_DIGITS = re.compile(r"(?<![\w.,/:-])(\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\w%]|[.,/-]\d)|"
                     r"(?<![\w.,/:-])(\d+(?:[.,]\d+)?)(?=%)")
_SCALE = re.compile(r"\s+(" + "|".join(re.escape(s) for s in sorted(SCALES, key=len, reverse=True)) + r")(?![\w])",
                    re.I)
_PERCENT_AFTER = re.compile(r"\s*(?:%|procent\b|percent\b|per cent\b)", re.I)
_MONEY_BEFORE = re.compile(r"(?:€|EUR|euro)\s*$", re.I)
_MONEY_AFTER = re.compile(r"\s*(?:euro\b|EUR\b)", re.I)
_TOTAL_BEFORE = re.compile(r"(?:in totaal|totaal|in total|a total of|total of)\s*$", re.I)
_NL_TENS_PATTERN = "|".join(NL_TENS)
_NL_COMPOUND = re.compile(rf"^(\w+?)en({_NL_TENS_PATTERN})$")
_WORD = re.compile(r"(?<![\w-])([a-zA-Zéëè]+(?:-[a-zA-Z]+)*)(?![\w-])")
_EN_RUN = re.compile(
    r"(?<![\w-])((?:" + "|".join(sorted([*EN_UNITS, *EN_TENS, "hundred", "thousand"], key=len, reverse=True))
    + r")(?:(?:-|\s+and\s+|\s+)(?:" + "|".join(sorted([*EN_UNITS, *EN_TENS, "hundred", "thousand"], key=len, reverse=True))
    + r"))*)(?![\w-])", re.I,
)
_HALF = re.compile(
    r"(?<![\w-])(?:(anderhalf)|(?:(\w+) en een half|(\w+) and a half)|(?:een|a) half|half (?:a|an))(?![\w-])", re.I
)
_SINGLE = re.compile(r"(?<![\w-])(?:een enkele|één enkele|één|a single|one single)(?![\w-])", re.I)


def parse_decimal(text: str, *, language: str = "nl") -> Decimal | None:
    """'1.650' (nl) -> 1650; '12,5' -> 12.5; '1,650' (en) -> 1650; '1.1' -> 1.1."""
    if "." in text and "," in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
    elif "." in text or "," in text:
        mark = "." if "." in text else ","
        groups = text.split(mark)
        grouped = len(groups) > 2 or (len(groups[1]) == 3 and len(groups[0]) <= 3)
        grouping_mark = "." if language == "nl" else ","
        if len(groups) > 2 or (grouped and mark == grouping_mark):
            decimal_mark = "," if mark == "." else "."
        else:
            decimal_mark = mark
    else:
        decimal_mark = "."
    grouping = "." if decimal_mark == "," else ","
    cleaned = text.replace(grouping, "").replace(decimal_mark, ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def parse_dutch_number_word(word: str) -> int | None:
    """'drie' -> 3; 'vijfenveertig' -> 45; 'honderdvijfenveertig' -> 145; 'tweeduizend' -> 2000."""
    w = word.lower().replace("ë", "e").replace("é", "e")
    if not w:
        return None
    table = {**{k.replace("é", "e"): v for k, v in NL_UNITS.items()}, **NL_TEENS, **NL_TENS}
    if w in table:
        return table[w]
    for scale_word, scale in (("duizend", 1000), ("honderd", 100)):
        if scale_word in w:
            left, _, right = w.partition(scale_word)
            multiplier = parse_dutch_number_word(left) if left else 1
            rest = parse_dutch_number_word(right) if right else 0
            if multiplier is None or rest is None or rest >= scale or not 0 < multiplier < 1000:
                return None
            return multiplier * scale + rest
    match = _NL_COMPOUND.match(w)
    if match and match[1] in table and table[match[1]] < 10:
        return table[match[1]] + NL_TENS[match[2]]
    return None


def parse_english_number_words(text: str) -> int | None:
    """'forty-five' -> 45; 'one hundred and forty-five' -> 145; 'two thousand' -> 2000."""
    total = current = 0
    seen = False
    for word in re.split(r"[-\s]+", text.lower()):
        if word in {"and", ""}:
            continue
        if word in EN_UNITS:
            current += EN_UNITS[word]
        elif word in EN_TENS:
            current += EN_TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _qualifier(before: str, language: str) -> tuple[int, bool, str]:
    """(length of the qualifier at the end of ``before``, approximately, bound)."""
    lowered = before.lower()
    for words, approximately, bound in QUALIFIERS:
        if words == "over" and language != "en":
            continue
        match = re.search(r"(?:^|(?<=[\s(]))" + re.escape(words) + r"\s+$", lowered)
        if match:
            return len(before) - match.start(), approximately, bound
    return 0, False, ""


def _finish(text: str, number_start: int, number_end: int, value: Decimal, *, words: bool,
            language: str) -> Quantity:
    end = number_end
    scale = _SCALE.match(text, end)
    if scale:
        value *= SCALES[scale[1].lower()]
        end = scale.end()
    percent = _PERCENT_AFTER.match(text, end)
    is_percent = bool(percent)
    if percent:
        end = percent.end()
    start = number_start
    money = False
    money_before = _MONEY_BEFORE.search(text[max(0, start - 6):start])
    if money_before:
        money = True
        start -= len(money_before.group(0))
    money_after = _MONEY_AFTER.match(text, end)
    if money_after and not is_percent:
        money = True
        end = money_after.end()
    length, approximately, bound = _qualifier(text[max(0, start - 20):start], language)
    start -= length
    total = bool(_TOTAL_BEFORE.search(text[max(0, start - 14):start]))
    return Quantity(start=start, number_start=number_start, end=end, value=value,
                    approximately=approximately, bound=bound, money=money, percent=is_percent,
                    words=words, total=total, text=text[start:end])


def find_quantities(text: str, *, language: str = "nl") -> list[Quantity]:
    """Every number in ``text``, in order, without overlaps."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(quantity: Quantity, span: tuple[int, int]) -> None:
        if free(*span):
            found.append(quantity)
            taken.append(span)

    for match in _HALF.finditer(text):
        whole = 0
        if match[1]:
            whole = 1
        elif match[2] or match[3]:
            word = match[2] or match[3]
            number = parse_dutch_number_word(word) if match[2] else parse_english_number_words(word)
            if number is None:
                continue
            whole = number
        q = _finish(text, match.start(), match.end(), Decimal(whole) + Decimal("0.5"), words=True, language=language)
        add(q, (match.start(), match.end()))
    for match in _SINGLE.finditer(text):
        add(_finish(text, match.start(), match.end(), Decimal(1), words=True, language=language),
            (match.start(), match.end()))
    for match in _DIGITS.finditer(text):
        raw = match[1] or match[2]
        value = parse_decimal(raw, language=language)
        if value is not None:
            add(_finish(text, match.start(), match.end(), value, words=False, language=language),
                (match.start(), match.end()))
    for match in _EN_RUN.finditer(text) if language == "en" else ():
        number = parse_english_number_words(match[1])
        if number is not None:
            add(_finish(text, match.start(), match.end(), Decimal(number), words=True, language=language),
                (match.start(), match.end()))
    for match in _WORD.finditer(text) if language == "nl" else ():
        word = match[1]
        if word.lower() in {"een", "eén"}:
            continue  # the article, not a count
        number = parse_dutch_number_word(word)
        if number is not None:
            add(_finish(text, match.start(), match.end(), Decimal(number), words=True, language=language),
                (match.start(), match.end()))
    found.sort(key=lambda q: q.number_start)
    return found


def number_text(value: Decimal) -> str:
    """A value as plain digits without exponent or trailing zeros: 45900000, 1.5."""
    text = format(value.normalize(), "f")
    return text
