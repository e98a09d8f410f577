"""Reads of the results app. Every selector applies ``visible_to(user)``."""

from missiemonitor.results.selectors.indicators import (
    SOURCE_LOG,
    SOURCE_NONE,
    SOURCE_OBSERVATIONS,
    BreakdownItem,
    IndicatorValue,
    indicator_value,
    indicator_values,
    indicators_for_period,
)
from missiemonitor.results.selectors.progress import (
    ConditionStatus,
    ObjectivePeriodProgress,
    ObjectiveProgress,
    objective_progress,
    objective_progress_history,
    objectives_for_period,
    objectives_in_scope,
)

__all__ = [
    "SOURCE_LOG",
    "SOURCE_NONE",
    "SOURCE_OBSERVATIONS",
    "BreakdownItem",
    "ConditionStatus",
    "IndicatorValue",
    "ObjectivePeriodProgress",
    "ObjectiveProgress",
    "indicator_value",
    "indicator_values",
    "indicators_for_period",
    "objective_progress",
    "objective_progress_history",
    "objectives_for_period",
    "objectives_in_scope",
]
