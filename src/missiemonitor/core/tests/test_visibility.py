"""The one visibility rule, for users of different clearances and memberships."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from missiemonitor.context.models import ContextEvent
from missiemonitor.core.models import Classification
from missiemonitor.core.principals import PUBLIC, SYSTEM
from missiemonitor.core.visibility import can_see
from missiemonitor.missions.models import Contribution, Mission
from missiemonitor.testing.factories import (
    ContextEventFactory,
    ContributionFactory,
    MissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
C = Classification


@pytest.fixture
def world():
    alpha = MissionFactory(key="alpha")
    bravo = MissionFactory(key="bravo", classification=C.DEPARTEMENTAAL_VERTROUWELIJK)
    for mission in (alpha, bravo):
        for level in C:
            ContributionFactory(key=f"{mission.key}-{level.value}", mission=mission, classification=level)
    for level in C:
        ContextEventFactory(key=f"general-{level.value}", classification=level)
    return {"alpha": alpha, "bravo": bravo}


def _keys(model, user):
    return sorted(model.objects.visible_to(user).values_list("key", flat=True))


def test_clearance_and_membership_together(world):
    analyst = UserFactory(clearance=C.DEPARTEMENTAAL_VERTROUWELIJK, missions=[world["alpha"]])
    assert _keys(Contribution, analyst) == ["alpha-0", "alpha-1"]
    assert _keys(Mission, analyst) == ["alpha"]
    assert _keys(ContextEvent, analyst) == ["general-0", "general-1"]


def test_higher_clearance_sees_more_of_its_own_missions_only(world):
    officer = UserFactory(clearance=C.STG_GEHEIM, missions=[world["bravo"]])
    assert _keys(Contribution, officer) == ["bravo-0", "bravo-1", "bravo-2", "bravo-3"]
    assert _keys(Mission, officer) == ["bravo"]


def test_a_mission_above_clearance_is_hidden_even_to_its_members(world):
    member = UserFactory(clearance=C.ONGERUBRICEERD, missions=[world["alpha"], world["bravo"]])
    assert _keys(Mission, member) == ["alpha"]
    assert _keys(Contribution, member) == ["alpha-0", "bravo-0"]


def test_need_to_know_for_all_missions(world):
    coordinator = UserFactory(clearance=C.STG_CONFIDENTIEEL, all_missions=True)
    assert _keys(Contribution, coordinator) == [
        "alpha-0", "alpha-1", "alpha-2", "bravo-0", "bravo-1", "bravo-2"]
    assert _keys(Mission, coordinator) == ["alpha", "bravo"]


def test_no_memberships_sees_only_general_records(world):
    outsider = UserFactory(clearance=C.STG_GEHEIM)
    assert _keys(Contribution, outsider) == []
    assert _keys(ContextEvent, outsider) == ["general-0", "general-1", "general-2", "general-3"]


@pytest.mark.parametrize("make_user", [
    lambda: AnonymousUser(),
    lambda: UserFactory(clearance=C.STG_GEHEIM, all_missions=True, is_active=False),
    lambda: None,
], ids=["anonymous", "inactive", "none"])
def test_anonymous_inactive_and_missing_users_see_nothing(world, make_user):
    user = make_user()
    assert _keys(Contribution, user) == [] and _keys(ContextEvent, user) == []


def test_superusers_get_no_exception(world):
    admin = UserFactory(clearance=C.ONGERUBRICEERD, is_superuser=True, is_staff=True)
    assert _keys(Contribution, admin) == []
    assert _keys(ContextEvent, admin) == ["general-0"]


def test_principals(world):
    assert len(_keys(Contribution, SYSTEM)) == 8
    assert _keys(Contribution, PUBLIC) == ["alpha-0", "bravo-0"]


def test_can_see_agrees_with_the_queryset_rule(world):
    users = [
        UserFactory(clearance=level, missions=missions)
        for level in C
        for missions in ([], [world["alpha"]], [world["alpha"], world["bravo"]])
    ] + [UserFactory(clearance=C.DEPARTEMENTAAL_VERTROUWELIJK, all_missions=True)]
    for model in (Contribution, Mission, ContextEvent):
        for user in users:
            expected = set(_keys(model, user))
            assert {r.key for r in model.objects.all() if can_see(user, r)} == expected


def test_linked_records_above_clearance_read_as_none(world):
    from missiemonitor.context.models import Incident
    from missiemonitor.core.visibility import attach_visible
    from missiemonitor.testing.factories import IncidentFactory

    secret = Contribution.objects.get(key="alpha-3")
    IncidentFactory(key="inc", contribution=secret, mission=world["alpha"])
    reader = UserFactory(clearance=C.STG_CONFIDENTIEEL, missions=[world["alpha"]])
    (incident,) = attach_visible(reader, Incident.objects.visible_to(reader), "contribution__mission")
    assert incident.contribution is None
    (incident,) = Incident.objects.visible_to(SYSTEM).with_visible(SYSTEM, "contribution__mission")
    assert (incident.contribution.key, incident.contribution.mission.key) == ("alpha-3", "alpha")
