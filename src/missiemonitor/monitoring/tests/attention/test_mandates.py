import datetime as dt

import pytest

from missiemonitor.testing.factories import (
    ContributionFactory,
    MandateFactory,
    PlannedContributionFactory,
)

D = dt.date


@pytest.fixture
def mandate(mission):
    mandate = MandateFactory(short_title="de artikel 100-brief van juli 2023",
                             short_title_en="the article 100 letter of July 2023")
    mandate.missions.add(mission)
    return mandate


def planned(mandate, mission, **kw):
    return PlannedContributionFactory(mandate=mandate, mission=mission, description="Drie helikopters",
                                      description_en="Three helicopters", **kw)


def test_a_planned_contribution_without_realisation(mandate, mission, run):
    planned(mandate, mission, start=D(2024, 5, 1), start_precision="month", planned_headcount=120)
    [point] = run("planned-not-realised")
    assert point.message_nl == ("“Drie helikopters”, voorzien in de artikel 100-brief van juli 2023 vanaf "
                                "mei 2024: er is geen bijdrage vastgelegd die dit uitvoert.")
    assert point.message_en.startswith("“Three helicopters”, planned in the article 100 letter of July 2023 from May 2024")


def test_realised_at_another_size_and_period(mandate, mission, run):
    plan = planned(mandate, mission, start=D(2024, 5, 1), start_precision="month",
                   end=D(2025, 4, 30), end_precision="month", planned_headcount=120)
    heli = ContributionFactory(mission=mission, name="Helikopters", actual_headcount=90,
                               start=D(2024, 7, 15), end=D(2025, 4, 30))
    heli.realises.add(plan)
    [size] = run("planned-size-differs")
    assert size.message_en == ("“Three helicopters”, planned in the article 100 letter of July 2023: 120 people "
                               "planned, 90 deployed (Helikopters).")
    [period] = run("planned-period-differs")
    assert period.message_nl == ("“Drie helikopters”, voorzien in de artikel 100-brief van juli 2023: geplande "
                                 "start mei 2024, werkelijke start 15 juli 2024.")
    assert run("planned-not-realised") == []


def test_silent_within_tolerance_and_precision(mandate, mission, run):
    plan = planned(mandate, mission, start=D(2024, 5, 1), start_precision="month", planned_headcount=120,
                   headcount_approximately=True)
    realised = ContributionFactory(mission=mission, actual_headcount=100, headcount_approximately=True,
                                   start=D(2024, 5, 20))  # within 20% (approximate), within May
    realised.realises.add(plan)
    planned(mandate, mission, start=D(2023, 1, 1), end=D(2023, 12, 31))  # before the period
    for rule in ("planned-not-realised", "planned-size-differs", "planned-period-differs"):
        assert run(rule) == [], rule
