"""Numbers as Dutch and English texts write them, with their vagueness (one pattern a test)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from missiemonitor.interchange.onboard.numbers import (
    find_quantities,
    number_text,
    parse_decimal,
    parse_dutch_number_word,
    parse_english_number_words,
)

pytestmark = pytest.mark.engine_independent


def only(text: str, language: str = "nl"):
    found = find_quantities(text, language=language)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "language", "value"), [
    ("1.650", "nl", "1650"), ("15.000", "nl", "15000"), ("12,5", "nl", "12.5"), ("1.1", "nl", "1.1"),
    ("1.234.567", "nl", "1234567"), ("1,650", "en", "1650"), ("12.5", "en", "12.5"), ("1.234,5", "nl", "1234.5"),
    ("1,234.5", "en", "1234.5"),
])
def test_decimal_marks_follow_the_language(text, language, value):
    assert parse_decimal(text, language=language) == Decimal(value)


def test_circa_is_approximately():
    q = only("de rotaties voerden circa 1.650 verplaatsingen uit")
    assert (q.value, q.approximately, q.bound, q.text) == (Decimal(1650), True, "", "circa 1.650")


def test_ruim_procent_is_more_than_a_percentage():
    q = only("ruim 30 procent van de vluchten")
    assert (q.value, q.percent, q.bound, q.approximately) == (Decimal(30), True, "more-than", False)


def test_percent_sign():
    q = only("circa 30% van de inzet")
    assert (q.value, q.percent, q.approximately) == (Decimal(30), True, True)


def test_euro_millions():
    q = only("bedroegen € 12,5 miljoen in 2024".replace(" in 2024", ""))
    assert (q.value, q.money, q.text) == (Decimal(12_500_000), True, "€ 12,5 miljoen")
    assert number_text(q.value) == "12500000"


def test_een_kleine_is_just_under():
    q = only("beschikt nog over een kleine 1.000 strijders")
    assert (q.value, q.bound, q.approximately) == (Decimal(1000), "just-under", False)


def test_ten_minste_and_tot():
    assert only("ten minste 40 patrouilles").bound == "at-least"
    assert only("tot 25 adviseurs").bound == "at-most"


def test_millions_with_a_decimal_point_in_dutch_text():
    assert only("de nog 1.1 miljoen intern ontheemden").value == Decimal(1_100_000)


@pytest.mark.parametrize(("word", "value"), [
    ("drie", 3), ("twaalf", 12), ("vijfenveertig", 45), ("tweeëntwintig", 22), ("eenentwintig", 21),
    ("honderdvijfenveertig", 145), ("tweehonderd", 200), ("drieduizendvijfhonderd", 3500),
    ("honderden", None), ("duizenden", None), ("tienen", None),
])
def test_dutch_number_words(word, value):
    assert parse_dutch_number_word(word) == value


def test_number_words_in_a_sentence_keep_their_vagueness():
    q = only("een eenheid van circa honderdvijfenveertig militairen")
    assert (q.value, q.words, q.approximately) == (Decimal(145), True, True)


def test_halves_and_a_single_one():
    assert only("tot twee en een half jaar").value == Decimal("2.5")
    assert only("tot twee en een half jaar").bound == "at-most"
    assert only("na anderhalf jaar").value == Decimal("1.5")
    assert only("met een enkele adviseur").value == Decimal(1)


def test_the_article_een_and_dutch_prepositions_are_no_numbers():
    assert find_quantities("een eenheid ten zuiden van de stad", language="nl") == []


def test_numbers_inside_references_and_codes_are_not_read():
    assert find_quantities("zie 27925-946 en CJ9 en 2023/24", language="nl") == []


@pytest.mark.parametrize(("text", "value"), [("forty-five", 45), ("one hundred and forty-five", 145),
                                             ("two thousand", 2000), ("twelve", 12)])
def test_english_number_words(text, value):
    assert parse_english_number_words(text) == value


def test_english_forms():
    q = only("about 1,650 movements", "en")
    assert (q.value, q.approximately) == (Decimal(1650), True)
    q = only("more than 30 percent of the flights", "en")
    assert (q.value, q.percent, q.bound) == (Decimal(30), True, "more-than")
    q = only("costs of €12.5 million", "en")
    assert (q.value, q.money) == (Decimal(12_500_000), True)
    assert only("just under 1,000 fighters", "en").bound == "just-under"
    assert only("a total of seven attacks", "en").total
    assert only("some forty-five advisers", "en").value == Decimal(45)
