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
    with CaptureQueriesContext(connection) as queries:
        assert classification_of_refs(refs) == Classification.STG_CONFIDENTIEEL
    assert len(queries) == 1
    assert classification_of_refs([]) == Classification.ONGERUBRICEERD
