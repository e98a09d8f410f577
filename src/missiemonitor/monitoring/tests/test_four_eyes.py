"""Four eyes on field reports: whoever submitted a report may not approve it; a draft is
deleted only by its author or a coordinator, and a submitted report is never deleted."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from missiemonitor.core.models import Classification
from missiemonitor.core.workflow import InvalidTransition
from missiemonitor.monitoring.models import FieldReport
from missiemonitor.monitoring.services import (
    fieldreport_approve,
    fieldreport_create,
    fieldreport_delete,
    fieldreport_submit,
)
from missiemonitor.testing.factories import ContributionFactory, UserFactory


@pytest.fixture
def report(db):
    author = UserFactory(role="field-reporter", clearance=Classification.STG_GEHEIM, all_missions=True)
    return fieldreport_create(user=author, contribution=ContributionFactory(), start=dt.date(2024, 5, 1),
                              end=dt.date(2024, 5, 31), summary="Rustig")


def test_the_submitter_may_not_approve_a_report_someone_else_wrote(report, coordinator, reviewer):
    fieldreport_submit(user=coordinator, report=report.key, version=1)
    with pytest.raises(PermissionDenied, match=f"You submitted field report {report.key} yourself"):
        fieldreport_approve(user=coordinator, report=report.key, version=2)
    stored = FieldReport.objects.get(pk=report.pk)
    assert (stored.status, stored.submitted_by, stored.reviewer) == ("submitted", coordinator, None)
    approved = fieldreport_approve(user=reviewer, report=report.key, version=2)
    assert (approved.status, approved.reviewer) == ("approved", reviewer)


def test_a_draft_report_is_deleted_by_its_author_or_a_coordinator_only(report, coordinator, reviewer):
    with pytest.raises(PermissionDenied, match="Only its author or a coordinator"):
        fieldreport_delete(user=reviewer, report=report.key, version=1)
    fieldreport_submit(user=report.author, report=report.key, version=1)
    with pytest.raises(InvalidTransition, match="is submitted and can no longer be deleted"):
        fieldreport_delete(user=coordinator, report=report.key, version=2)
    assert FieldReport.objects.filter(pk=report.pk).exists()
    draft = fieldreport_create(user=report.author, contribution=report.contribution,
                               start=dt.date(2024, 6, 1), end=dt.date(2024, 6, 30))
    fieldreport_delete(user=report.author, report=draft.key, version=1)
    assert not FieldReport.objects.filter(pk=draft.pk).exists()
