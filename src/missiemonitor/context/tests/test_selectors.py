"""Reads of the context: linked records above the user's clearance are not shown."""

from __future__ import annotations

import pytest

from missiemonitor.context.selectors import incidents_of
from missiemonitor.core.models import Classification as C
from missiemonitor.testing.factories import ContributionFactory, IncidentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_incident_does_not_show_a_contribution_above_clearance():
    contribution = ContributionFactory(key="secret-unit", classification=C.STG_GEHEIM)
    IncidentFactory(key="inc", contribution=contribution)
    reader = UserFactory(clearance=C.STG_CONFIDENTIEEL, all_missions=True)
    (incident,) = incidents_of(user=reader)
    assert incident.key == "inc" and incident.contribution is None
    cleared = UserFactory(clearance=C.STG_GEHEIM, all_missions=True)
    assert incidents_of(user=cleared)[0].contribution.key == "secret-unit"
