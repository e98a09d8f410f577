"""Writes of the monitoring app: field reports through their review cycle, and follow-up
actions up to their completion and the adjustment (bijsturing) they made.

Every service is keyword-only and atomic, reads the records it changes through the
visibility rule, and refuses a stale ``version`` (see :mod:`missiemonitor.core.workflow`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from missiemonitor.core.editing import simple_record_create, simple_record_update
from missiemonitor.core.permissions import (
    EDITABLE_STATES,
    REVIEWER_ROLES,
    require_review,
    require_write,
)
from missiemonitor.core.workflow import (
    InvalidTransition,
    bump,
    check_version,
    classification_for,
    draft_delete,
    get_visible,
    is_person,
    new_key,
    require_role,
    transition,
)
from missiemonitor.missions.models import Contribution, Mandate
from missiemonitor.monitoring.models import FieldReport, Finding, FollowUpAction, MonitoringVisit
from missiemonitor.results.models import Objective


def _period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError({"end": _("The end must not be before the start.")})


@transaction.atomic
def fieldreport_create(
    *,
    user: Any,
    contribution: Contribution | str,
    start: dt.date,
    end: dt.date,
    summary: str = "",
    body: str = "",
    author_name: str = "",
    classification: int | None = None,
    key: str | None = None,
) -> FieldReport:
    """Start a draft field report of ``contribution`` over ``start``..``end``."""
    require_write(user, FieldReport)
    contribution = get_visible(Contribution, user, contribution)
    _period(start, end)
    report = FieldReport(
        key=key or new_key(f"{contribution.key}-report", start),
        contribution=contribution,
        mission_id=contribution.mission_id,
        classification=classification_for(user, contribution, classification),
        start=start, end=end, summary=summary, body=body,
        author=user if is_person(user) else None,
        author_name=author_name or (user.get_full_name() or user.username if is_person(user) else ""),
    )
    report.full_clean(exclude=["contribution", "author", "reviewer", "mission"])
    report.save()
    return report


def _locked(user: Any, report: FieldReport | str, version: int) -> FieldReport:
    record = get_visible(FieldReport, user, report, lock=True)
    check_version(record, version)
    return record


@transaction.atomic
def fieldreport_update(
    *,
    user: Any,
    report: FieldReport | str,
    version: int,
    summary: str | None = None,
    body: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> FieldReport:
    """Change a draft or returned field report. Fields left ``None`` stay as they are."""
    require_write(user, FieldReport)
    record = _locked(user, report, version)
    if record.status not in EDITABLE_STATES:
        raise InvalidTransition(_("Field report %(key)s is %(state)s and can no longer be changed.")
                                % {"key": record.key, "state": record.get_status_display()})
    fields = []
    for name, value in (("summary", summary), ("body", body), ("start", start), ("end", end)):
        if value is not None:
            setattr(record, name, value)
            fields.append(name)
    _period(record.start, record.end)
    bump(record, fields)
    return record


@transaction.atomic
def fieldreport_submit(*, user: Any, report: FieldReport | str, version: int) -> FieldReport:
    """Submit a draft (or a returned report, after changes) for review. The time of the first
    submission is kept: it decides whether the report was on time. Who submits it is kept too:
    they may not approve it."""
    require_write(user, FieldReport)
    record = _locked(user, report, version)
    transition(record, "status", "submit")
    if record.submitted_at is None:
        record.submitted_at = timezone.now()
    record.submitted_by = user if is_person(user) else None
    bump(record, ["status", "submitted_at", "submitted_by"])
    return record


def _review(user: Any, report: FieldReport | str, version: int, action: str, comment: str) -> FieldReport:
    require_role(user, REVIEWER_ROLES)
    record = _locked(user, report, version)
    require_review(user, record, approving=action == "approve")
    transition(record, "status", action)
    record.reviewer = user if is_person(user) else None
    if is_person(user):
        record.reviewer_name = user.get_full_name() or user.username
    record.review_comment = comment
    record.reviewed_at = timezone.now()
    bump(record, ["status", "reviewer", "reviewer_name", "review_comment", "reviewed_at"])
    return record


@transaction.atomic
def fieldreport_approve(*, user: Any, report: FieldReport | str, version: int,
                        comment: str = "") -> FieldReport:
    return _review(user, report, version, "approve", comment)


@transaction.atomic
def fieldreport_return(*, user: Any, report: FieldReport | str, version: int, comment: str) -> FieldReport:
    """Send a submitted report back to its author, saying why."""
    if not comment.strip():
        raise ValidationError({"comment": _("Say why the report is returned.")})
    return _review(user, report, version, "return", comment)


@transaction.atomic
def fieldreport_delete(*, user: Any, report: FieldReport | str, version: int) -> None:
    """Delete a draft field report, as its author or a coordinator. A report that was
    submitted is part of the reporting record (and of compliance) and stays."""
    require_write(user, FieldReport)
    draft_delete(user=user, record=_locked(user, report, version), field="status", version=version)


@transaction.atomic
def visit_create(*, user: Any, **fields: Any) -> MonitoringVisit:
    """Record a monitoring visit; ``mission`` (optional) narrows who may see it."""
    return simple_record_create(model=MonitoringVisit, user=user, key_base=fields.get("title") or "visit",
                                key_date=fields.get("start"), fields=fields)


@transaction.atomic
def visit_update(*, user: Any, visit: MonitoringVisit | str, version: int, **fields: Any) -> MonitoringVisit:
    return simple_record_update(model=MonitoringVisit, user=user, record=visit, version=version, fields=fields)


@transaction.atomic
def finding_create(*, user: Any, visit: MonitoringVisit, **fields: Any) -> Finding:
    """Record a finding of ``visit``; it is classified at least as high as the visit."""
    return simple_record_create(model=Finding, user=user, key_base=f"{visit.key}-finding", key_date=None,
                                fields={**fields, "visit": visit})


@transaction.atomic
def finding_update(*, user: Any, finding: Finding | str, version: int, **fields: Any) -> Finding:
    return simple_record_update(model=Finding, user=user, record=finding, version=version, fields=fields)


@transaction.atomic
def action_create(*, user: Any, finding: Finding, **fields: Any) -> FollowUpAction:
    """Agree a follow-up action on ``finding``; it is done with :func:`action_complete`."""
    return simple_record_create(model=FollowUpAction, user=user, key_base=f"{finding.key}-action",
                                key_date=fields.get("due"), fields={**fields, "finding": finding})


OPEN_STATES = frozenset({FollowUpAction.Status.OPEN, FollowUpAction.Status.IN_PROGRESS})


def _open_action(user: Any, action: FollowUpAction | str, version: int) -> FollowUpAction:
    record = get_visible(FollowUpAction, user, action, lock=True)
    check_version(record, version)
    if record.status not in OPEN_STATES:
        raise InvalidTransition(_("Action %(key)s is %(state)s and can no longer be changed.")
                                % {"key": record.key, "state": record.get_status_display()})
    return record


@transaction.atomic
def action_update(
    *,
    user: Any,
    action: FollowUpAction | str,
    version: int,
    status: str | None = None,
    owner: str | None = None,
    due: dt.date | None = None,
    description: str | None = None,
    description_en: str | None = None,
) -> FollowUpAction:
    """Change an open action: its owner, due date, text, or its status to in progress,
    open again or cancelled. Finishing an action is :func:`action_complete`."""
    require_write(user, FollowUpAction)
    record = _open_action(user, action, version)
    fields = []
    if status is not None:
        if status == FollowUpAction.Status.DONE:
            raise InvalidTransition(_("Use 'complete' to finish an action, with its completion date "
                                      "and the adjustment it made."))
        if status not in FollowUpAction.Status.values:
            raise ValidationError({"status": _("Unknown status: %(status)s") % {"status": status}})
        record.status = status
        fields.append("status")
    for name, value in (("owner", owner), ("due", due), ("description", description),
                        ("description_en", description_en)):
        if value is not None:
            setattr(record, name, value)
            fields.append(name)
    if owner is not None and not owner.strip():
        raise ValidationError({"owner": _("An action needs an owner.")})
    bump(record, fields)
    return record


@transaction.atomic
def action_complete(
    *,
    user: Any,
    action: FollowUpAction | str,
    version: int,
    completed_on: dt.date,
    adjustment: str = "",
    adjustment_en: str = "",
    adjusted_contribution: Contribution | str | None = None,
    adjusted_objective: Objective | str | None = None,
    adjusted_mandate: Mandate | str | None = None,
) -> FollowUpAction:
    """Mark an action done on ``completed_on`` and record the adjustment (bijsturing) it made
    to a contribution, an objective or a mandate, if any."""
    require_write(user, FollowUpAction)
    record = _open_action(user, action, version)
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("The completion date cannot be in the future.")})
    targets = {"adjusted_contribution": (adjusted_contribution, Contribution),
               "adjusted_objective": (adjusted_objective, Objective),
               "adjusted_mandate": (adjusted_mandate, Mandate)}
    named = {name: value for name, (value, _model) in targets.items() if value is not None}
    if named and not adjustment.strip():
        raise ValidationError({"adjustment": _("Describe the adjustment made.")})
    for name, (value, model) in targets.items():
        if value is not None:
            try:
                setattr(record, name, get_visible(model, user, value))
            except model.DoesNotExist:
                raise ValidationError({name: _("No such %(model)s: %(key)s")
                                       % {"model": model._meta.verbose_name, "key": value}}) from None
    record.status = FollowUpAction.Status.DONE
    record.completed_on = completed_on
    record.adjustment = adjustment
    record.adjustment_en = adjustment_en
    bump(record, ["status", "completed_on", "adjustment", "adjustment_en", *named])
    return record
