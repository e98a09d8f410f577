import datetime as dt

import pytest

from missiemonitor.results.models import ConditionMapping, ScaleLevel
from missiemonitor.testing.factories import (
    ConditionAssessmentFactory,
    ConditionFactory,
    FrameworkVersionFactory,
    LongTermObjectiveFactory,
)

D = dt.date


@pytest.fixture
def lto(mission):
    version = FrameworkVersionFactory(framework__mission=mission, issued=D(2024, 1, 1))
    return LongTermObjectiveFactory(key="lto-6", framework_version=version, code="LTO 6")


def assess(condition, code, day, state="approved"):
    level = ScaleLevel.objects.get(scale=condition.objective.framework_version.scale, code=code)
    return ConditionAssessmentFactory(condition=condition, level=level, date=day, state=state)


def test_regressed_fires_for_a_fall_back_in_the_period(lto, run):
    condition = ConditionFactory(key="c1", objective=lto, code="6.1")
    assess(condition, "met", D(2024, 3, 1))
    assess(condition, "partly", D(2025, 3, 1))
    [point] = run("condition-regressed")
    assert (point.severity, point.mission_key, point.date) == ("high", "nmi", D(2025, 3, 1))
    assert point.message_nl == ("LTO 6: voorwaarde 6.1 is teruggevallen van “met” (1 maart 2024) "
                                "naar “partly” (1 maart 2025).")
    assert point.message_en.startswith("LTO 6: condition 6.1 fell back from “met” (1 March 2024)")
    assert ("results.Condition", "c1") in point.records


def test_regressed_across_a_framework_version_change(lto, mission, run):
    old = ConditionFactory(objective=lto, code="6.1")
    newer = FrameworkVersionFactory(framework=lto.framework_version.framework, scale=lto.framework_version.scale,
                                    supersedes=lto.framework_version, issued=D(2024, 9, 1))
    new = ConditionFactory(objective=LongTermObjectiveFactory(framework_version=newer, code="LTO 6"), code="6.1")
    ConditionMapping.objects.create(key="map", source=old, target=new, relation="same", mission=mission)
    assess(old, "sustained", D(2024, 6, 1))
    assess(new, "met", D(2024, 12, 1))
    assert len(run("condition-regressed")) == 1


def test_regressed_is_silent_for_progress_drafts_and_earlier_falls(lto, run):
    better = ConditionFactory(objective=lto)
    assess(better, "partly", D(2024, 6, 1))
    assess(better, "met", D(2025, 1, 1))
    unapproved = ConditionFactory(objective=lto)
    assess(unapproved, "met", D(2024, 6, 1))
    assess(unapproved, "none", D(2025, 1, 1), state="submitted")
    earlier = ConditionFactory(objective=lto)
    assess(earlier, "met", D(2023, 6, 1))
    assess(earlier, "partly", D(2024, 2, 1))
    assert run("condition-regressed") == []


def test_overdue_fires_when_the_horizon_passed_unmet(lto, run):
    ConditionFactory(key="late", objective=lto, code="6.2", expected_by=D(2024, 12, 31))
    lto.expected_by = D(2025, 3, 31)
    lto.save()
    assess(ConditionFactory(objective=lto, code="6.3"), "partly", D(2025, 1, 1))  # the objective's horizon
    points = run("condition-overdue")
    assert [p.date for p in points] == [D(2024, 12, 31), D(2025, 3, 31)]
    assert points[0].message_nl == ("LTO 6: aan voorwaarde 6.2 zou op 31 december 2024 voldaan zijn, "
                                    "maar de stand is “niet beoordeeld”.")
    assert points[1].message_en.endswith("but is “partly”.")


def test_overdue_is_silent_when_met_or_not_yet_due(lto, run):
    assess(ConditionFactory(objective=lto, expected_by=D(2024, 12, 31)), "met", D(2024, 11, 1))
    ConditionFactory(objective=lto, expected_by=D(2025, 12, 31))
    assert run("condition-overdue") == []


def test_stale_assessments_per_objective_with_the_threshold_from_settings(lto, run, settings):
    assess(ConditionFactory(objective=lto, code="6.1"), "met", D(2024, 9, 1))
    assess(ConditionFactory(objective=lto, code="6.2"), "met", D(2025, 2, 1))
    ConditionFactory(objective=lto, code="6.3")  # never assessed, version issued January 2024
    [point] = run("assessment-stale")
    assert point.message_en == ("LTO 6: 2 of 3 conditions have not been assessed in the last 6 months "
                                "(oldest assessment 1 September 2024; 1 never assessed).")
    assert point.message_nl.startswith("LTO 6: 2 van de 3 voorwaarden zijn de afgelopen 6 maanden niet beoordeeld")
    settings.MM_ATTENTION = {**settings.MM_ATTENTION, "ASSESSMENT_MAX_AGE_MONTHS": 24}
    assert run("assessment-stale") == []


def test_stale_is_silent_for_recent_assessments(lto, run):
    assess(ConditionFactory(objective=lto), "met", D(2025, 1, 1))
    assert run("assessment-stale") == []
