"""Writes of the context app: context events, threat assessments and incidents.

Every service is keyword-only and atomic, checks the user's role and clearance, reads what it
changes through the visibility rule and refuses a stale ``version``
(see :mod:`missiemonitor.core.editing`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from missiemonitor.context.models import ContextEvent, Incident, ThreatAssessment
from missiemonitor.core.editing import (
    simple_record_create,
    simple_record_delete,
    simple_record_update,
)


@transaction.atomic
def event_create(*, user: Any, **fields: Any) -> ContextEvent:
    """Record a context event; ``mission`` (optional) narrows who may see it."""
    return simple_record_create(model=ContextEvent, user=user, key_base=fields.get("title") or "event",
                                key_date=fields.get("start"), fields=fields)


@transaction.atomic
def event_update(*, user: Any, event: ContextEvent | str, version: int, **fields: Any) -> ContextEvent:
    return simple_record_update(model=ContextEvent, user=user, record=event, version=version, fields=fields)


@transaction.atomic
def threat_assessment_create(*, user: Any, **fields: Any) -> ThreatAssessment:
    return simple_record_create(model=ThreatAssessment, user=user, key_base=f"threat-{fields.get('area') or ''}",
                                key_date=fields.get("valid_from"), fields=fields)


@transaction.atomic
def threat_assessment_update(*, user: Any, assessment: ThreatAssessment | str, version: int,
                             **fields: Any) -> ThreatAssessment:
    return simple_record_update(model=ThreatAssessment, user=user, record=assessment, version=version, fields=fields)


@transaction.atomic
def incident_create(*, user: Any, **fields: Any) -> Incident:
    """Record an incident; one of a contribution takes the contribution's mission."""
    return simple_record_create(model=Incident, user=user, key_base=f"incident-{fields.get('incident_type') or ''}",
                                key_date=fields.get("date"), fields=fields)


@transaction.atomic
def incident_update(*, user: Any, incident: Incident | str, version: int, **fields: Any) -> Incident:
    return simple_record_update(model=Incident, user=user, record=incident, version=version, fields=fields)


@transaction.atomic
def event_delete(*, user: Any, event: ContextEvent | str, version: int) -> None:
    simple_record_delete(model=ContextEvent, user=user, record=event, version=version)


@transaction.atomic
def threat_assessment_delete(*, user: Any, assessment: ThreatAssessment | str, version: int) -> None:
    simple_record_delete(model=ThreatAssessment, user=user, record=assessment, version=version)


@transaction.atomic
def incident_delete(*, user: Any, incident: Incident | str, version: int) -> None:
    simple_record_delete(model=Incident, user=user, record=incident, version=version)
