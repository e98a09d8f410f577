"""Four eyes on assessments: whoever submitted an assessment may not approve it, even when
someone else wrote it; a draft is deleted only by its author or a coordinator."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from missiemonitor.core.models import Classification
from missiemonitor.core.workflow import InvalidTransition
from missiemonitor.results.models import ConditionAssessment
from missiemonitor.results.services import (
    assessment_approve,
    assessment_delete,
    assessment_record,
    assessment_submit,
)
from missiemonitor.testing.factories import ConditionFactory, UserFactory

DAY = dt.date(2024, 10, 1)


@pytest.fixture
def condition(db):
    return ConditionFactory()


@pytest.fixture
def writer(db):
    return UserFactory(role="field-reporter", clearance=Classification.STG_GEHEIM, all_missions=True)


def test_the_submitter_may_not_approve_what_someone_else_wrote(condition, writer, coordinator, reviewer):
    draft = assessment_record(user=writer, condition=condition, level="met", date=DAY)
    submitted = assessment_submit(user=coordinator, assessment=draft, version=1)
    assert ConditionAssessment.objects.get(pk=draft.pk).submitted_by == coordinator
    with pytest.raises(PermissionDenied) as refused:
        assessment_approve(user=coordinator, assessment=submitted, version=2)
    assert str(refused.value) == (
        f"You submitted condition assessment {draft.key} yourself, so another reviewer must "
        "approve it (four eyes).")
    with translation.override("nl"), pytest.raises(PermissionDenied) as dutch:
        assessment_approve(user=coordinator, assessment=submitted, version=2)
    assert "vier ogen" in str(dutch.value)
    stored = ConditionAssessment.objects.get(pk=draft.pk)
    assert (stored.state, stored.version, stored.reviewer) == ("submitted", 2, None)
    approved = assessment_approve(user=reviewer, assessment=submitted, version=2)
    assert (approved.state, approved.reviewer, approved.submitted_by) == ("approved", reviewer, coordinator)


def test_only_a_draft_is_deleted_and_only_by_its_author_or_a_coordinator(condition, writer, coordinator,
                                                                          reviewer):
    other = UserFactory(role="field-reporter", clearance=Classification.STG_GEHEIM, all_missions=True)
    draft = assessment_record(user=writer, condition=condition, level="met", date=DAY)
    with pytest.raises(PermissionDenied, match="Only its author or a coordinator"):
        assessment_delete(user=other, assessment=draft.key, version=1)
    assessment_delete(user=writer, assessment=draft.key, version=1)
    assert not ConditionAssessment.objects.filter(pk=draft.pk).exists()

    second = assessment_record(user=writer, condition=condition, level="met", date=DAY)
    assessment_delete(user=coordinator, assessment=second, version=1)
    assert not ConditionAssessment.objects.filter(pk=second.pk).exists()

    third = assessment_record(user=writer, condition=condition, level="met", date=DAY)
    assessment_submit(user=writer, assessment=third, version=1)
    assessment_approve(user=reviewer, assessment=third, version=2)
    with pytest.raises(InvalidTransition, match="is approved and can no longer be deleted"):
        assessment_delete(user=coordinator, assessment=third, version=3)
    assert ConditionAssessment.objects.get(pk=third.pk).state == "approved"
