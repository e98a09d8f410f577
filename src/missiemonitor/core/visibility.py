"""The one visibility rule.

A user sees a record when both hold:

* **clearance**: the record's classification is at or below the user's clearance;
* **need-to-know**: the record belongs to no single mission, or to a mission the user is a
  member of, or the user has need-to-know for all missions.

Every selector starts from ``Model.objects.visible_to(user)``. Anonymous and inactive users
see nothing. Superusers get no exception: they see what their clearance and memberships allow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from missiemonitor.accounts.models import User


def visibility_q(model: type[models.Model], user: User | Any) -> Q:
    """The rule as a ``Q`` for ``model``; an always-false ``Q`` for users who may see nothing."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    condition = Q(classification__lte=user.clearance)
    if user.all_missions:
        return condition
    path = getattr(model, "need_to_know_path", "mission")
    mission_ids = user.mission_ids
    if path == "pk":  # the Mission model itself
        return condition & Q(pk__in=mission_ids)
    return condition & (Q(**{f"{path}__isnull": True}) | Q(**{f"{path}__in": mission_ids}))


def can_see(user: User | Any, record: models.Model) -> bool:
    """The same rule for one loaded record, without a query."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if record.classification > user.clearance:
        return False
    if user.all_missions:
        return True
    path = getattr(type(record), "need_to_know_path", "mission")
    if path == "pk":
        return record.pk in user.mission_ids
    mission_id = getattr(record, f"{path}_id", None)
    return mission_id is None or mission_id in user.mission_ids


class RecordQuerySet(models.QuerySet):
    def visible_to(self, user: User | Any) -> Self:
        return self.filter(visibility_q(self.model, user))
