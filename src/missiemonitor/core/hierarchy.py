"""What a record belongs to, and the rule that follows from it: a record is never classified
lower than the record it belongs to (a condition than its long-term objective, an observation
than its indicator, an assessment than its condition, a finding than its visit, a follow-up
action than its finding, evidence than its assessment, a posting than its role, ...).

"Belongs to" is each model's own description (:mod:`missiemonitor.core.structure`): a record
that is part of another belongs to it, and a record that takes its mission from a reference (an
observation from its indicator) belongs to that record. The dataset loader checks the same rule
for files. Every write service calls :func:`classification_check` before saving; so the pages,
the API and the loader refuse the same records.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from missiemonitor.core import structure


@cache
def _parts() -> dict[str, tuple[tuple[type[models.Model], str], ...]]:
    """Model label -> the classified models whose records belong to its records, with the
    reference to their owner."""
    result: dict[str, list[tuple[type[models.Model], str]]] = {}
    for model in apps.get_models():
        attr = structure.owner_field(model)
        if attr and _classified(model):
            owner_model = model._meta.get_field(attr).related_model
            result.setdefault(owner_model._meta.label, []).append((model, attr))
    return {label: tuple(parts) for label, parts in result.items()}


def _classified(model: type[models.Model]) -> bool:
    return any(f.name == "classification" for f in model._meta.concrete_fields)


def owner_field(model: type[models.Model]) -> str | None:
    """The name of the reference to the record ``model``'s records belong to, if any."""
    return structure.owner_field(model)


def owner_of(record: models.Model) -> models.Model | None:
    attr = owner_field(type(record))
    return getattr(record, attr, None) if attr else None


def classification_check(record: models.Model, *, parts: bool = True) -> None:
    """Refuse ``record`` when it is classified lower than the record it belongs to, or (when
    it exists and ``parts``) when records belonging to it are classified lower than it now is:
    raising a record's classification is an edit of its parts first."""
    owner = owner_of(record)
    if owner is not None and record.classification < owner.classification:
        raise ValidationError({"classification": _(
            "A record may not be classified lower than %(parent)s %(key)s, which it belongs to."
        ) % {"parent": owner._meta.verbose_name, "key": owner.key}})
    if record.pk is None or not parts:
        return
    for model, attr in _parts().get(type(record)._meta.label, ()):
        lower = model.objects.filter(**{attr: record}, classification__lt=record.classification).count()
        if lower:
            raise ValidationError({"classification": _(
                "%(count)s %(records)s that belong to this record are classified lower; raise "
                "their classification first."
            ) % {"count": lower, "records": model._meta.verbose_name_plural}})
