"""Sentences of a paragraph, without splitting at abbreviations ("nr.", "d.d.", "jl.", "e.g.")
or inside numbers and dates."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(["nr", "nrs", "d.d", "jl", "o.a", "bijv", "ca", "m.b.t", "t.a.v", "i.v.m", "e.g", "i.e", "no", "nos", "vs", "etc", "st", "mr", "dr", "prof", "art", "blz", "p", "pp", "min", "mln", "mld", "resp", "incl", "excl", "dhr", "mevr", "zgn", "z.g", "ir", "ing", "drs", "jr", "sr", "cf", "ibid", "vgl", "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "oct", "nov", "dec", "approx", "fig", "al", "e.a"])
_BOUNDARY = re.compile(r"[.!?]+['\"”’)]*\s+(?=[A-Z0-9€\"“‘(À-Ý])")
_WORD_BEFORE = re.compile(r"([\w.]+)\.?$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start:match.start() + 1]
        word = _WORD_BEFORE.search(before.rstrip("."))
        token = (word[1] if word else "").lower().rstrip(".")
        if text[match.start()] == "." and (token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())):
            continue
        end = match.start() + len(match.group(0).rstrip())
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
