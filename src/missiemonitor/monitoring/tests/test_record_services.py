"""The page services of visits, findings, actions and postings, named after their entity:
the writing roles of core.permissions, a fresh key, the parent's classification as a floor."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from missiemonitor.core.models import Classification
from missiemonitor.missions.services import posting_create, posting_update
from missiemonitor.monitoring.services import (
    action_create,
    finding_create,
    finding_update,
    visit_create,
)
from missiemonitor.testing.factories import RoleFactory, UserFactory


@pytest.fixture
def reporter(db):
    return UserFactory(role="field-reporter", clearance=Classification.STG_GEHEIM, all_missions=True)


def test_a_visit_its_finding_and_action_are_written_by_their_services(reporter):
    visit = visit_create(user=reporter, title="Bezoek juni", start=dt.date(2024, 6, 3),
                         classification=Classification.STG_CONFIDENTIEEL)
    assert visit.key.startswith("bezoek-juni-20240603-") and visit.version == 1
    with pytest.raises(ValidationError) as low:
        finding_create(user=reporter, visit=visit, text="Goed contact", classification=Classification.ONGERUBRICEERD)
    assert list(low.value.message_dict) == ["classification"]
    finding = finding_create(user=reporter, visit=visit, text="Goed contact",
                             classification=Classification.STG_CONFIDENTIEEL)
    finding = finding_update(user=reporter, finding=finding.key, version=1, text="Zeer goed contact")
    assert (finding.text, finding.version, finding.visit) == ("Zeer goed contact", 2, visit)
    action = action_create(user=reporter, finding=finding, description="Opvolgen", owner="Ambassade",
                           classification=Classification.STG_CONFIDENTIEEL)
    assert (action.finding, action.status, action.mission_id) == (finding, "open", visit.mission_id)


def test_postings_are_kept_by_the_writing_roles_only(reporter):
    role = RoleFactory()
    posting = posting_create(user=reporter, role=role, start=dt.date(2024, 1, 1), headcount=2)
    assert (posting.role, posting.mission_id) == (role, role.mission_id)
    posting = posting_update(user=reporter, posting=posting, version=1, headcount=3)
    assert (posting.headcount, posting.version) == (3, 2)
    analyst = UserFactory(role="analyst", clearance=Classification.STG_GEHEIM, all_missions=True)
    with pytest.raises(PermissionDenied, match="Your role does not allow changing postings"):
        posting_create(user=analyst, role=role, start=dt.date(2025, 1, 1))
