"""The capabilities of core.permissions, as pages ask them to offer a button or not."""

import pytest

from missiemonitor.core import permissions as p
from missiemonitor.core.principals import SYSTEM
from missiemonitor.missions.models import Contribution
from missiemonitor.monitoring.models import FieldReport
from missiemonitor.results.models import ConditionAssessment
from missiemonitor.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    mission = f.MissionFactory()
    make = lambda role, **kw: f.UserFactory(role=role, missions=[mission], password=None, **kw)  # noqa: E731
    return mission, {role: make(role) for role in
                     ("coordinator", "policy-officer", "field-reporter", "reviewer", "analyst")}


def test_who_may_write_which_records(people):
    mission, users = people
    other = f.MissionFactory()
    assert [r for r, u in users.items() if p.can_create(u, Contribution)] == ["coordinator", "policy-officer"]
    assert [r for r, u in users.items() if p.can_create(u, FieldReport, mission=mission)] == [
        "coordinator", "policy-officer", "field-reporter", "reviewer"]
    assert not p.can_create(users["field-reporter"], FieldReport, mission=other)
    assert p.can_create(SYSTEM, Contribution, mission=other)


def test_review_capabilities_follow_state_and_four_eyes(people):
    mission, users = people
    report = f.FieldReportFactory(contribution=f.ContributionFactory(mission=mission),
                                  author=users["field-reporter"], status="draft")
    assert p.can_submit(users["field-reporter"], report) and p.can_edit(users["field-reporter"], report)
    assert p.can_delete(users["field-reporter"], report) and p.can_delete(users["coordinator"], report)
    assert not p.can_delete(users["policy-officer"], report)
    assert not p.can_approve(users["reviewer"], report)  # a draft is not reviewed
    report.status, report.submitted_by = "submitted", users["reviewer"]
    assert not p.can_edit(users["field-reporter"], report) and not p.can_delete(users["coordinator"], report)
    assert not p.can_approve(users["reviewer"], report)  # submitted it: four eyes
    assert p.can_return(users["reviewer"], report)
    assert p.can_approve(users["coordinator"], report) and not p.can_approve(users["analyst"], report)
    assessment = f.ConditionAssessmentFactory(state="submitted", assessor=users["coordinator"])
    assert isinstance(assessment, ConditionAssessment)
    assert not p.can_approve(users["coordinator"], assessment)  # wrote it


def test_managing_users_and_loading_datasets(people):
    _mission, users = people
    boss = f.UserFactory(role="coordinator", is_staff=True, all_missions=True, clearance=3, password=None)
    assert p.can_manage_users(boss) and p.can_load_datasets(boss)
    assert not p.can_manage_users(users["coordinator"]) and not p.can_load_datasets(users["coordinator"])
