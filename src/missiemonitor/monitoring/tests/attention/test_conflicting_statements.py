import datetime as dt
from decimal import Decimal

from missiemonitor.testing.factories import (
    ContextEventFactory,
    IndicatorFactory,
    ObservationFactory,
    SourceFactory,
)

D = dt.date


def test_events_on_one_subject_with_different_dates(mission, run):
    ContextEventFactory(key="el-1", mission=mission, subject="parliamentary-elections", title="Verkiezingen",
                        title_en="Elections", start=D(2025, 10, 1), start_precision="month", planned=True,
                        source=SourceFactory(title="Politieke situatie"))
    ContextEventFactory(key="el-2", mission=mission, subject="parliamentary-elections", title="Verkiezingen",
                        title_en="Elections", start=D(2025, 11, 1), start_precision="month", planned=True)
    [point] = run("conflicting-statements")
    assert point.message_nl == ("De gegevens noemen verschillende data voor hetzelfde feit "
                                "(parliamentary-elections): “Verkiezingen”: oktober 2025 (bron: Politieke "
                                "situatie); “Verkiezingen”: november 2025.")
    assert "“Elections”: October 2025 (source: Politieke situatie); “Elections”: November 2025" in point.message_en
    assert point.records == (("context.ContextEvent", "el-1"), ("context.ContextEvent", "el-2"))


def test_observations_of_one_figure_with_different_values(mission, run):
    indicator = IndicatorFactory(mission=mission, name="Verplaatsingen", name_en="Movements")
    ObservationFactory(indicator=indicator, value=Decimal(3000), approximately=True)
    ObservationFactory(indicator=indicator, value=Decimal(2750))
    ObservationFactory(indicator=indicator, value=Decimal(500), disaggregation={"area": "north"})
    [point] = run("conflicting-statements")
    assert point.message_en == ("Movements, May 2024 to April 2025: different values are recorded: about 3,000 "
                                "and 2,750.")
    assert point.message_nl.endswith("er zijn verschillende waarden vastgelegd: circa 3.000 en 2.750.")


def test_compatible_dates_and_equal_values_are_silent(mission, run):
    ContextEventFactory(mission=mission, subject="handover", start=D(2025, 5, 1), start_precision="month")
    ContextEventFactory(mission=mission, subject="handover", start=D(2025, 5, 30))
    ContextEventFactory(mission=mission, subject="", start=D(2020, 1, 1))
    ContextEventFactory(mission=mission, subject="", start=D(2021, 1, 1))
    indicator = IndicatorFactory(mission=mission)
    ObservationFactory(indicator=indicator, value=Decimal(10))
    ObservationFactory(indicator=indicator, value=Decimal(10))
    assert run("conflicting-statements") == []
