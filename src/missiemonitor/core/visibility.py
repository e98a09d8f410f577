"""The one visibility rule.

A user sees a record when all of these hold:

* **clearance**: the record's classification is at or below the user's clearance;
* **need-to-know**: the record belongs to no single mission, or to a mission the user is a
  member of, or the user has need-to-know for all missions;
* **links**: every record named in the model's ``visibility_links`` (an evidence item's
  finding, observation, field report or document) is itself visible: a record that points at
  something the user may not see would tell them about it.

Every selector starts from ``Model.objects.visible_to(user)``. Anonymous and inactive users
see nothing. Superusers get no exception: they see what their clearance and memberships allow.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Protocol, Self

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Prefetch, Q, prefetch_related_objects


class Reader(Protocol):
    """Who reads: a user account (``accounts.User``) or a principal such as ``SYSTEM``
    (:mod:`missiemonitor.core.principals`). The rule needs no more of them than this."""

    is_authenticated: bool
    is_active: bool
    clearance: int
    all_missions: bool
    mission_ids: Collection[int]


def visibility_q(model: type[models.Model], user: Reader | Any) -> Q:
    """The rule as a ``Q`` for ``model``; an always-false ``Q`` for users who may see nothing."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    condition = Q(classification__lte=user.clearance) & _links_q(model, user)
    if user.all_missions:
        return condition
    path = getattr(model, "need_to_know_path", "mission")
    mission_ids = user.mission_ids
    if path == "pk":  # the Mission model itself
        return condition & Q(pk__in=mission_ids)
    return condition & (Q(**{f"{path}__isnull": True}) | Q(**{f"{path}__in": mission_ids}))


def _links_q(model: type[models.Model], user: Reader | Any) -> Q:
    condition = Q()
    for name in getattr(model, "visibility_links", ()):
        related = model._meta.get_field(name).related_model
        visible = related._default_manager.filter(visibility_q(related, user)).values("pk")
        condition &= Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__in": visible})
    return condition


def can_see(user: Reader | Any, record: models.Model) -> bool:
    """The same rule for one loaded record, without a query (except to load the records of
    ``visibility_links`` when they are not loaded yet)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if record.classification > user.clearance:
        return False
    for name in getattr(type(record), "visibility_links", ()):
        linked = getattr(record, name)
        if linked is not None and not can_see(user, linked):
            return False
    if user.all_missions:
        return True
    path = getattr(type(record), "need_to_know_path", "mission")
    if path == "pk":
        return record.pk in user.mission_ids
    mission_id = getattr(record, f"{path}_id", None)
    return mission_id is None or mission_id in user.mission_ids


def visible_prefetches(user: Reader | Any, model: type[models.Model], *lookups: str) -> list[Prefetch]:
    """Prefetches of the records ``lookups`` (references from ``model``, possibly spanning,
    such as ``"contribution__mission"``) name, each limited to what ``user`` may see. A linked
    record the user may not see reads as ``None`` (or is left out of a list), so its name and
    key never reach them. Use these instead of ``select_related`` for references that may point
    above the user's clearance or outside their missions."""
    prefetches: dict[str, Prefetch] = {}
    for lookup in lookups:
        current = model
        parts = lookup.split("__")
        for depth, part in enumerate(parts):
            current = current._meta.get_field(part).related_model
            path = "__".join(parts[: depth + 1])
            if path not in prefetches:
                manager = current._default_manager
                queryset = manager.filter(visibility_q(current, user)) if hasattr(
                    current, "need_to_know_path") else manager.all()
                prefetches[path] = Prefetch(path, queryset=queryset)
    return list(prefetches.values())


def linked(record: models.Model, name: str) -> Any:
    """The record ``name`` refers to as loaded by :func:`visible_prefetches`, or ``None`` when
    the user may not see it (for a required reference, Django would raise instead)."""
    try:
        return getattr(record, name)
    except ObjectDoesNotExist:
        return None


def attach_visible(user: Reader | Any, objects: Any, *lookups: str) -> list[Any]:
    """Load the records ``lookups`` name for already loaded ``objects`` (one query per
    reference, whatever the number of objects), limited to what ``user`` may see; see
    :func:`visible_prefetches`. Returns the objects as a list."""
    objects = list(objects)
    if objects:
        prefetch_related_objects(objects, *visible_prefetches(user, type(objects[0]), *lookups))
    return objects


class RecordQuerySet(models.QuerySet):
    def visible_to(self, user: Reader | Any) -> Self:
        return self.filter(visibility_q(self.model, user))

    def with_visible(self, user: Reader | Any, *lookups: str) -> Self:
        """These records with the records ``lookups`` name, limited to what ``user`` may see
        (see :func:`visible_prefetches`)."""
        return self.prefetch_related(*visible_prefetches(user, self.model, *lookups))
