"""Plain record writes on behalf of a person: the generic record services
(:mod:`missiemonitor.core.records`) behind the role check of :mod:`missiemonitor.core.workflow`
and with its :class:`~missiemonitor.core.workflow.VersionConflict`, so that the services of
simple records (context events, threat assessments, incidents, expenditures, postings, visits,
findings) behave like the workflow services: same role rules (:mod:`missiemonitor.core.permissions`),
same conflict error."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils.text import slugify

from missiemonitor.core.permissions import require_write
from missiemonitor.core.records import RecordChanges, StaleVersion, record_create, record_update
from missiemonitor.core.workflow import VersionConflict, new_key


def _changes(model: type[models.Model], fields: dict[str, Any]) -> RecordChanges:
    changes = RecordChanges()
    for name, value in fields.items():
        if model._meta.get_field(name).many_to_many:
            changes.m2m[name] = list(value)
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


def plain_create(model: type[models.Model], **kwargs: Any) -> models.Model:
    """Deprecated name of :func:`simple_record_create`, kept until the pages call their apps'
    services (``posting_create``, ``visit_create``, ``finding_create``, ``action_create``)."""
    return simple_record_create(model=model, **kwargs)


def plain_update(model: type[models.Model], **kwargs: Any) -> models.Model:
    """Deprecated name of :func:`simple_record_update` (see :func:`plain_create`)."""
    return simple_record_update(model=model, **kwargs)
