"""The generic record services: need-to-know derived from the contribution a record is about."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from missiemonitor.context.models import Incident
from missiemonitor.core.models import Classification
from missiemonitor.core.records import RecordChanges, record_create, record_update
from missiemonitor.finance.models import Expenditure
from missiemonitor.monitoring.models import Finding
from missiemonitor.testing.factories import (
    ContributionFactory,
    IncidentFactory,
    MissionFactory,
    MonitoringVisitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    alpha, bravo = MissionFactory(key="alpha"), MissionFactory(key="bravo")
    writer = UserFactory(clearance=Classification.STG_GEHEIM, all_missions=True)
    outsider = UserFactory(clearance=Classification.STG_GEHEIM, missions=[bravo])
    return {"alpha": alpha, "bravo": bravo, "writer": writer, "outsider": outsider,
            "contribution": ContributionFactory(key="alpha-fp", mission=alpha)}


INCIDENT = {"date": dt.date(2024, 12, 1), "incident_type": "injury", "severity": "minor",
            "description": "Gewond"}


def test_an_incident_about_a_contribution_takes_its_mission(world):
    incident = record_create(user=world["writer"], model=Incident, key="inc-1", changes=RecordChanges(
        values={**INCIDENT, "contribution": world["contribution"]}))
    assert Incident.objects.get(key="inc-1").mission_id == world["alpha"].pk == incident.mission_id
    assert not Incident.objects.visible_to(world["outsider"]).filter(key="inc-1").exists()


def test_a_finding_and_an_expenditure_take_the_contribution_mission(world):
    visit = MonitoringVisitFactory(mission=None)
    record_create(user=world["writer"], model=Finding, key="f-1", changes=RecordChanges(
        values={"visit": visit, "text": "Bevinding", "contribution": world["contribution"]}))
    assert Finding.objects.get(key="f-1").mission_id == world["alpha"].pk
    record_create(user=world["writer"], model=Expenditure, key="e-1", changes=RecordChanges(
        values={"contribution": world["contribution"], "start": dt.date(2024, 1, 1),
                "end": dt.date(2024, 12, 31), "budget_source": "biv"}))
    assert Expenditure.objects.get(key="e-1").mission_id == world["alpha"].pk


def test_a_mission_other_than_the_contribution_mission_is_refused_by_field(world):
    with pytest.raises(ValidationError) as info, translation.override("en"):
        record_create(user=world["writer"], model=Incident, key="inc-2", changes=RecordChanges(
            values={**INCIDENT, "contribution": world["contribution"], "mission": world["bravo"]}))
    assert info.value.message_dict == {
        "contribution": ["This contribution belongs to another mission than the record."]}
    assert not Incident.objects.filter(key="inc-2").exists()


def test_an_edit_cannot_move_a_record_to_a_contribution_of_another_mission(world):
    incident = IncidentFactory(contribution=world["contribution"])
    other = ContributionFactory(key="bravo-fp", mission=world["bravo"])
    with pytest.raises(ValidationError) as info:
        record_update(user=world["writer"], record=incident, expected_version=incident.version,
                      changes=RecordChanges(values={"contribution": other}))
    assert "contribution" in info.value.message_dict
    incident.refresh_from_db()
    assert incident.contribution_id == world["contribution"].pk


def test_an_edit_gives_a_stored_record_without_mission_its_contribution_mission(world):
    incident = IncidentFactory(contribution=world["contribution"], mission=None)
    record_update(user=world["writer"], record=incident, expected_version=incident.version,
                  changes=RecordChanges(values={"description": "Bijgewerkt"}))
    incident.refresh_from_db()
    assert incident.mission_id == world["alpha"].pk


def test_an_edit_keeps_the_links_the_user_may_not_see(world):
    from missiemonitor.monitoring.models import MonitoringVisit

    charlie = MissionFactory(key="charlie")
    visit = MonitoringVisitFactory(mission=None)
    visit.missions.set([world["alpha"], world["bravo"]])
    editor = UserFactory(clearance=Classification.STG_GEHEIM, missions=[world["bravo"], charlie])
    # the editor does not know alpha: they replace bravo by charlie, and alpha stays
    record_update(user=editor, record=visit, expected_version=visit.version,
                  changes=RecordChanges(m2m={"missions": [charlie]}))
    stored = MonitoringVisit.objects.get(pk=visit.pk)
    assert sorted(stored.missions.values_list("key", flat=True)) == ["alpha", "charlie"]
    assert stored.version == visit.version + 1
