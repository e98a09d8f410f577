"""Field reports through their review cycle; follow-up actions up to their adjustment."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from missiemonitor.core.principals import SYSTEM
from missiemonitor.core.workflow import InvalidTransition, VersionConflict
from missiemonitor.monitoring.models import FieldReport
from missiemonitor.monitoring.services import (
    action_complete,
    action_update,
    fieldreport_approve,
    fieldreport_create,
    fieldreport_return,
    fieldreport_submit,
    fieldreport_update,
)
from missiemonitor.testing.factories import (
    ContributionFactory,
    FollowUpActionFactory,
    MissionFactory,
    UserFactory,
)


@pytest.fixture
def reporter(db):
    return UserFactory(role="field-reporter", clearance=1, all_missions=True)


def test_field_report_cycle_keeps_the_first_submission_time(reporter, reviewer):
    contribution = ContributionFactory()
    report = fieldreport_create(user=reporter, contribution=contribution.key, start=dt.date(2024, 5, 1),
                                end=dt.date(2024, 5, 31), summary="Rustige maand")
    assert (report.status, report.author, report.mission_id) == ("draft", reporter, contribution.mission_id)
    report = fieldreport_submit(user=reporter, report=report, version=1)
    first = report.submitted_at
    with pytest.raises(PermissionDenied):  # a field reporter does not review
        fieldreport_approve(user=reporter, report=report, version=2)
    with pytest.raises(ValidationError):
        fieldreport_return(user=reviewer, report=report, version=2, comment="")
    report = fieldreport_return(user=reviewer, report=report, version=2, comment="Cijfers ontbreken")
    report = fieldreport_update(user=reporter, report=report, version=3, body="Met cijfers")
    report = fieldreport_submit(user=reporter, report=report, version=4)
    report = fieldreport_approve(user=reviewer, report=report, version=5)
    stored = FieldReport.objects.get(pk=report.pk)
    assert (stored.status, stored.version, stored.submitted_at, stored.body) == ("approved", 6, first, "Met cijfers")
    with pytest.raises(InvalidTransition):
        fieldreport_update(user=reporter, report=report, version=6, body="te laat")
    with pytest.raises(VersionConflict):
        fieldreport_submit(user=reporter, report=report, version=5)


def test_field_report_period_and_reviewer_checks(reporter):
    contribution = ContributionFactory()
    with pytest.raises(ValidationError):
        fieldreport_create(user=reporter, contribution=contribution, start=dt.date(2024, 5, 31),
                           end=dt.date(2024, 5, 1))
    coordinator = UserFactory(role="coordinator", clearance=3, all_missions=True)
    report = fieldreport_submit(user=coordinator, version=1, report=fieldreport_create(
        user=coordinator, contribution=contribution, start=dt.date(2024, 5, 1), end=dt.date(2024, 5, 31)))
    with pytest.raises(PermissionDenied):
        fieldreport_approve(user=coordinator, report=report, version=2)


def test_an_action_is_updated_then_completed_with_its_adjustment(db):
    mission = MissionFactory()
    action = FollowUpActionFactory(finding__visit__mission=mission)
    contribution = ContributionFactory(mission=mission)
    action = action_update(user=SYSTEM, action=action, version=1, status="in-progress", owner="CDS")
    assert (action.status, action.owner, action.version) == ("in-progress", "CDS", 2)
    with pytest.raises(InvalidTransition):
        action_update(user=SYSTEM, action=action, version=2, status="done")
    with pytest.raises(ValidationError):  # an adjusted record needs the adjustment described
        action_complete(user=SYSTEM, action=action, version=2, completed_on=dt.date(2024, 11, 1),
                        adjusted_contribution=contribution)
    action = action_complete(user=SYSTEM, action=action, version=2, completed_on=dt.date(2024, 11, 1),
                             adjustment="Extra voertuigen ingezet", adjusted_contribution=contribution.key)
    assert (action.status, action.completed_on, action.adjusted_contribution, action.version) == (
        "done", dt.date(2024, 11, 1), contribution, 3)
    with pytest.raises(InvalidTransition):
        action_update(user=SYSTEM, action=action, version=3, owner="iemand anders")
