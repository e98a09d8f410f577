"""Dates as Dutch and English texts write them, at the precision the text gives."""

from __future__ import annotations

import datetime as dt

import pytest

from missiemonitor.interchange.onboard.dates import Fuzzy, find_dates

pytestmark = pytest.mark.engine_independent


def one(text: str, **kwargs):
    found = find_dates(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


def test_a_day():
    mention = one("Kamerstuk – d.d. 7 juli 2023.")
    assert (mention.first, mention.first.dataset(), mention.text) == (Fuzzy(2023, 7, 7), "2023-07-07", "7 juli 2023")


def test_eind_oktober_keeps_the_month():
    assert one("gepland voor eind oktober 2025").first.dataset() == "2025-10"


def test_medio_and_begin_of_a_year_keep_the_year():
    assert one("medio 2024 verslechterde de situatie").first == Fuzzy(2024)
    assert one("het parlement stemde begin 2025 in").first == Fuzzy(2025)


def test_medio_a_month():
    assert one("sinds medio oktober 2023").first == Fuzzy(2023, 10)


def test_a_reporting_period():
    mention = one("over de periode van mei 2024 tot en met april 2025.")
    assert (mention.relation, mention.period()) == ("range", "2024-05-01..2025-04-30")


def test_a_range_of_days_takes_the_year_of_the_text_before_it():
    mention = one("tussen 16 juli en 14 augustus in totaal zeven aanvallen", year=2024)
    assert mention.period() == "2024-07-16..2024-08-14"


def test_en_without_tussen_is_no_range():
    assert len(find_dates("in mei 2024 en in juni 2024")) == 2


def test_sinds_and_vanaf_say_since():
    assert one("Sinds januari 2024 draagt een eenheid").relation == "since"
    assert one("Vanaf mei 2024 droeg Nederland bij").first == Fuzzy(2024, 5)


def test_jl_is_the_last_such_day_before_the_document():
    assert one("op 1 april jl. gevlogen", document_date=dt.date(2025, 5, 10)).first == Fuzzy(2025, 4, 1)
    assert one("op 1 april jl. gevlogen", document_date=dt.date(2025, 3, 1)).first == Fuzzy(2024, 4, 1)


def test_dit_jaar_is_the_year_of_the_document():
    assert one("zal op 30 juni dit jaar overdragen", document_date=dt.date(2025, 5, 1)).first == Fuzzy(2025, 6, 30)


def test_a_range_of_years():
    mention = one("het PROSPECTS-partnerschap (2024-2028)")
    assert (mention.first, mention.last) == (Fuzzy(2024), Fuzzy(2028))


def test_a_year_before_a_count_stays_a_year_and_a_count_is_no_year():
    assert one("OIR voerde in 2024 circa 400 operaties uit").first == Fuzzy(2024)
    assert find_dates("circa 2000 militairen") == []
    assert find_dates("er zijn 2000 militairen") == []


def test_a_month_without_year_needs_the_year_of_the_text():
    assert find_dates("sinds april gestopt") == []
    assert one("sinds april gestopt", year=2025).first == Fuzzy(2025, 4)


def test_english_dates():
    assert one("dated 7 July 2023").first == Fuzzy(2023, 7, 7)
    assert one("on July 7, 2023").first == Fuzzy(2023, 7, 7)
    assert one("planned for the end of October 2025").first == Fuzzy(2025, 10)
    assert one("since mid-2024").first == Fuzzy(2024)
    assert one("from May 2024 to April 2025").period() == "2024-05-01..2025-04-30"
    assert one("Since January 2024 a unit").relation == "since"
