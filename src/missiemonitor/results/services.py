"""Writes of the results app: condition assessments through their review cycle, evidence,
and activity logs (imported from CSV, see :mod:`missiemonitor.interchange.logs.importer`).

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

from missiemonitor.core.hierarchy import classification_check
from missiemonitor.core.permissions import (
    EDITABLE_STATES,
    REVIEWER_ROLES,
    require_review,
    require_write,
)
from missiemonitor.core.records import record_links_check
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
from missiemonitor.monitoring.models import FieldReport, Finding
from missiemonitor.results.models import (
    Condition,
    ConditionAssessment,
    Evidence,
    Observation,
    ScaleLevel,
)

__all__ = [
    "assessment_approve",
    "assessment_delete",
    "assessment_record",
    "assessment_record_with_evidence",
    "assessment_return",
    "assessment_submit",
    "assessment_update",
    "evidence_add",
    "evidence_remove",
]


def _level(condition: Condition, code: str) -> ScaleLevel:
    scale_id = condition.objective.framework_version.scale_id
    level = ScaleLevel.objects.filter(scale_id=scale_id, code=code).first()
    if level is None:
        codes = list(ScaleLevel.objects.filter(scale_id=scale_id).values_list("code", flat=True))
        raise ValidationError({"level": _("Unknown level %(code)s; the scale has: %(codes)s")
                               % {"code": code, "codes": ", ".join(codes)}})
    return level


@transaction.atomic
def assessment_record(
    *,
    user: Any,
    condition: Condition | str,
    level: str,
    date: dt.date,
    rationale: str = "",
    rationale_en: str = "",
    assessor_name: str = "",
    classification: int | None = None,
    key: str | None = None,
) -> ConditionAssessment:
    """Record a draft assessment of ``condition`` at the level with code ``level``."""
    require_write(user, ConditionAssessment)
    condition = get_visible(Condition, user, condition, related=("objective__framework_version",))
    if condition.retired:
        raise ValidationError({"condition": _("Condition %(key)s is retired and is no longer "
                                              "assessed.") % {"key": condition.key}})
    assessment = ConditionAssessment(
        key=key or new_key(condition.key, date),
        condition=condition,
        mission_id=condition.mission_id,
        classification=classification_for(user, condition, classification),
        level=_level(condition, level),
        date=date,
        rationale=rationale,
        rationale_en=rationale_en,
        assessor=user if is_person(user) else None,
        assessor_name=assessor_name or (user.get_full_name() or user.username if is_person(user) else ""),
    )
    assessment.full_clean(exclude=["level", "condition", "assessor", "reviewer", "mission"])
    assessment.save()
    return assessment


@transaction.atomic
def assessment_record_with_evidence(
    *,
    user: Any,
    condition: Condition | str,
    level: str,
    date: dt.date,
    rationale: str = "",
    rationale_en: str = "",
    classification: int | None = None,
    evidence: tuple[str, Any] | None = None,
    confidence: str = Evidence.Confidence.MEDIUM,
    note: str = "",
    submit: bool = False,
) -> ConditionAssessment:
    """Record an assessment with one piece of evidence (``(kind, target)``, see
    :func:`evidence_add`) and, with ``submit``, offer it for review at once: all of it or,
    when any step is refused, nothing."""
    assessment = assessment_record(user=user, condition=condition, level=level, date=date,
                                   rationale=rationale, rationale_en=rationale_en,
                                   classification=classification)
    if evidence is not None:
        kind, target = evidence
        evidence_add(user=user, assessment=assessment, kind=kind, target=target, confidence=confidence,
                     note=note)
        assessment.refresh_from_db()
    if submit:
        assessment = assessment_submit(user=user, assessment=assessment, version=assessment.version)
    return assessment


def _editable(user: Any, assessment: ConditionAssessment | str, version: int) -> ConditionAssessment:
    record = get_visible(ConditionAssessment, user, assessment, lock=True,
                         related=("condition__objective__framework_version",))
    check_version(record, version)
    return record


@transaction.atomic
def assessment_update(
    *,
    user: Any,
    assessment: ConditionAssessment | str,
    version: int,
    level: str | None = None,
    date: dt.date | None = None,
    rationale: str | None = None,
    rationale_en: str | None = None,
    classification: int | None = None,
) -> ConditionAssessment:
    """Change a draft or returned assessment. Fields left ``None`` stay as they are."""
    require_write(user, ConditionAssessment)
    record = _editable(user, assessment, version)
    if record.state not in EDITABLE_STATES:
        raise InvalidTransition(_("Assessment %(key)s is %(state)s and can no longer be changed; "
                                  "record a new assessment instead.")
                                % {"key": record.key, "state": record.get_state_display()})
    fields: list[str] = []
    if level is not None:
        record.level = _level(record.condition, level)
        fields.append("level")
    for name, value in (("date", date), ("rationale", rationale), ("rationale_en", rationale_en)):
        if value is not None:
            setattr(record, name, value)
            fields.append(name)
    if classification is not None:
        record.classification = classification_for(user, record.condition, classification)
        classification_check(record)  # its evidence is not classified lower either
        fields.append("classification")
    bump(record, fields)
    return record


@transaction.atomic
def assessment_submit(*, user: Any, assessment: ConditionAssessment | str, version: int) -> ConditionAssessment:
    """Offer a draft (or a returned assessment, after changes) for review. Who submits it is
    kept: they may not approve it."""
    require_write(user, ConditionAssessment)
    record = _editable(user, assessment, version)
    transition(record, "state", "submit")
    record.submitted_at = timezone.now()
    record.submitted_by = user if is_person(user) else None
    bump(record, ["state", "submitted_at", "submitted_by"])
    return record


def _review(user: Any, assessment: ConditionAssessment | str, version: int, action: str,
            comment: str) -> ConditionAssessment:
    require_role(user, REVIEWER_ROLES)
    record = _editable(user, assessment, version)
    require_review(user, record, approving=action == "approve")
    transition(record, "state", action)
    record.reviewer = user if is_person(user) else None
    if is_person(user):
        record.reviewer_name = user.get_full_name() or user.username
    record.review_comment = comment
    record.reviewed_at = timezone.now()
    bump(record, ["state", "reviewer", "reviewer_name", "review_comment", "reviewed_at"])
    return record


@transaction.atomic
def assessment_approve(*, user: Any, assessment: ConditionAssessment | str, version: int,
                       comment: str = "") -> ConditionAssessment:
    """Approve a submitted assessment; from now on it counts for progress."""
    return _review(user, assessment, version, "approve", comment)


@transaction.atomic
def assessment_return(*, user: Any, assessment: ConditionAssessment | str, version: int,
                      comment: str) -> ConditionAssessment:
    """Send a submitted assessment back to its assessor, saying why."""
    if not comment.strip():
        raise ValidationError({"comment": _("Say why the assessment is returned.")})
    return _review(user, assessment, version, "return", comment)


@transaction.atomic
def assessment_delete(*, user: Any, assessment: ConditionAssessment | str, version: int) -> None:
    """Delete a draft assessment (with its evidence), as its assessor or a coordinator. A
    submitted, returned or approved assessment is part of the record of the review and stays."""
    require_write(user, ConditionAssessment)
    draft_delete(user=user, record=_editable(user, assessment, version), field="state",
                 version=version)


EVIDENCE_TARGETS: dict[str, tuple[str, type]] = {
    Evidence.Kind.FINDING: ("finding", Finding),
    Evidence.Kind.OBSERVATION: ("observation", Observation),
    Evidence.Kind.FIELD_REPORT: ("field_report", FieldReport),
}


@transaction.atomic
def evidence_add(
    *,
    user: Any,
    assessment: ConditionAssessment | str,
    kind: str,
    target: Any,
    confidence: str = Evidence.Confidence.MEDIUM,
    note: str = "",
    classification: int | None = None,
    key: str | None = None,
) -> Evidence:
    """Link ``target`` (a finding, observation, field report or, for ``document``, a source;
    an instance or its key) to an assessment that is not yet approved."""
    from missiemonitor.core.models import Source

    require_write(user, Evidence)
    record = get_visible(ConditionAssessment, user, assessment, lock=True)
    _evidence_may_change(record)
    if kind not in Evidence.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of evidence: %(kind)s") % {"kind": kind}})
    attr, model = EVIDENCE_TARGETS.get(kind, ("document", Source))
    if target is None:
        raise ValidationError({attr: _("Evidence of this kind needs its %(model)s.")
                               % {"model": model._meta.verbose_name}})
    try:
        linked = get_visible(model, user, target)
    except model.DoesNotExist:
        raise ValidationError({attr: _("No such %(model)s: %(key)s")
                               % {"model": model._meta.verbose_name, "key": target}}) from None
    if confidence not in Evidence.Confidence.values:
        raise ValidationError({"confidence": _("Confidence is low, medium or high.")})
    if classification is None:  # at least as high as the assessment and what it cites
        classification = max(record.classification, linked.classification)
    evidence = Evidence(
        key=key or new_key(f"{record.key[:50]}-evidence"),
        assessment=record,
        mission_id=record.mission_id,
        classification=classification_for(user, record, classification),
        kind=kind,
        note=note,
        confidence=confidence,
        **{attr: linked},
    )
    record_links_check(record=evidence)
    evidence.save()
    bump(record, [])  # the assessment's evidence changed: a reviewer's view of it is stale
    return evidence


def _evidence_may_change(assessment: ConditionAssessment) -> None:
    """Evidence is added and removed until the assessment is approved (a reviewer's view of
    a submitted one goes stale: its version goes up)."""
    if assessment.state == "approved":
        raise InvalidTransition(_("Assessment %(key)s is approved; its evidence can no longer "
                                  "change.") % {"key": assessment.key})


@transaction.atomic
def evidence_remove(*, user: Any, evidence: Evidence | str, version: int) -> None:
    """Remove an evidence item from an assessment that is not yet approved; the assessment's
    version goes up, as when evidence is added."""
    require_write(user, Evidence)
    item = get_visible(Evidence, user, evidence, lock=True)
    check_version(item, version)
    record = get_visible(ConditionAssessment, user, item.assessment, lock=True)
    _evidence_may_change(record)
    item.delete()
    bump(record, [])
