"""Progress from conditions, across a framework version change."""

import datetime as dt
from decimal import Decimal

import pytest

from missiemonitor.core.principals import SYSTEM
from missiemonitor.results.models import ConditionMapping, ScaleLevel
from missiemonitor.results.selectors import (
    objective_progress,
    objective_progress_history,
    objectives_for_period,
)
from missiemonitor.testing.factories import (
    ConditionAssessmentFactory,
    ConditionFactory,
    FrameworkFactory,
    FrameworkVersionFactory,
    LongTermObjectiveFactory,
    MissionFactory,
    RatingScaleFactory,
    UserFactory,
)


@pytest.fixture
def framework(db):
    """v1 (2023, four levels, met from "met") superseded by v2 (Sept 2024, met / not met).
    v1: c1, c2. v2: d1 continues c1 (reworded), d2 merges c2; d3 is new."""
    mission = MissionFactory(key="alpha")
    old_scale = RatingScaleFactory(met_threshold=2)  # none, partly, met, sustained
    new_scale = RatingScaleFactory(met_threshold=1, levels=["not-met", "met"])
    framework = FrameworkFactory(mission=mission)
    v1 = FrameworkVersionFactory(framework=framework, scale=old_scale, issued=dt.date(2023, 1, 1))
    v2 = FrameworkVersionFactory(framework=framework, scale=new_scale, issued=dt.date(2024, 9, 1),
                                 supersedes=v1, progress_rule="share-met")
    lto1 = LongTermObjectiveFactory(key="lto-old", framework_version=v1, code="LTO 6")
    lto2 = LongTermObjectiveFactory(key="lto-new", framework_version=v2, code="LTO 6")
    c1, c2 = ConditionFactory(objective=lto1, code="a", order=1), ConditionFactory(objective=lto1, code="b", order=2)
    d1, d2, d3 = (ConditionFactory(objective=lto2, code=code, order=n) for n, code in enumerate(("a'", "b'", "c'")))
    ConditionMapping.objects.create(key="m1", source=c1, target=d1, relation="reworded", mission=mission)
    ConditionMapping.objects.create(key="m2", source=c2, target=d2, relation="merged", mission=mission)
    old = {lvl.code: lvl for lvl in ScaleLevel.objects.filter(scale=old_scale)}
    new = {lvl.code: lvl for lvl in ScaleLevel.objects.filter(scale=new_scale)}
    ConditionAssessmentFactory(condition=c1, level=old["partly"], date=dt.date(2024, 1, 15))
    ConditionAssessmentFactory(condition=c1, level=old["met"], date=dt.date(2024, 4, 15))
    ConditionAssessmentFactory(condition=c2, level=old["none"], date=dt.date(2024, 4, 15))
    ConditionAssessmentFactory(condition=d1, level=new["met"], date=dt.date(2024, 11, 1))
    ConditionAssessmentFactory(condition=d3, level=new["not-met"], date=dt.date(2025, 2, 1))
    ConditionAssessmentFactory(condition=d3, level=new["met"], date=dt.date(2025, 3, 1), state="submitted")
    return {"mission": mission, "v1": v1, "v2": v2, "lto1": lto1, "lto2": lto2, "c1": c1, "d1": d1,
            "d2": d2, "d3": d3}


def test_history_of_an_objective_crosses_the_framework_version_change(framework):
    dates = [dt.date(2024, 2, 1), dt.date(2024, 4, 30), dt.date(2024, 12, 31), dt.date(2025, 4, 30)]
    history = objective_progress_history(user=SYSTEM, objective="lto-new", dates=dates)
    assert [h.as_of for h in history] == dates
    assert all(h.rule == "share-met" and h.rule_label == "share of conditions met" for h in history)
    # Before v2 existed, d1 and d2 show what c1 and c2 were assessed at; d3 had nothing.
    first = history[0]
    assert [(c.condition.code, c.inherited_from and c.inherited_from.code, c.relation, c.met)
            for c in first.conditions] == [("a'", "a", "reworded", False), ("b'", None, "", None),
                                           ("c'", None, "", None)]
    assert [h.met_count for h in history] == [0, 1, 1, 1]
    assert [h.value for h in history] == [Decimal(0), Decimal("0.3333"), Decimal("0.3333"), Decimal("0.3333")]
    # At the end, d1 has its own assessment (met), d2 inherits c2 ("none"), d3 is not met (the
    # submitted but unapproved "met" does not count).
    last = history[-1]
    assert [(c.condition.code, c.level.code, c.met, c.assessment.condition.code) for c in last.conditions] == [
        ("a'", "met", True, "a'"), ("b'", "none", False, "b"), ("c'", "not-met", False, "c'")]
    assert last.conditions[0].previous.level.code == "met"  # the v1 assessment it continues
    assert last.percent == Decimal("33.3")


def test_weakest_condition_rule_compares_scales_on_a_common_score(framework):
    framework["lto2"].progress_rule = "weakest"
    framework["lto2"].save()
    [progress] = objective_progress(user=SYSTEM, as_of=dt.date(2025, 4, 30))
    assert progress.rule == "weakest" and progress.rule_label == "weakest condition"
    assert progress.weakest.condition.code == "b'" and progress.weakest.level.code == "none"
    assert progress.value == Decimal(0)
    assert progress.conditions[0].score == Decimal(1)  # "met" on met / not met


def test_progress_lists_the_objectives_of_the_version_in_force(framework):
    before = objective_progress(user=SYSTEM, as_of=dt.date(2024, 6, 30))
    after = objective_progress(user=SYSTEM, as_of=dt.date(2024, 12, 31), mission_keys=["alpha"])
    assert [p.objective.key for p in before] == ["lto-old"]
    assert [p.objective.key for p in after] == ["lto-new"]
    assert before[0].value == Decimal("0.5") and before[0].mission_key == "alpha"
    # "What did we assess at the end of the previous reporting period" is one call:
    [period] = objectives_for_period(user=SYSTEM, start=dt.date(2024, 5, 1), end=dt.date(2025, 4, 30))
    assert (period.before.as_of, period.after.as_of) == (dt.date(2024, 4, 30), dt.date(2025, 4, 30))
    assert period.before.value == Decimal("0.3333") and period.change == Decimal(0)


def test_records_are_provenance_and_visibility_applies(framework):
    [progress] = objective_progress(user=SYSTEM, as_of=dt.date(2025, 4, 30))
    assert ("results.LongTermObjective", "lto-new") in progress.records
    assert ("results.Condition", framework["d1"].key) in progress.records
    outsider = UserFactory(clearance=3, missions=[MissionFactory()])
    assert objective_progress(user=outsider, as_of=dt.date(2025, 4, 30)) == []
    member = UserFactory(clearance=3, missions=[framework["mission"]])
    assert len(objective_progress(user=member, as_of=dt.date(2025, 4, 30))) == 1
