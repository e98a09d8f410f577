"""Recording an assessment with its evidence, and submitting it, is one write: all or nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from missiemonitor.results.models import ConditionAssessment, Evidence
from missiemonitor.results.services import assessment_record_with_evidence
from missiemonitor.testing.factories import ConditionFactory, FindingFactory

DAY = dt.date(2024, 10, 1)


@pytest.fixture
def condition(db):
    return ConditionFactory()


def test_recorded_with_evidence_and_submitted_at_once(condition, coordinator):
    finding = FindingFactory(visit__mission=condition.mission)
    assessment = assessment_record_with_evidence(
        user=coordinator, condition=condition, level="partly", date=DAY, rationale="Plan in concept",
        evidence=("finding", finding.key), confidence="high", note="Gezien tijdens het bezoek", submit=True)
    assert (assessment.state, assessment.version) == ("submitted", 3)
    evidence = Evidence.objects.get(assessment=assessment)
    assert (evidence.finding, evidence.confidence, evidence.note) == (finding, "high", "Gezien tijdens het bezoek")


def test_refused_evidence_leaves_no_assessment_behind(condition, coordinator):
    with pytest.raises(ValidationError) as error:
        assessment_record_with_evidence(user=coordinator, condition=condition, level="partly", date=DAY,
                                        evidence=("finding", "no-such-finding"), submit=True)
    assert "finding" in error.value.message_dict
    assert not ConditionAssessment.objects.filter(condition=condition).exists()
    assert not Evidence.objects.exists()


def test_a_draft_without_evidence(condition, coordinator):
    assessment = assessment_record_with_evidence(user=coordinator, condition=condition, level="met", date=DAY)
    assert (assessment.state, assessment.version, assessment.evidence.count()) == ("draft", 1, 0)
