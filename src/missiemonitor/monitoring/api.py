"""API resources of monitoring: visits, findings, follow-up actions, reporting schedules and
field reports (with their workflow: submit, approve, return)."""

from __future__ import annotations

from missiemonitor.accounts.models import Role
from missiemonitor.api.permissions import EDITOR_ROLES
from missiemonitor.api.resources import record_serializer, record_viewset
from missiemonitor.monitoring.models import (
    FieldReport,
    Finding,
    FollowUpAction,
    MonitoringVisit,
    ReportingSchedule,
)

FieldReportSerializer = record_serializer(
    FieldReport,
    read_only_fields=("status", "submitted_at", "reviewer", "reviewer_name", "reviewed_at",
                      "review_comment", "author"),
)
FieldReportViewSet = record_viewset(
    FieldReport, serializer=FieldReportSerializer,
    write_roles=EDITOR_ROLES | {Role.FIELD_REPORTER},
    search=("key", "summary", "body", "author_name"),
)

ROUTES = [
    ("monitoring-visits", record_viewset(MonitoringVisit, search=("key", "title", "scope", "purpose"))),
    ("findings", record_viewset(Finding)),
    ("follow-up-actions", record_viewset(FollowUpAction, search=("key", "description", "owner", "adjustment"))),
    ("reporting-schedules", record_viewset(ReportingSchedule)),
    ("field-reports", FieldReportViewSet),
]
