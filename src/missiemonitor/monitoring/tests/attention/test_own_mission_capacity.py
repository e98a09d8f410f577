import datetime as dt
import io
from decimal import Decimal

import pytest

from missiemonitor.core.principals import SYSTEM
from missiemonitor.interchange.logs import log_import_csv
from missiemonitor.testing.factories import (
    ContributionFactory,
    DimensionFactory,
    IndicatorFactory,
    ObservationFactory,
)


@pytest.fixture
def heli(mission):
    return ContributionFactory(key="heli", mission=mission, name="Helikopterdetachement",
                               name_en="Helicopter detachment", start=dt.date(2024, 5, 1))


@pytest.fixture
def tasking(db):
    return DimensionFactory(key="tasking", values=["nmi", "oir", "national"])


def flights(heli, hours):
    lines = ["contribution,date,aircraft,hours,tasking"]
    lines += [f"heli,2024-06-{n + 1:02d},H-1,{h},{code}" for n, (code, h) in enumerate(hours)]
    log_import_csv(kind="flight", stream=io.StringIO("\n".join(lines)), user=SYSTEM, batch="f")


def test_fires_when_the_log_shows_little_use_for_the_own_mission(heli, tasking, run):
    IndicatorFactory(key="hours", mission=heli.mission, contribution=heli, name="Vlieguren",
                     name_en="Flight hours", log_kind="flight", log_dimension=tasking)
    flights(heli, [("nmi", 3), ("oir", 6), ("national", 1)])
    [point] = run("own-mission-capacity")
    assert (point.severity, point.mission_key, point.facts["source"]) == ("high", "nmi", "log")
    assert point.message_nl == ("Vlieguren (Helikopterdetachement): 30% voor de eigen missie NMI, onder "
                                "de drempel van 50% (berekend uit het logboek); de rest: 60% OIR en 10% NATIONAL.")
    assert point.message_en.startswith("Flight hours (Helicopter detachment): 30% for its own mission NMI")
    assert ("results.LogEntry", "f") in point.records


def test_fires_on_typed_shares_matching_the_acronym(heli, tasking, run, mission):
    mission.key = "navo-missie"
    mission.save()
    share = IndicatorFactory(mission=mission, contribution=heli, name="Inzet per taak", unit="%")
    share.dimensions.add(tasking)
    for code, value in (("nmi", 30), ("oir", 60), ("national", 10)):
        ObservationFactory(indicator=share, value=Decimal(value), approximately=True,
                           disaggregation={"tasking": code})
    [point] = run("own-mission-capacity")
    assert "circa 30% voor de eigen missie NMI" in point.message_nl
    assert "about 30% for its own mission NMI" in point.message_en
    assert "according to the recorded observations" in point.message_en


def test_silent_above_the_threshold_and_the_threshold_is_a_setting(heli, tasking, run, settings):
    IndicatorFactory(mission=heli.mission, contribution=heli, log_kind="flight", log_dimension=tasking)
    flights(heli, [("nmi", 6), ("oir", 4)])
    assert run("own-mission-capacity") == []
    settings.MM_ATTENTION = {**settings.MM_ATTENTION, "OWN_MISSION_CAPACITY_MIN_SHARE": 0.75}
    assert len(run("own-mission-capacity")) == 1


def test_silent_without_an_own_mission_value(heli, run):
    other = DimensionFactory(values=["north", "south"])
    indicator = IndicatorFactory(mission=heli.mission, contribution=heli)
    indicator.dimensions.add(other)
    ObservationFactory(indicator=indicator, value=Decimal(1), disaggregation={other.key: "north"})
    assert run("own-mission-capacity") == []


def test_a_generic_own_mission_code_from_settings(heli, run, settings):
    generic = DimensionFactory(values=["mission", "coalition"])
    indicator = IndicatorFactory(mission=heli.mission, contribution=heli, unit="%")
    indicator.dimensions.add(generic)
    for code, value in (("mission", 25), ("coalition", 75)):
        ObservationFactory(indicator=indicator, value=Decimal(value), disaggregation={generic.key: code})
    assert len(run("own-mission-capacity")) == 1
    settings.MM_ATTENTION = {**settings.MM_ATTENTION, "OWN_MISSION_CODES": []}
    assert run("own-mission-capacity") == []
