"""Calendar arithmetic: shifting by years around 29 February."""

from __future__ import annotations

import datetime as dt

from missiemonitor.core.periods import shift_period_years, shift_years

D = dt.date


def test_shift_years_turns_29_february_into_28_february():
    assert shift_years(D(2024, 2, 29), -1) == D(2023, 2, 28)
    assert shift_years(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert shift_years(D(2025, 3, 15), -2) == D(2023, 3, 15)


def test_a_period_ending_on_a_month_end_keeps_ending_on_one():
    assert shift_period_years(D(2024, 3, 1), D(2025, 2, 28), -1) == (D(2023, 3, 1), D(2024, 2, 29))
    assert shift_period_years(D(2023, 3, 1), D(2024, 2, 29), -1) == (D(2022, 3, 1), D(2023, 2, 28))
    assert shift_period_years(D(2024, 1, 10), D(2024, 6, 20), 1) == (D(2025, 1, 10), D(2025, 6, 20))
