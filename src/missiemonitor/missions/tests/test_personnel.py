"""People deployed: postings where a contribution records them, else the contribution's
headcount; per day the records counted, and whether one of them has no recorded start."""

from __future__ import annotations

import datetime as dt

import pytest

from missiemonitor.core.principals import SYSTEM
from missiemonitor.missions.selectors import personnel_deployed, personnel_on
from missiemonitor.testing import factories as f

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def mission():
    mission = f.MissionFactory(key="pm")
    staffed = f.ContributionFactory(key="pm-unit", mission=mission, start=D(2023, 1, 1), actual_headcount=999)
    role = f.RoleFactory(key="pm-role", contribution=staffed)
    f.PostingFactory(key="pm-p1", role=role, headcount=40, start=D(2023, 1, 1), end=D(2024, 5, 31))
    f.PostingFactory(key="pm-p2", role=role, headcount=50, start=D(2024, 6, 1), end=None)
    f.ContributionFactory(key="pm-staff", mission=mission, start=None, actual_headcount=5,
                          headcount_approximately=False)
    f.ContributionFactory(key="pm-later", mission=mission, start=D(2025, 1, 1), planned_headcount=7)
    return mission


def test_postings_count_where_recorded_and_headcounts_elsewhere(mission):
    series = personnel_deployed(user=SYSTEM, dates=[D(2024, 4, 30), D(2025, 4, 30)])
    assert [(s.mission.key, s.headcounts, s.approximately) for s in series] == [("pm", [45, 62], True)]


def test_each_day_names_the_records_counted(mission):
    counts = {h.day: h for h in personnel_on(user=SYSTEM, days=[D(2024, 4, 30), D(2025, 4, 30)],
                                             mission_keys=["pm"])}
    before, now = counts[D(2024, 4, 30)], counts[D(2025, 4, 30)]
    assert (before.count, [r.key for r in before.records]) == (45, ["pm-p1", "pm-staff"])
    assert (now.count, [r.key for r in now.records]) == (62, ["pm-p2", "pm-later", "pm-staff"])
    assert before.undated and now.undated  # pm-staff has no recorded start
    assert now.approximately  # pm-later counts its planned headcount
    # Before any posting or dated contribution, only the undated contribution counts.
    [early] = personnel_on(user=SYSTEM, days=[D(2022, 6, 30)], mission_keys=["pm"])
    assert (early.count, early.undated, [r.key for r in early.records]) == (5, True, ["pm-staff"])
