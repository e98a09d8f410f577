"""What a record belongs to, and the rule that follows from it: a record is never classified
lower than the record it belongs to (a condition than its long-term objective, an observation
than its indicator, an assessment than its condition, a finding than its visit, a follow-up
action than its finding, evidence than its assessment, a posting than its role, ...).

"Belongs to" is read from the dataset format (``core.dataset.spec``), the same table from which
the dataset loader derives need-to-know and checks this rule for files
(``core.dataset.semantics``): a nested record belongs to its parent, and a record that takes
its mission from a reference (an observation from its indicator) belongs to that record.
Every write service calls :func:`classification_check` before saving; so the pages, the API
and the loader refuse the same records.
"""

from __future__ import annotations

from functools import cache

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from missiemonitor.core.dataset import spec

NOT_OWNERS = frozenset({"self", "none", "explicit", "required", "parent"})


@cache
def _owner_fields() -> dict[str, str]:
    """Model label -> the attribute naming the record it belongs to."""
    result: dict[str, str] = {}
    for section in spec.by_name().values():
        if section.parent_attr:
            result[section.model_label] = section.parent_attr
        elif section.mission not in NOT_OWNERS:
            result[section.model_label] = section.field(section.mission).model_attr
    return result


@cache
def _parts() -> dict[str, tuple[tuple[type[models.Model], str], ...]]:
    """Model label -> the models that belong to its records, with their owner attribute."""
    result: dict[str, list[tuple[type[models.Model], str]]] = {}
    for label, attr in _owner_fields().items():
        model = spec.by_name()[_section_name(label)].model
        owner_model = model._meta.get_field(attr).related_model
        if _classified(model):
            result.setdefault(owner_model._meta.label, []).append((model, attr))
    return {label: tuple(parts) for label, parts in result.items()}


@cache
def _section_name(label: str) -> str:
    return next(name for name, section in spec.by_name().items() if section.model_label == label)


def _classified(model: type[models.Model]) -> bool:
    return any(f.name == "classification" for f in model._meta.concrete_fields)


def owner_field(model: type[models.Model]) -> str | None:
    """The name of the reference to the record ``model``'s records belong to, if any."""
    return _owner_fields().get(model._meta.label)


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
