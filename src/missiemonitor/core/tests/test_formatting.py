import datetime as dt
from decimal import Decimal

import pytest

from missiemonitor.core.formatting import approximately, format_date, format_money, format_number
from missiemonitor.core.kamerstuk import (
    format_dossier,
    kamerstuk_citation,
    kamerstuk_url,
    normalise_dossier,
)

pytestmark = pytest.mark.engine_independent


@pytest.mark.parametrize(("value", "language", "expected"), [
    (Decimal("1300.0000"), "nl", "1.300"),
    (Decimal("1300"), "en", "1,300"),
    (Decimal("45.9"), "nl", "45,9"),
    (Decimal("15000"), "nl", "15.000"),
    (Decimal("0.5"), "en", "0.5"),
    (632, "nl", "632"),
])
def test_numbers(value, language, expected):
    assert format_number(value, language=language) == expected


@pytest.mark.parametrize(("amount", "language", "expected"), [
    (Decimal("45900000"), "nl", "€ 45,9 miljoen"),
    (Decimal("4500000"), "nl", "€ 4,5 miljoen"),
    (Decimal("41400000.00"), "en", "€41.4 million"),
    (Decimal("12500"), "nl", "€ 12.500"),
    (Decimal("2000000000"), "nl", "€ 2 miljard"),
])
def test_money(amount, language, expected):
    assert format_money(amount, language=language) == expected


def test_dates_by_precision():
    date = dt.date(2023, 7, 7)
    assert format_date(date) == "7 juli 2023"
    assert format_date(date, language="en") == "7 July 2023"
    assert format_date(dt.date(2024, 8, 1), precision="month") == "augustus 2024"
    assert format_date(dt.date(2024, 8, 1), precision="month", language="en") == "August 2024"
    assert format_date(dt.date(2026, 1, 1), precision="year") == "2026"


def test_approximately():
    assert approximately("1.300", approximate=True) == "circa 1.300"
    assert approximately("1,300", approximate=True, language="en") == "about 1,300"
    assert approximately("15.000", approximate=False) == "15.000"


def test_kamerstuk_citation_and_address():
    assert kamerstuk_citation("27925", 943, dt.date(2023, 7, 7)) == "Kamerstuk 27 925, nr. 943 – d.d. 7 juli 2023"
    assert kamerstuk_url("27 925", 943) == "https://zoek.officielebekendmakingen.nl/kst-27925-943.html"
    assert normalise_dossier("36 600 X") == "36600-X"
    assert format_dossier("36600-X") == "36 600 X"
    with pytest.raises(ValueError):
        normalise_dossier("nr. 12")
