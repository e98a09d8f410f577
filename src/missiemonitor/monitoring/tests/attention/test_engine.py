import datetime as dt

import pytest

from missiemonitor.core.principals import SYSTEM
from missiemonitor.monitoring.attention import REGISTRY, attention_points
from missiemonitor.testing.factories import MissionFactory, UserFactory
from missiemonitor.testing.world import AS_OF, END, START, build_world


@pytest.fixture
def world(db):
    return build_world(copies=2)


def test_every_shipped_rule_fires_on_the_synthetic_world_ordered_by_severity(world):
    points = attention_points(user=SYSTEM, start=START, end=END, as_of=AS_OF)
    assert {p.rule_id for p in points} == set(REGISTRY)
    assert len(REGISTRY) >= 13
    order = {"high": 0, "medium": 1, "low": 2}
    assert [order[p.severity] for p in points] == sorted(order[p.severity] for p in points)
    assert all(p.message_nl and p.message_en and p.records for p in points)
    assert {p.mission_key for p in points} == set(world.mission_keys)


def test_scope_visibility_subsets_and_settings(world, settings):
    mine = attention_points(user=SYSTEM, start=START, end=END, as_of=AS_OF, mission_keys=["w1-mission"])
    assert {p.mission_key for p in mine} == {"w1-mission"}
    member = UserFactory(clearance=3, missions=[MissionFactory(key="w1-mission-other")])
    assert attention_points(user=member, start=START, end=END, as_of=AS_OF) == []
    only = attention_points(user=SYSTEM, start=START, end=END, as_of=AS_OF, rule_ids=["incident"])
    assert {p.rule_id for p in only} == {"incident"}
    settings.MM_ATTENTION = {**settings.MM_ATTENTION, "DISABLED_RULES": ["incident"],
                             "SEVERITY": {"field-report-late": "high"}}
    points = attention_points(user=SYSTEM, start=START, end=END, as_of=AS_OF)
    assert "incident" not in {p.rule_id for p in points}
    assert {p.severity for p in points if p.rule_id == "field-report-late"} == {"high"}
    with pytest.raises(ValueError, match="nope"):
        attention_points(user=SYSTEM, start=START, end=END, rule_ids=["nope"])
    with pytest.raises(ValueError):
        attention_points(user=SYSTEM, start=END, end=START)


def test_a_clean_period_has_no_points(world):
    assert attention_points(user=SYSTEM, start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31),
                            as_of=dt.date(2020, 1, 1), rule_ids=[r for r in REGISTRY
                                                                 if r != "conflicting-statements"]) == []
