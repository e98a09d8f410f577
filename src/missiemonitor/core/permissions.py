"""Who may do what: the one place that decides it, from a user's role (``accounts.Role``),
need-to-know and the state of the record.

Every capability has a ``can_*`` function that answers yes or no, cheap enough to call while
rendering a page (to offer a button or not). Services enforce the same rules with the
``require_*`` functions, which raise Django's ``PermissionDenied`` with a translated message
saying why; the API's permission class and the admin ask the same functions. What a user may
*see* is decided elsewhere, by the visibility rule (:mod:`missiemonitor.core.visibility`):
these functions assume the record was read through it.

The rules:

* Reading is for every signed-in, active user (visibility decides what they see).
* **Reference data** (missions, mandates, contributions, frameworks, objectives, conditions,
  indicators, narratives, ...) is kept by coordinators and policy officers (``EDITOR_ROLES``).
* **Field records** (context events, threat assessments, incidents, expenditures, postings,
  visits, findings, follow-up actions, observations, activity logs) and the **review records**
  (condition assessments, their evidence, field reports) are written by every writing role
  (``WRITER_ROLES``): the editors, field reporters, reviewers and approvers.
* A review record can be changed and submitted while it is a draft or returned; it can be
  deleted only while it is a draft, by its author or a coordinator. Once submitted, only a
  reviewer (``REVIEWER_ROLES``) moves it on, and never the one who submitted or wrote it
  (four eyes).
* Principals that are not people (the command line's ``SYSTEM``) have no role and may do
  everything their clearance allows.
* Users and their clearances are managed by superusers and by staff coordinators with
  need-to-know for all missions; datasets (which can change any record) are loaded through
  the web or API only by a coordinator who may see every record.

State errors (approving a draft, changing an approved record) are not permission errors:
services raise :class:`~missiemonitor.core.workflow.InvalidTransition` for them, and the
``can_*`` functions simply answer no.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from missiemonitor.core.models import Classification

COORDINATOR = "coordinator"
EDITOR_ROLES = frozenset({COORDINATOR, "policy-officer"})
WRITER_ROLES = EDITOR_ROLES | {"field-reporter", "reviewer", "approver"}
REVIEWER_ROLES = frozenset({COORDINATOR, "reviewer", "approver"})

# Records with a review cycle, by model label, with the name of their state field and of the
# user who wrote them.
REVIEW_MODELS: dict[str, tuple[str, str]] = {
    "results.ConditionAssessment": ("state", "assessor"),
    "monitoring.FieldReport": ("status", "author"),
}
# Records that belong to a review record and change only with it.
REVIEW_PARTS = frozenset({"results.Evidence"})
FIELD_MODELS = frozenset({
    "context.ContextEvent", "context.ThreatAssessment", "context.Incident",
    "finance.Expenditure", "missions.Posting", "monitoring.MonitoringVisit", "monitoring.Finding",
    "monitoring.FollowUpAction", "results.Observation", "results.LogEntry",
})
EDITABLE_STATES = frozenset({"draft", "returned"})
DELETABLE_STATES = frozenset({"draft"})


def _label(target: Any) -> str:
    model = target if isinstance(target, type) else type(target)
    return model._meta.label


def is_person(user: Any) -> bool:
    """A signed-in person (a user account), not a principal such as ``SYSTEM``."""
    return isinstance(user, get_user_model())


def is_signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def has_role(user: Any, roles: frozenset[str]) -> bool:
    """Signed in with one of ``roles``; a principal without a role (``SYSTEM``) passes."""
    if not is_signed_in(user):
        return False
    role = getattr(user, "role", None)
    return role is None or role in roles


def writer_roles(model: type[models.Model] | models.Model) -> frozenset[str]:
    """The roles that may create, change and delete records of ``model``."""
    label = _label(model)
    if label in REVIEW_MODELS or label in REVIEW_PARTS or label in FIELD_MODELS:
        return WRITER_ROLES
    return EDITOR_ROLES


def in_mission(user: Any, mission: Any) -> bool:
    """Whether ``user`` has need-to-know for ``mission`` (a mission, its primary key or None)."""
    if mission is None or getattr(user, "all_missions", False):
        return True
    mission_id = getattr(mission, "pk", mission)
    return mission_id in getattr(user, "mission_ids", frozenset())


def _mission_of(record: models.Model) -> int | None:
    """The primary key of the mission ``record`` belongs to (itself, for a mission), by the
    need-to-know path the visibility rule uses."""
    path = getattr(type(record), "need_to_know_path", "mission")
    return record.pk if path == "pk" else getattr(record, f"{path}_id", None)


def _state(record: models.Model) -> str | None:
    field = REVIEW_MODELS.get(_label(record), (None,))[0]
    return getattr(record, field) if field else None


def _writer(record: models.Model) -> int | None:
    field = REVIEW_MODELS.get(_label(record), (None, None))[1]
    return getattr(record, f"{field}_id", None) if field else None


# -- reasons: None when allowed, else why not (translated) -------------------------------------

def signed_in_refusal(user: Any) -> str | None:
    return None if is_signed_in(user) else _("You must be signed in to do this.")


def write_refusal(user: Any, target: type[models.Model] | models.Model, *,
                  mission: Any = None) -> str | None:
    """Why ``user`` may not create or change records like ``target`` (a model or a record),
    in ``mission`` if given; ``None`` when they may."""
    if (reason := signed_in_refusal(user)) is not None:
        return reason
    if not has_role(user, writer_roles(target)):
        return _("Your role does not allow changing %(records)s.") % {
            "records": (target if isinstance(target, type) else type(target))._meta.verbose_name_plural}
    if mission is not None and not in_mission(user, mission):
        return _("You may only write records of your own missions.")
    return None


def delete_refusal(user: Any, record: models.Model) -> str | None:
    """Why ``user`` may not delete ``record`` for reasons of role or ownership (the state is
    checked by the service)."""
    if (reason := write_refusal(user, record)) is not None:
        return reason
    writer = _writer(record)
    if (
        _label(record) in REVIEW_MODELS and is_person(user) and user.role != COORDINATOR
        and writer != user.pk
    ):
        return _("Only its author or a coordinator may delete %(record)s %(key)s.") % {
            "record": record._meta.verbose_name, "key": record.key}
    return None


def review_refusal(user: Any, record: models.Model, *, approving: bool) -> str | None:
    """Why ``user`` may not approve (or return) the review record ``record``: their role, or
    four eyes (its writer may not review it; whoever submitted it may not approve it)."""
    if (reason := signed_in_refusal(user)) is not None:
        return reason
    if not has_role(user, REVIEWER_ROLES):
        return _("Your role does not allow reviewing.")
    if not is_person(user):
        return None
    name = record._meta.verbose_name
    if _writer(record) == user.pk:
        return _("You cannot review your own %(record)s; another reviewer must.") % {"record": name}
    if approving and getattr(record, "submitted_by_id", None) == user.pk:
        return _("You submitted %(record)s %(key)s yourself, so another reviewer must approve it "
                 "(four eyes).") % {"record": name, "key": record.key}
    return None


def user_admin_refusal(user: Any) -> str | None:
    if (reason := signed_in_refusal(user)) is not None:
        return reason
    if not can_manage_users(user):
        return _("Only an administrator may manage users.")
    return None


# -- capabilities: yes or no --------------------------------------------------------------------

def can_read(user: Any) -> bool:
    return is_signed_in(user)


def can_write_some(user: Any) -> bool:
    """May ``user`` write records of some kind (to offer a "new" menu, or to let an action
    reach the service that decides for its records)?"""
    return has_role(user, WRITER_ROLES)


def can_create(user: Any, model: type[models.Model], *, mission: Any = None) -> bool:
    """May ``user`` create records of ``model`` (in ``mission``, if given)?"""
    return write_refusal(user, model, mission=mission) is None


def can_edit(user: Any, target: type[models.Model] | models.Model, *, mission: Any = None) -> bool:
    """May ``user`` change ``target``? A model asks about its records in general; a record
    also about its state (a review record only while it is a draft or returned)."""
    if write_refusal(user, target, mission=mission) is not None:
        return False
    if isinstance(target, type):
        return True
    if mission is None and not in_mission(user, _mission_of(target)):
        return False
    state = _state(target)
    return state is None or state in EDITABLE_STATES


def can_delete(user: Any, record: models.Model) -> bool:
    state = _state(record)
    return delete_refusal(user, record) is None and (state is None or state in DELETABLE_STATES)


def can_submit(user: Any, record: models.Model) -> bool:
    return write_refusal(user, record) is None and _state(record) in EDITABLE_STATES


def can_approve(user: Any, record: models.Model) -> bool:
    return review_refusal(user, record, approving=True) is None and _state(record) == "submitted"


def can_return(user: Any, record: models.Model) -> bool:
    return review_refusal(user, record, approving=False) is None and _state(record) == "submitted"


def can_complete_action(user: Any, action: models.Model) -> bool:
    """May ``user`` mark the follow-up action done (or change it)? Only while it is open."""
    return write_refusal(user, action) is None and action.status in {"open", "in-progress"}


def can_import_logs(user: Any) -> bool:
    return can_create(user, apps.get_model("results", "LogEntry"))


def can_load_datasets(user: Any) -> bool:
    """A dataset file can change any record, so only a coordinator who may see every record
    (all missions, the highest clearance) loads one through the web or the API."""
    return (is_signed_in(user) and getattr(user, "role", None) == COORDINATOR
            and bool(getattr(user, "all_missions", False))
            and getattr(user, "clearance", -1) >= max(Classification.values))


def can_manage_users(user: Any) -> bool:
    """Users, their roles, clearances and memberships are managed by superusers and by staff
    coordinators with need-to-know for all missions."""
    if not is_signed_in(user) or not is_person(user):
        return False
    return user.is_superuser or (user.is_staff and user.role == COORDINATOR and user.all_missions)


# -- enforcement for services --------------------------------------------------------------------

def require(reason: str | None) -> None:
    """Raise ``PermissionDenied(reason)`` unless ``reason`` is None."""
    if reason is not None:
        raise PermissionDenied(reason)


def require_write(user: Any, target: type[models.Model] | models.Model, *, mission: Any = None) -> None:
    require(write_refusal(user, target, mission=mission))


def require_delete(user: Any, record: models.Model) -> None:
    require(delete_refusal(user, record))


def require_review(user: Any, record: models.Model, *, approving: bool) -> None:
    require(review_refusal(user, record, approving=approving))
