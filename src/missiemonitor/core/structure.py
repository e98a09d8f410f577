"""How records hang together: what a record belongs to and how its mission is set.

Each model says it with class attributes, next to its fields:

``mission_from``
    how the record's need-to-know mission is set: ``"explicit"`` (the writer may name one),
    ``"required"`` (the writer must name one), ``"self"`` (a mission is its own), ``"none"``
    (never bound to a mission), or the name of the reference whose record's mission it takes
    over (a role its contribution's, a condition its long-term objective's).
``part_of``
    for a record that lives inside another (a condition in a long-term objective, a target
    in an indicator): the reference to that record. The parts of a record are named by the
    reference's ``related_name`` (``indicator.targets``).
``part_key``
    for parts without a key of their own: the attributes that identify one within its owner.

The record services (:mod:`missiemonitor.core.records`), the classification floor
(:mod:`missiemonitor.core.hierarchy`) and the dataset format read this one description.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db import models

FIXED_MODES = frozenset({"explicit", "required", "self", "none"})


def mission_from(model: type[models.Model]) -> str | None:
    """The model's ``mission_from``, or None for models that do not describe one."""
    return getattr(model, "mission_from", None)


def part_of(model: type[models.Model]) -> str | None:
    return getattr(model, "part_of", None)


def part_key(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(getattr(model, "part_key", ()))


def has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist
        return False
    return True


def owner_field(model: type[models.Model]) -> str | None:
    """The reference to the record ``model``'s records belong to, if any: the record they are
    part of, or the one whose mission they take over."""
    if part_of(model):
        return part_of(model)
    mode = mission_from(model)
    return mode if mode is not None and mode not in FIXED_MODES else None


@dataclass(frozen=True)
class Part:
    """A kind of record that lives inside another: its model, the reference to its owner and
    the attributes that identify one within the owner (for parts without keys)."""

    name: str
    model: type[models.Model]
    owner_attr: str
    natural_attrs: tuple[str, ...]


@cache
def _parts_by_owner() -> dict[str, dict[str, Part]]:
    result: dict[str, dict[str, Part]] = {}
    for model in apps.get_models():
        attr = part_of(model)
        if not attr:
            continue
        field = model._meta.get_field(attr)
        name = field.remote_field.related_name
        owner = field.related_model._meta.label
        result.setdefault(owner, {})[name] = Part(name, model, attr, part_key(model))
    return result


def parts(model: type[models.Model]) -> dict[str, Part]:
    """The kinds of parts of ``model``'s records, by name (``{"targets": Part(...)}``)."""
    return _parts_by_owner().get(model._meta.label, {})
