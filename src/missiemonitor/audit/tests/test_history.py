"""History under the visibility rule: a record one may not see has no history for them, a
change made while the record was classified above their clearance shows which fields changed
but not their values (a declassification too), and so does a reference to a record they may
not see. The review trail of a field report: submitted, returned with the comment, approved."""

from __future__ import annotations

import datetime as dt

import pytest

from missiemonitor.accounts.models import Role
from missiemonitor.audit.context import audit_context
from missiemonitor.audit.models import AuditEntry
from missiemonitor.audit.selectors import (
    entries_visible_to,
    history_for_record,
    review_trail,
)
from missiemonitor.context.services import event_update
from missiemonitor.core.models import Classification
from missiemonitor.core.principals import SYSTEM
from missiemonitor.monitoring.services import (
    fieldreport_approve,
    fieldreport_return,
    fieldreport_submit,
)
from missiemonitor.testing import factories as f

pytestmark = pytest.mark.django_db
U, DV, SC, SG = (Classification.ONGERUBRICEERD, Classification.DEPARTEMENTAAL_VERTROUWELIJK,
                 Classification.STG_CONFIDENTIEEL, Classification.STG_GEHEIM)


@pytest.fixture
def people(db):
    mission = f.MissionFactory(key="m1")
    other = f.MissionFactory(key="m2")
    return {
        "mission": mission, "other": other,
        "low": f.UserFactory(username="low", clearance=U, missions=[mission]),
        "high": f.UserFactory(username="high", clearance=SG, missions=[mission]),
        "outsider": f.UserFactory(username="outsider", clearance=SG, missions=[other]),
    }


def _edit(event, **fields):
    event.refresh_from_db()
    return event_update(user=SYSTEM, event=event, version=event.version, **fields)


def test_a_record_one_may_not_see_has_no_history(people):
    event = f.ContextEventFactory(key="ev", mission=people["mission"], classification=SC)
    _edit(event, title="Nieuw")
    assert history_for_record(user=people["high"], record=event)
    assert history_for_record(user=people["low"], record=event) == []  # above clearance
    assert history_for_record(user=people["outsider"], record=event) == []  # other mission
    assert not entries_visible_to(people["outsider"]).filter(object_key="ev").exists()
    assert not entries_visible_to(people["low"]).filter(object_key="ev").exists()


def test_values_written_while_classified_above_the_reader_are_withheld(people):
    event = f.ContextEventFactory(key="ev", mission=people["mission"], classification=SG,
                                  title="Geheime titel")
    _edit(event, title="Nog steeds geheim")
    _edit(event, classification=U)  # declassified
    _edit(event, title="Openbare titel")
    newest, declassified, secret, *_ = history_for_record(user=people["low"], record=event)
    assert not newest.hidden
    assert [(c.name, c.old, c.new) for c in newest.changes] == [
        ("title", "Nog steeds geheim", "Openbare titel")]
    # the declassification itself would tell the old level: withheld
    assert declassified.hidden and [c.name for c in declassified.changes] == ["classification"]
    assert all(c.hidden and c.old is None and c.new is None for c in declassified.changes)
    assert secret.hidden and [(c.name, c.old, c.new) for c in secret.changes] == [
        ("title", None, None)]
    shown = history_for_record(user=people["high"], record=event)
    assert [(c.old, c.new) for c in shown[2].changes] == [("Geheime titel", "Nog steeds geheim")]
    assert shown[1].changes[0].old == str(Classification(SG).label)


def test_a_reference_to_a_record_one_may_not_see_shows_as_changed_without_values(people):
    hidden = f.ContributionFactory(key="hidden-contribution", mission=people["mission"],
                                   classification=SG)
    finding = f.FindingFactory(key="finding", mission=people["mission"], contribution=None)
    from missiemonitor.monitoring.services import finding_update

    finding_update(user=SYSTEM, finding=finding, version=finding.version, contribution=hidden)
    [latest, *_] = history_for_record(user=people["low"], record=finding)
    [change] = [c for c in latest.changes if c.name == "contribution"]
    assert change.hidden and change.new is None
    [latest, *_] = history_for_record(user=people["high"], record=finding)
    [change] = [c for c in latest.changes if c.name == "contribution"]
    assert not change.hidden and change.new == "hidden-contribution"


def test_the_review_trail_of_a_field_report(people):
    author = f.UserFactory(username="author", role=Role.FIELD_REPORTER, clearance=SG,
                           missions=[people["mission"]])
    reviewer = f.UserFactory(username="reviewer", role=Role.REVIEWER, clearance=SG,
                             missions=[people["mission"]])
    contribution = f.ContributionFactory(key="fp", mission=people["mission"])
    report = f.FieldReportFactory(key="report", contribution=contribution, author=author,
                                  start=dt.date(2024, 5, 1), end=dt.date(2024, 5, 31))
    steps = [(author, fieldreport_submit, {}),
             (reviewer, fieldreport_return, {"comment": "Cijfers ontbreken"}),
             (author, fieldreport_submit, {}), (reviewer, fieldreport_approve, {})]
    for user, service, extra in steps:  # as the pages do: the request's user is the actor
        with audit_context(channel="web", actor=user):
            report = service(user=user, report=report, version=report.version, **extra)
    trail = review_trail(user=people["high"], record=report)
    assert [(s.step, s.actor, s.comment) for s in trail] == [
        ("submitted", "author", ""), ("returned", "reviewer", "Cijfers ontbreken"),
        ("submitted", "author", ""), ("approved", "reviewer", "")]
    assert AuditEntry.objects.filter(object_key="report").count() == 5  # with the create


def test_an_item_of_a_nested_list_naming_a_record_one_may_not_see_shows_as_changed_without_values(people):
    """A programme's transactions are a nested list of the programme; a transaction's receiver
    above the reader's clearance is not named in the programme's history (the authorisation
    matrix found it in the History tab and the API's audit entries)."""
    programme = f.ProgrammeFactory(key="programme", mission=people["mission"])
    receiver = f.OrganisationFactory(key="secret-receiver", classification=SG)
    programme.transactions.create(kind="disbursement", date=dt.date(2024, 9, 1), amount=500,
                                  receiver=receiver, description="betaling")
    [latest, *_] = history_for_record(user=people["low"], record=programme)
    [change] = [c for c in latest.changes if c.name == "transactions"]
    assert change.hidden and change.items == ()
    [latest, *_] = history_for_record(user=people["high"], record=programme)
    [change] = [c for c in latest.changes if c.name == "transactions"]
    assert not change.hidden and any("secret-receiver" in item for item in change.items)
