"""Indicator values from a flight log (with the split by tasking) or from observations."""

import datetime as dt
import io
from decimal import Decimal

import pytest

from missiemonitor.core.principals import SYSTEM
from missiemonitor.interchange.logs import log_import_csv
from missiemonitor.results.models import Target
from missiemonitor.results.selectors import indicator_value, indicators_for_period
from missiemonitor.testing.factories import (
    ContributionFactory,
    DimensionFactory,
    IndicatorFactory,
    MissionFactory,
    ObservationFactory,
    UserFactory,
)

START, END = dt.date(2024, 5, 1), dt.date(2025, 4, 30)

FLIGHTS = """contribution,date,aircraft,hours,tasking
heli,2024-05-03,H-1,4.5,nmi
heli,2024-05-20,H-2,6,oir
heli,2024-06-02,H-1,7.5,oir
heli,2024-06-03,H-3,2,national
heli,2024-07-09,H-2,0.5,nmi
heli,2024-07-10,H-2,4.5,oir
heli,2025-05-02,H-2,9,oir
"""


@pytest.fixture
def heli(db):
    mission = MissionFactory(key="nmi", acronym="NMI")
    contribution = ContributionFactory(key="heli", mission=mission, start=dt.date(2024, 5, 1))
    tasking = DimensionFactory(key="tasking", values=["nmi", "oir", "national"])
    indicator = IndicatorFactory(key="hours", mission=mission, contribution=contribution, unit="vlieguren",
                                 log_kind="flight", log_dimension=tasking)
    indicator.dimensions.add(tasking)
    return indicator


def test_flight_hours_come_from_the_log_with_the_split_by_tasking(heli):
    log_import_csv(kind="flight", stream=io.StringIO(FLIGHTS), user=SYSTEM, batch="flights-2024")
    ObservationFactory(indicator=heli, value=Decimal("1300"), approximately=True)  # ignored: a log exists
    value = indicator_value(user=SYSTEM, indicator=heli, start=START, end=END)
    assert (value.source, value.value, value.entry_count, value.approximately) == ("log", Decimal("25"), 6, False)
    assert [(b.code, b.value, b.share) for b in value.breakdown] == [
        ("nmi", Decimal("5"), Decimal("0.2")), ("oir", Decimal("18"), Decimal("0.72")),
        ("national", Decimal("2"), Decimal("0.08"))]
    assert value.dimension.key == "tasking" and value.part("oir").label == "OIR"
    assert ("results.LogEntry", "flights-2024") in value.records


def test_aggregation_over_months_for_a_log(heli):
    log_import_csv(kind="flight", stream=io.StringIO(FLIGHTS), user=SYSTEM, batch="b")
    expected = {"sum": Decimal(25), "max": Decimal("10.5"), "last": Decimal(5),
                "average": Decimal("8.3333")}
    for how, number in expected.items():
        heli.aggregation = how
        heli.save()
        assert indicator_value(user=SYSTEM, indicator="hours", start=START, end=END).value == number, how


def test_without_log_entries_in_the_period_typed_observations_are_used(heli):
    ObservationFactory(indicator=heli, value=Decimal("1300"), approximately=True)
    for code, share in (("nmi", "30"), ("oir", "60"), ("national", "10")):
        ObservationFactory(indicator=heli, value=Decimal(share) * 13, approximately=True,
                           disaggregation={"tasking": code})
    value = indicator_value(user=SYSTEM, indicator=heli, start=START, end=END)
    assert (value.source, value.value, value.approximately) == ("observations", Decimal("1300"), True)
    assert [(b.code, b.share, b.approximately) for b in value.breakdown] == [
        ("nmi", Decimal("0.3"), True), ("oir", Decimal("0.6"), True), ("national", Decimal("0.1"), True)]
    assert len(value.records) == 5


def test_a_share_indicator_in_per_cent(heli):
    heli.unit, heli.log_kind = "%", ""
    heli.save()
    ObservationFactory(indicator=heli, value=Decimal("30"), approximately=True, disaggregation={"tasking": "nmi"})
    value = indicator_value(user=SYSTEM, indicator=heli, start=START, end=END)
    assert (value.value, value.part("nmi").share) == (None, Decimal("0.3"))


def test_percent_achieved_for_higher_and_lower_is_better(db):
    cases = [  # direction, baseline, target, actual, expected %, formula
        ("higher", None, "200", "150", "75.0", "actual / target"),
        ("higher", "100", "200", "150", "50.0", "(actual - baseline) / (target - baseline)"),
        ("lower", "100", "50", "60", "80.0", "(baseline - actual) / (baseline - target)"),
        ("lower", None, "50", "40", "125.0", "target / actual"),
        ("lower", None, "50", "100", "50.0", "target / actual"),
        ("neutral", None, "50", "100", None, ""),
    ]
    for direction, baseline, target, actual, expected, formula in cases:
        indicator = IndicatorFactory(direction=direction, baseline=baseline and Decimal(baseline))
        Target.objects.create(indicator=indicator, start=START, end=END, value=Decimal(target))
        ObservationFactory(indicator=indicator, value=Decimal(actual))
        value = indicator_value(user=SYSTEM, indicator=indicator, start=START, end=END)
        assert value.target == Decimal(target)
        assert value.percent_achieved == (expected and Decimal(expected)), (direction, baseline)
        assert value.achieved_formula == formula


def test_observation_aggregation_and_periods(db):
    indicator = IndicatorFactory(aggregation="last")
    for month, number in ((5, 10), (6, 30), (7, 20)):
        ObservationFactory(indicator=indicator, start=dt.date(2024, month, 1),
                           end=dt.date(2024, month, 28), value=Decimal(number))
    ObservationFactory(indicator=indicator, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
                       value=Decimal(999))  # not within the period asked for
    assert indicator_value(user=SYSTEM, indicator=indicator, start=START, end=END).value == 20
    indicator.aggregation = "max"
    indicator.save()
    assert indicator_value(user=SYSTEM, indicator=indicator, start=START, end=END).value == 30
    empty = indicator_value(user=SYSTEM, indicator=indicator, start=dt.date(2020, 1, 1), end=dt.date(2020, 2, 1))
    assert (empty.source, empty.value, empty.breakdown) == ("none", None, ())


def test_visibility_of_log_entries_and_indicators(heli):
    log_import_csv(kind="flight", stream=io.StringIO(FLIGHTS), user=SYSTEM, batch="b")
    outsider = UserFactory(clearance=3, missions=[MissionFactory()])
    assert indicators_for_period(user=outsider, start=START, end=END) == []
    with pytest.raises(type(heli).DoesNotExist):
        indicator_value(user=outsider, indicator=heli, start=START, end=END)
    member = UserFactory(clearance=3, missions=[heli.mission])
    [value] = indicators_for_period(user=member, start=START, end=END, mission_keys=["nmi"])
    assert value.value == 25
