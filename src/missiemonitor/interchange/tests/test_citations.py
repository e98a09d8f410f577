"""Kamerstuk references in their usual forms, read with core.kamerstuk."""

from __future__ import annotations

import datetime as dt

import pytest

from missiemonitor.interchange.onboard.citations import find_kamerstukken

pytestmark = pytest.mark.engine_independent


def one(text: str):
    found = find_kamerstukken(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text", [
    "Kamerstuk 27 925, nr. 946", "Kamerstukken II 2023/24, 27925-946", "Kamerstukken II 2023/24, 27 925, nr. 946",
    "zie kst-27925-946 voor de brief", "Parliamentary Paper 27 925, no. 946",
    "Parliamentary Papers II 2023/24, 27925-946", "Kamerstukken 27925, nr. 946",
])
def test_the_usual_forms(text):
    ref = one(text)
    assert (ref.dossier, ref.number, ref.key) == ("27925", 946, "27925-946")


def test_a_dossier_with_a_suffix():
    ref = one("Kamerstuk 36 600-X, nr. 12")
    assert (ref.dossier, ref.number) == ("36600-X", 12)


def test_the_date_after_the_reference():
    assert one("Kamerstuk 27 925, nr. 943 – d.d. 7 juli 2023.").date == dt.date(2023, 7, 7)
    assert one("(Kamerstukken II 2024/25, 36999-4, van 12 juni 2025)").date == dt.date(2025, 6, 12)
    assert one("Parliamentary Paper 27 925, no. 943, dated 7 July 2023").date == dt.date(2023, 7, 7)
    assert one("Kamerstuk 27 925, nr. 943 uit het voorjaar").date is None


def test_the_official_citation_comes_from_core():
    ref = one("Kamerstukken II 2022/23, 27925-943 – d.d. 7 juli 2023")
    assert ref.citation() == "Kamerstuk 27 925, nr. 943 – d.d. 7 juli 2023"


def test_numbers_without_the_word_kamerstuk_are_no_reference():
    assert find_kamerstukken("artikel 27 925, nr. 946 van de wet") == []
