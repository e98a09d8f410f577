"""Creating and changing plain records (those without a review cycle) through one path.

Used by the services of apps whose records are simple facts: context events, threat
assessments, incidents, expenditures, postings, visits and findings. Each call:

* checks that the user's role may write, and that the classification is within their clearance;
* reads every record it refers to (parents, the mission) through the visibility rule, so no
  one can attach a record to something they may not see;
* gives a record that belongs to a parent the parent's mission (``mission_from``) and at least
  its classification;
* validates the model (constraints included) and reports problems per field;
* on update, locks the row and refuses a stale ``version``, then saves the next version.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext as _

from missiemonitor.core.workflow import (
    WRITER_ROLES,
    bump,
    check_version,
    get_visible,
    new_key,
    require_clearance,
    require_role,
)


def _checked_relations(model: type[models.Model], user: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """Every related record in ``fields`` re-read through the visibility rule."""
    checked = dict(fields)
    for name, value in fields.items():
        field = model._meta.get_field(name)
        if value is None or not field.is_relation:
            continue
        related = field.related_model
        if not hasattr(related.objects, "visible_to"):
            continue
        if field.many_to_many:
            values = list(value)
            visible = set(related.objects.visible_to(user).filter(pk__in=[v.pk for v in values])
                          .values_list("pk", flat=True))
            if len(visible) != len(values):
                raise ValidationError({name: _("You may not refer to records you cannot see.")})
            continue
        try:
            checked[name] = get_visible(related, user, value)
        except related.DoesNotExist:
            raise ValidationError({name: _("You may not refer to records you cannot see.")}) from None
    return checked


def _derive(record: models.Model, user: Any, mission_from: str | None) -> None:
    if mission_from:
        parent = getattr(record, mission_from, None)
        if parent is not None:
            record.mission_id = parent.mission_id
            if record.classification < parent.classification:
                raise ValidationError({"classification": _(
                    "A record may not be classified lower than %(parent)s %(key)s, which it belongs to."
                ) % {"parent": parent._meta.verbose_name, "key": parent.key}})
    require_clearance(user, record.classification)
    if record.mission_id is not None and not user.all_missions and record.mission_id not in user.mission_ids:
        raise ValidationError({"mission": _("You can only record facts of your own missions.")})


def _validate(record: models.Model) -> None:
    exclude = [f.name for f in record._meta.concrete_fields if f.is_relation]
    record.full_clean(exclude=exclude, validate_unique=False)
    record.validate_constraints()


def record_create(model: type[models.Model], *, user: Any, key_base: str, key_date: dt.date | None,
                  fields: dict[str, Any], mission_from: str | None = None) -> models.Model:
    require_role(user, WRITER_ROLES)
    fields = _checked_relations(model, user, fields)
    many = {n: fields.pop(n) for n in list(fields) if model._meta.get_field(n).many_to_many}
    record = model(**fields)
    record.key = new_key(slugify(key_base)[:60] or model._meta.model_name, key_date)
    _derive(record, user, mission_from)
    _validate(record)
    record.save()
    for name, values in many.items():
        getattr(record, name).set(values)
    return record


def record_update(model: type[models.Model], *, user: Any, record: models.Model | str, version: int,
                  fields: dict[str, Any], mission_from: str | None = None) -> models.Model:
    require_role(user, WRITER_ROLES)
    current = get_visible(model, user, record, lock=True)
    check_version(current, version)
    fields = _checked_relations(model, user, fields)
    many = {n: fields.pop(n) for n in list(fields) if model._meta.get_field(n).many_to_many}
    for name, value in fields.items():
        setattr(current, name, value)
    _derive(current, user, mission_from)
    _validate(current)
    bump(current, [model._meta.get_field(n).attname for n in fields] + ["mission"])
    for name, values in many.items():
        getattr(current, name).set(values)
    return current
