"""Rotation analysis: tour lengths, overlaps and handover gaps, per role and per kind of post."""

import datetime as dt

import pytest

from missiemonitor.core.principals import SYSTEM
from missiemonitor.missions.selectors import rotation_analysis
from missiemonitor.testing.factories import (
    ContributionFactory,
    LongTermObjectiveFactory,
    MissionFactory,
    PostingFactory,
    RoleFactory,
    UserFactory,
)

D = dt.date
AS_OF = D(2025, 4, 30)


@pytest.fixture
def mission(db):
    return MissionFactory(key="m")


def postings(role, *periods):
    for start, end in periods:
        PostingFactory(role=role, start=start, end=end)


def test_gaps_overlaps_and_a_missing_successor(mission):
    contribution = ContributionFactory(mission=mission, start=D(2024, 1, 1))
    military = RoleFactory(key="mil", contribution=contribution, post_kind="military-adviser")
    postings(military, (D(2024, 1, 1), D(2024, 6, 30)),   # then 31 days nobody
             (D(2024, 8, 1), D(2025, 1, 31)),              # then 10 days together
             (D(2025, 1, 22), D(2025, 3, 31)))             # then nobody follows
    civil = RoleFactory(key="civ", contribution=contribution, post_kind="civil-adviser")
    postings(civil, (D(2023, 1, 1), D(2025, 6, 30)))
    lto = LongTermObjectiveFactory(framework_version__framework__mission=mission, code="LTO 6")
    lto.roles.add(military)

    analysis = rotation_analysis(user=SYSTEM, as_of=AS_OF)
    roles = {r.role.key: r for r in analysis.roles}
    mil = roles["mil"]
    assert [(h.kind, h.days, h.start, h.end) for h in mil.handovers] == [
        ("gap", 31, D(2024, 7, 1), D(2024, 7, 31)),
        ("overlap", 10, D(2025, 1, 22), D(2025, 1, 31)),
        ("no-successor", 30, D(2025, 4, 1), D(2025, 4, 30)),
    ]
    assert mil.tour_days == [182, 184, 69]
    assert mil.at_risk and [o.code for o in mil.objectives] == ["LTO 6"]
    assert roles["civ"].handovers == () and not roles["civ"].at_risk
    assert [(o.code, g.kind) for o, g in analysis.objectives_at_risk] == [("LTO 6", "gap"), ("LTO 6", "no-successor")]

    kinds = {s.post_kind: s for s in analysis.by_post_kind}
    assert kinds["military-adviser"].tours == 3 and kinds["military-adviser"].average_tour_months == 4.8
    assert (kinds["military-adviser"].gaps, kinds["military-adviser"].gap_days,
            kinds["military-adviser"].without_successor, kinds["military-adviser"].overlaps) == (2, 61, 1, 1)
    assert kinds["civil-adviser"].longest_tour_months == 30.0


def test_no_gap_after_the_contribution_ended_or_with_adjacent_postings(mission):
    ended = ContributionFactory(mission=mission, start=D(2024, 1, 1), end=D(2024, 12, 31))
    role = RoleFactory(contribution=ended)
    postings(role, (D(2024, 1, 1), D(2024, 6, 30)), (D(2024, 7, 1), D(2024, 12, 31)))
    [rotation] = rotation_analysis(user=SYSTEM, as_of=AS_OF).roles
    assert [h.kind for h in rotation.handovers] == ["adjacent"]
    assert rotation.gaps == []


def test_parallel_postings_of_a_role_with_several_people(mission):
    role = RoleFactory(contribution=ContributionFactory(mission=mission), headcount=2)
    postings(role, (D(2024, 1, 1), D(2024, 12, 31)), (D(2024, 2, 1), D(2024, 3, 31)),
             (D(2024, 5, 1), D(2025, 6, 30)))
    [rotation] = rotation_analysis(user=SYSTEM, as_of=AS_OF).roles
    assert [h.kind for h in rotation.handovers] == ["overlap", "overlap"]


def test_scope_and_visibility(mission):
    RoleFactory(contribution=ContributionFactory(mission=mission))
    assert len(rotation_analysis(user=SYSTEM, mission_keys=["m"]).roles) == 1
    outsider = UserFactory(clearance=3, missions=[MissionFactory()])
    assert rotation_analysis(user=outsider).roles == ()


def test_links_above_clearance_are_left_out(db):
    from missiemonitor.core.models import Classification as C

    hidden = MissionFactory(key="hidden", classification=C.STG_GEHEIM)
    member = UserFactory(clearance=C.DEPARTEMENTAAL_VERTROUWELIJK, missions=[hidden])
    RoleFactory(key="open-role", contribution=ContributionFactory(key="open", mission=hidden))
    RoleFactory(key="secret-role", contribution=ContributionFactory(
        key="secret", mission=hidden, classification=C.STG_GEHEIM))
    (rotation,) = rotation_analysis(user=member, as_of=AS_OF).roles
    assert rotation.role.key == "open-role" and rotation.role.contribution.key == "open"
    assert rotation.role.contribution.mission is None  # the mission is above the clearance
