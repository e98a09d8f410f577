"""The classification banner's arithmetic."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from missiemonitor.core.models import Classification
from missiemonitor.core.provenance import RecordRef
from missiemonitor.testing import factories as f
from missiemonitor.web.classification import classification_of_refs, highest_classification


@dataclass
class Holder:
    items: list
    days_overdue: int = 99  # an int field is not a classification


class Thing:
    def __init__(self, level):
        self.classification = level


def test_highest_classification_walks_results_holding_records():
    nested = Holder(items=[Thing(0), {"a": Thing(Classification.STG_CONFIDENTIEEL)}])
    assert highest_classification([], nested) == Classification.STG_CONFIDENTIEEL
    assert highest_classification(Holder(items=[])) == Classification.ONGERUBRICEERD
    assert highest_classification(Thing(1), Classification.STG_GEHEIM) == Classification.STG_GEHEIM


@pytest.mark.django_db
def test_references_are_resolved_in_one_query():
    event = f.ContextEventFactory(classification=Classification.DEPARTEMENTAAL_VERTROUWELIJK)
    incident = f.IncidentFactory(classification=Classification.STG_CONFIDENTIEEL)
    refs = [RecordRef.of(event), RecordRef.of(incident), RecordRef.of(incident.contribution)]
    user = f.UserFactory(clearance=Classification.STG_GEHEIM, all_missions=True)
    with CaptureQueriesContext(connection) as queries:
        assert classification_of_refs(refs, user=user) == Classification.STG_CONFIDENTIEEL
    assert len(queries) == 1
    assert classification_of_refs([], user=user) == Classification.ONGERUBRICEERD


@pytest.mark.django_db
def test_a_record_the_user_may_not_see_does_not_raise_the_banner():
    event = f.ContextEventFactory(classification=Classification.DEPARTEMENTAAL_VERTROUWELIJK)
    incident = f.IncidentFactory(classification=Classification.STG_CONFIDENTIEEL)
    refs = [RecordRef.of(event), RecordRef.of(incident)]
    cleared = f.UserFactory(clearance=Classification.STG_CONFIDENTIEEL, missions=[incident.mission])
    outsider = f.UserFactory(clearance=Classification.STG_CONFIDENTIEEL)  # not of its mission
    low = f.UserFactory(clearance=Classification.DEPARTEMENTAAL_VERTROUWELIJK, all_missions=True)
    assert classification_of_refs(refs, user=cleared) == Classification.STG_CONFIDENTIEEL
    assert classification_of_refs(refs, user=outsider) == Classification.DEPARTEMENTAAL_VERTROUWELIJK
    assert classification_of_refs(refs, user=low) == Classification.DEPARTEMENTAAL_VERTROUWELIJK
