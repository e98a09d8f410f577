"""Reads of the monitoring app. Every read starts from ``visible_to(user)``."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from missiemonitor.monitoring.models import FieldReport, Finding, FollowUpAction, MonitoringVisit


def fieldreports_of(*, user: Any, contribution: Any) -> list[FieldReport]:
    return list(FieldReport.objects.visible_to(user).filter(contribution=contribution)
                .order_by("-start", "key"))


def fieldreport_inbox(*, user: Any, statuses: list[str] | None = None,
                      mission_keys: list[str] | None = None) -> list[FieldReport]:
    """Field reports by status (default: those awaiting review, then returned, then drafts),
    oldest period first."""
    qs = FieldReport.objects.visible_to(user).select_related("contribution__mission", "author")
    if statuses:
        qs = qs.filter(status__in=statuses)
    if mission_keys:
        qs = qs.filter(mission__key__in=mission_keys)
    return list(qs.order_by("start", "contribution__key", "key"))


def fieldreport_get(*, user: Any, key: str) -> FieldReport:
    return (FieldReport.objects.visible_to(user)
            .select_related("contribution__mission", "author", "reviewer").get(key=key))


def _visit_relations(user: Any) -> list[Prefetch]:
    from missiemonitor.core.models import Organisation
    from missiemonitor.missions.models import Mission

    return [Prefetch("missions", queryset=Mission.objects.visible_to(user), to_attr="visible_missions"),
            Prefetch("organisations", queryset=Organisation.objects.visible_to(user),
                     to_attr="visible_organisations")]


def visits_with_findings(*, user: Any, mission_keys: list[str] | None = None) -> list[MonitoringVisit]:
    """Visits, newest first, each with ``visible_findings`` and those with ``visible_actions``."""
    actions = FollowUpAction.objects.visible_to(user).order_by("due", "key")
    findings = (Finding.objects.visible_to(user).select_related("contribution", "objective")
                .prefetch_related(Prefetch("actions", queryset=actions, to_attr="visible_actions"))
                .order_by("order", "key"))
    qs = (MonitoringVisit.objects.visible_to(user)
          .prefetch_related(Prefetch("findings", queryset=findings, to_attr="visible_findings"),
                            *_visit_relations(user)))
    if mission_keys:
        qs = qs.filter(missions__key__in=mission_keys).distinct()
    return list(qs.order_by("-start", "key"))


def visit_get(*, user: Any, key: str) -> MonitoringVisit:
    actions = FollowUpAction.objects.visible_to(user).order_by("due", "key")
    findings = (Finding.objects.visible_to(user).select_related("contribution", "objective")
                .prefetch_related(Prefetch("actions", queryset=actions, to_attr="visible_actions"))
                .order_by("order", "key"))
    return (MonitoringVisit.objects.visible_to(user).select_related("mandate")
            .prefetch_related(Prefetch("findings", queryset=findings, to_attr="visible_findings"),
                              *_visit_relations(user))
            .get(key=key))
