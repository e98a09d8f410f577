"""What every factory module shares: the reporting period of the tests and unique keys."""

from __future__ import annotations

import datetime as dt

import factory

PERIOD_START = dt.date(2024, 5, 1)
PERIOD_END = dt.date(2025, 4, 30)


def _key(prefix: str):
    return factory.Sequence(lambda n: f"{prefix}-{n}")
