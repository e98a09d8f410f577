"""Plain record writes on behalf of a person: the generic record services
(:mod:`missiemonitor.core.records`) behind the role checks of :mod:`missiemonitor.core.permissions`
and with its :class:`~missiemonitor.core.workflow.VersionConflict`, so that the services of
simple records (context events, threat assessments, incidents, expenditures, postings, visits,
findings) behave like the workflow services: same role rules (:mod:`missiemonitor.core.permissions`),
same conflict error.

A field named after a nested list of the record's dataset section (an indicator's
``targets``, an event's ``figures``) is a list of dicts: the whole list, replacing the stored
one (see :class:`~missiemonitor.core.records.RecordChanges`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils.text import slugify

from missiemonitor.core.permissions import require_delete, require_write
from missiemonitor.core.records import (
    RecordChanges,
    StaleVersion,
    record_create,
    record_delete,
    record_update,
)
from missiemonitor.core.workflow import VersionConflict, new_key


def _changes(model: type[models.Model], fields: dict[str, Any]) -> RecordChanges:
    changes = RecordChanges()
    for name, value in fields.items():
        field = model._meta.get_field(name)
        if field.many_to_many:
            changes.m2m[name] = list(value)
        elif field.one_to_many:
            changes.children[name] = [dict(row) for row in value]
        else:
            changes.values[name] = value
    return changes


def simple_record_create(*, model: type[models.Model], user: Any, key_base: str,
                         key_date: dt.date | None, fields: dict[str, Any]) -> models.Model:
    """Create a record with a fresh readable key, as a writer of ``model``
    (:func:`missiemonitor.core.permissions.writer_roles`)."""
    require_write(user, model)
    key = new_key(slugify(key_base)[:60] or model._meta.model_name, key_date)
    return record_create(user=user, model=model, key=key, changes=_changes(model, fields))


def simple_record_update(*, model: type[models.Model], user: Any, record: models.Model | str,
                         version: int, fields: dict[str, Any]) -> models.Model:
    """Change a record that is still at ``version``, as a writer of ``model``."""
    require_write(user, model)
    if isinstance(record, str):
        record = model.objects.visible_to(user).get(key=record)
    try:
        return record_update(user=user, record=record, changes=_changes(model, fields),
                             expected_version=version)
    except StaleVersion as exc:
        raise VersionConflict(record, version, exc.current) from None


def simple_record_delete(*, model: type[models.Model], user: Any, record: models.Model | str,
                         version: int) -> None:
    """Delete a record that is still at ``version``, as one who may delete it
    (:func:`missiemonitor.core.permissions.delete_refusal`), when no other domain record
    depends on it (:class:`~missiemonitor.core.records.RecordInUse` names them otherwise)."""
    if isinstance(record, str):
        record = model.objects.visible_to(user).get(key=record)
    require_delete(user, record)
    try:
        record_delete(user=user, record=record, expected_version=version, cascade=False)
    except StaleVersion as exc:
        raise VersionConflict(record, version, exc.current) from None
