import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from missiemonitor.core.models import Classification
from missiemonitor.core.principals import SYSTEM
from missiemonitor.core.workflow import InvalidTransition, VersionConflict
from missiemonitor.results.models import ConditionAssessment, Evidence
from missiemonitor.results.services import (
    assessment_approve,
    assessment_record,
    assessment_return,
    assessment_submit,
    assessment_update,
    evidence_add,
)
from missiemonitor.testing.factories import (
    ConditionFactory,
    FindingFactory,
    MissionFactory,
    UserFactory,
)

DAY = dt.date(2024, 10, 1)


@pytest.fixture
def condition(db):
    return ConditionFactory()


def test_the_review_cycle_draft_submitted_returned_submitted_approved(condition, coordinator, reviewer):
    a = assessment_record(user=coordinator, condition=condition, level="partly", date=DAY,
                          rationale="Eerste stappen gezet")
    assert (a.state, a.version, a.level.code, a.assessor, a.mission_id) == (
        "draft", 1, "partly", coordinator, condition.mission_id)
    a = assessment_submit(user=coordinator, assessment=a, version=1)
    assert (a.state, a.version) == ("submitted", 2) and a.submitted_at is not None
    a = assessment_return(user=reviewer, assessment=a.key, version=2, comment="Bewijs ontbreekt")
    assert (a.state, a.review_comment, a.reviewer) == ("returned", "Bewijs ontbreekt", reviewer)
    a = assessment_update(user=coordinator, assessment=a, version=3, level="met")
    a = assessment_submit(user=coordinator, assessment=a, version=4)
    a = assessment_approve(user=reviewer, assessment=a, version=5)
    stored = ConditionAssessment.objects.get(pk=a.pk)
    assert (stored.state, stored.version, stored.level.code) == ("approved", 6, "met")


def test_invalid_transitions_are_refused_with_the_state_named(condition, coordinator, reviewer):
    a = assessment_record(user=coordinator, condition=condition, level="met", date=DAY)
    with pytest.raises(InvalidTransition, match="draft"):
        assessment_approve(user=reviewer, assessment=a, version=1)
    a = assessment_submit(user=coordinator, assessment=a, version=1)
    a = assessment_approve(user=reviewer, assessment=a, version=2)
    for action in (assessment_submit, assessment_approve):
        with pytest.raises(InvalidTransition):
            action(user=reviewer, assessment=a, version=3)
    with pytest.raises(InvalidTransition):
        assessment_update(user=coordinator, assessment=a, version=3, rationale="later")
    assert ConditionAssessment.objects.get(pk=a.pk).version == 3


def test_a_stale_version_is_refused_and_nothing_changes(condition, coordinator, reviewer):
    a = assessment_record(user=coordinator, condition=condition, level="met", date=DAY)
    assessment_update(user=coordinator, assessment=a, version=1, rationale="nieuw")
    with pytest.raises(VersionConflict) as caught:
        assessment_update(user=coordinator, assessment=a, version=1, rationale="oud")
    assert caught.value.code == "conflict" and (caught.value.expected, caught.value.current) == (1, 2)
    assert "version 1" in str(caught.value)
    assert ConditionAssessment.objects.get(pk=a.pk).rationale == "nieuw"


def test_return_needs_a_comment_and_nobody_reviews_their_own(condition, coordinator, reviewer):
    a = assessment_submit(user=reviewer, version=1, assessment=assessment_record(
        user=reviewer, condition=condition, level="met", date=DAY))
    with pytest.raises(ValidationError):
        assessment_return(user=coordinator, assessment=a, version=2, comment="  ")
    with pytest.raises(PermissionDenied):
        assessment_approve(user=reviewer, assessment=a, version=2)
    assert assessment_approve(user=coordinator, assessment=a, version=2).state == "approved"


def test_roles_clearance_and_visibility_are_enforced(condition):
    analyst = UserFactory(role="analyst", clearance=3, all_missions=True)
    with pytest.raises(PermissionDenied):
        assessment_record(user=analyst, condition=condition, level="met", date=DAY)
    outsider = UserFactory(role="coordinator", clearance=3, missions=[MissionFactory()])
    with pytest.raises(ConditionAssessment.condition.field.related_model.DoesNotExist):
        assessment_record(user=outsider, condition=condition, level="met", date=DAY)
    low = UserFactory(role="coordinator", clearance=Classification.ONGERUBRICEERD, all_missions=True)
    with pytest.raises(PermissionDenied):
        assessment_record(user=low, condition=condition, level="met", date=DAY,
                          classification=Classification.STG_GEHEIM)
    with pytest.raises(ValidationError, match="none, partly, met, sustained"):
        assessment_record(user=SYSTEM, condition=condition, level="excellent", date=DAY)
    assert not ConditionAssessment.objects.exists()


def test_evidence_links_a_record_and_stales_the_reviewers_view(condition, coordinator, reviewer):
    a = assessment_submit(user=coordinator, version=1, assessment=assessment_record(
        user=coordinator, condition=condition, level="met", date=DAY))
    finding = FindingFactory(mission=condition.mission)
    evidence = evidence_add(user=coordinator, assessment=a, kind="finding", target=finding.key,
                            confidence="high", note="Gezien tijdens bezoek")
    assert (evidence.finding, evidence.confidence, evidence.mission_id) == (finding, "high", a.mission_id)
    with pytest.raises(VersionConflict):
        assessment_approve(user=reviewer, assessment=a, version=2)
    a = assessment_approve(user=reviewer, assessment=a, version=3)
    with pytest.raises(InvalidTransition):
        evidence_add(user=coordinator, assessment=a, kind="finding", target=finding)
    with pytest.raises(ValidationError):
        evidence_add(user=SYSTEM, assessment=assessment_record(
            user=SYSTEM, condition=condition, level="met", date=DAY), kind="observation", target="nope")
    assert Evidence.objects.count() == 1


def test_evidence_is_classified_at_least_as_high_as_what_it_cites(condition, coordinator):
    a = assessment_record(user=coordinator, condition=condition, level="met", date=DAY)
    secret = FindingFactory(mission=condition.mission, classification=Classification.STG_GEHEIM)
    evidence = evidence_add(user=coordinator, assessment=a, kind="finding", target=secret)
    assert evidence.classification == Classification.STG_GEHEIM
    with pytest.raises(ValidationError) as info:
        evidence_add(user=coordinator, assessment=a, kind="finding", target=secret,
                     classification=Classification.ONGERUBRICEERD)
    assert info.value.message_dict["classification"] == [
        f"A record may not be classified lower than the finding {secret.key} it cites."]
    assert Evidence.objects.count() == 1


def test_evidence_whose_cited_record_is_invisible_is_hidden(condition, coordinator):
    """Even evidence stored too low (before the rule) does not give its target away."""
    from missiemonitor.results.selectors.records import assessment_get

    a = assessment_record(user=coordinator, condition=condition, level="met", date=DAY)
    open_finding = FindingFactory(mission=condition.mission)
    secret = FindingFactory(mission=condition.mission, classification=Classification.STG_GEHEIM)
    evidence_add(user=coordinator, assessment=a, kind="finding", target=open_finding, key="ev-open")
    Evidence.objects.create(key="ev-leak", assessment=a, mission=a.mission, kind="finding",
                            finding=secret)
    reader = UserFactory(role="analyst", clearance=Classification.STG_CONFIDENTIEEL, all_missions=True)
    assert sorted(Evidence.objects.visible_to(reader).values_list("key", flat=True)) == ["ev-open"]
    assert [e.key for e in assessment_get(user=reader, key=a.key).visible_evidence] == ["ev-open"]
    from missiemonitor.core.visibility import can_see

    assert not can_see(reader, Evidence.objects.get(key="ev-leak"))
    assert can_see(coordinator, Evidence.objects.get(key="ev-leak"))
