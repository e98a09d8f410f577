"""What every write service shares: the errors it raises, optimistic concurrency on
``Record.version`` and the review state machine. Who may do what is decided in
:mod:`missiemonitor.core.permissions`.

Views and the API translate the errors: :class:`VersionConflict` is HTTP 409,
:class:`InvalidTransition` is HTTP 409 too (the record is in the wrong state), Django's
``PermissionDenied`` is 403, ``ObjectDoesNotExist`` (also for records the user may not see) is
404 and Django's ``ValidationError`` is 400.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# The role sets live with the rest of the rules on who may do what; imported here for the
# modules that took them from the workflow.
from missiemonitor.core.permissions import (  # noqa: F401
    EDITABLE_STATES,
    REVIEWER_ROLES,
    WRITER_ROLES,
    has_role,
    is_person,
    require,
    signed_in_refusal,
)


class ServiceError(Exception):
    """A refused write, with a message for people (translated) and a stable code for machines."""

    code = "refused"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class VersionConflict(ServiceError):
    """The record changed since the caller read it: its version is not the expected one."""

    code = "conflict"

    def __init__(self, record: models.Model, expected: int, current: int) -> None:
        self.record_key = getattr(record, "key", str(record.pk))
        self.expected = expected
        self.current = current
        super().__init__(
            _("%(model)s %(key)s was changed by someone else (you edited version %(expected)s, "
              "it is now at version %(current)s). Reload it and apply your change again.")
            % {"model": record._meta.verbose_name, "key": self.record_key,
               "expected": expected, "current": current}
        )


class InvalidTransition(ServiceError):
    """The action does not fit the record's state, such as approving a draft."""

    code = "invalid-transition"


# The review cycle shared by assessments and field reports:
# draft -> submitted -> approved, or submitted -> returned -> submitted.
REVIEW_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({"draft", "returned"}), "submitted"),
    "approve": (frozenset({"submitted"}), "approved"),
    "return": (frozenset({"submitted"}), "returned"),
}


def require_role(user: Any, roles: frozenset[str]) -> None:
    """Refuse ``user`` unless signed in with one of ``roles``. Which roles may do what is
    decided in :mod:`missiemonitor.core.permissions`; prefer its ``require_*`` functions."""
    require(signed_in_refusal(user))
    if not has_role(user, roles):
        raise PermissionDenied(_("Your role does not allow this action."))


def require_clearance(user: Any, classification: int) -> None:
    if classification > user.clearance:
        raise PermissionDenied(
            _("You cannot write a record classified above your own clearance.")
        )


def get_visible[M: models.Model](model: type[M], user: Any, record: M | str, *, lock: bool = False,
                related: tuple[str, ...] = ()) -> M:
    """The record (given as an instance or a key), read fresh through the visibility rule.
    With ``lock``, the row is locked until the transaction ends (PostgreSQL; SQLite writes are
    serialised anyway). Raises ``model.DoesNotExist`` for records the user may not see."""
    qs = model.objects.visible_to(user)
    if related:
        qs = qs.select_related(*related)
    if lock:
        qs = qs.select_for_update(of=("self",)) if related else qs.select_for_update()
    lookup = {"key": record} if isinstance(record, str) else {"pk": record.pk}
    return qs.get(**lookup)


def check_version(record: models.Model, expected: int) -> None:
    """Refuse a write based on a stale read. Call on a freshly locked row, then :func:`bump`."""
    if record.version != expected:
        raise VersionConflict(record, expected, record.version)


def bump(record: models.Model, fields: list[str]) -> None:
    """Save ``fields`` and the next version."""
    record.version += 1
    record.save(update_fields=[*fields, "version", "updated_at"])


def transition(record: models.Model, field: str, action: str) -> str:
    """Move ``record`` through the review cycle; returns the new state or raises."""
    allowed, target = REVIEW_TRANSITIONS[action]
    current = getattr(record, field)
    if current not in allowed:
        field_obj = record._meta.get_field(field)
        labels = dict(field_obj.choices)
        raise InvalidTransition(
            _("Cannot %(action)s %(model)s %(key)s: it is %(state)s, and only a record that is "
              "%(allowed)s can be.")
            % {"action": _(ACTION_VERBS[action]), "model": record._meta.verbose_name,
               "key": record.key, "state": labels.get(current, current),
               "allowed": " / ".join(str(labels.get(s, s)) for s in sorted(allowed))}
        )
    setattr(record, field, target)
    return target


def draft_delete(*, user: Any, record: models.Model, field: str, version: int) -> None:
    """Delete a review record (an assessment, a field report) that is still a draft, as its
    author or a coordinator (:func:`~missiemonitor.core.permissions.delete_refusal`). Anything
    submitted is part of the record of the review and stays."""
    from django.utils.text import capfirst

    from missiemonitor.core.permissions import DELETABLE_STATES, require_delete
    from missiemonitor.core.records import StaleVersion, record_delete

    if getattr(record, field) not in DELETABLE_STATES:
        raise InvalidTransition(
            _("%(record)s %(key)s is %(state)s and can no longer be deleted; only a draft can be.")
            % {"record": capfirst(record._meta.verbose_name), "key": record.key,
               "state": getattr(record, f"get_{field}_display")()})
    require_delete(user, record)
    try:
        record_delete(user=user, record=record, expected_version=version)
    except StaleVersion as exc:
        raise VersionConflict(record, version, exc.current) from None


ACTION_VERBS = {
    "submit": gettext_noop("submit"),
    "approve": gettext_noop("approve"),
    "return": gettext_noop("return"),
}


def new_key(base: str, date: dt.date | None = None) -> str:
    """A fresh key for a record created through a service: readable, and unique."""
    stamp = f"-{date:%Y%m%d}" if date else ""
    return f"{base[:70]}{stamp}-{uuid.uuid4().hex[:8]}"


def classification_for(user: Any, parent: Any, classification: int | None) -> int:
    """A child record is classified at least as high as its parent, and no higher than the
    writer may see."""
    value = parent.classification if classification is None else classification
    if value < parent.classification:
        raise ValidationError({"classification": _(
            "A record may not be classified lower than %(parent)s %(key)s, which it belongs to."
        ) % {"parent": parent._meta.verbose_name, "key": parent.key}})
    require_clearance(user, value)
    return value
