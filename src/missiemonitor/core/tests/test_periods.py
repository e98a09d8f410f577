"""Calendar arithmetic: shifting by years around 29 February, and the previous period of the
same length."""

from __future__ import annotations

import datetime as dt

import pytest

from missiemonitor.core.periods import previous_period, shift_period_years, shift_years

pytestmark = pytest.mark.engine_independent

D = dt.date


def test_shift_years_turns_29_february_into_28_february():
    assert shift_years(D(2024, 2, 29), -1) == D(2023, 2, 28)
    assert shift_years(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert shift_years(D(2025, 3, 15), -2) == D(2023, 3, 15)


def test_a_period_ending_on_a_month_end_keeps_ending_on_one():
    assert shift_period_years(D(2024, 3, 1), D(2025, 2, 28), -1) == (D(2023, 3, 1), D(2024, 2, 29))
    assert shift_period_years(D(2023, 3, 1), D(2024, 2, 29), -1) == (D(2022, 3, 1), D(2023, 2, 28))
    assert shift_period_years(D(2024, 1, 10), D(2024, 6, 20), 1) == (D(2025, 1, 10), D(2025, 6, 20))


def test_the_previous_period_of_whole_months_goes_back_by_whole_months():
    assert previous_period(D(2024, 5, 1), D(2025, 4, 30)) == (D(2023, 5, 1), D(2024, 4, 30))
    assert previous_period(D(2025, 1, 1), D(2025, 3, 31)) == (D(2024, 10, 1), D(2024, 12, 31))
    assert previous_period(D(2024, 3, 1), D(2024, 3, 31)) == (D(2024, 2, 1), D(2024, 2, 29))
    assert previous_period(D(2024, 1, 1), D(2024, 12, 31)) == (D(2023, 1, 1), D(2023, 12, 31))


def test_any_other_previous_period_goes_back_by_its_number_of_days():
    assert previous_period(D(2024, 5, 10), D(2024, 5, 19)) == (D(2024, 4, 30), D(2024, 5, 9))
    assert previous_period(D(2024, 3, 1), D(2024, 3, 1)) == (D(2024, 2, 29), D(2024, 2, 29))
    assert previous_period(D(2024, 3, 15), D(2024, 4, 30)) == (D(2024, 1, 28), D(2024, 3, 14))
