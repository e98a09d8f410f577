"""Reads of the monitoring app: reporting compliance and overdue follow-up actions.

**Reporting compliance** works like reporting rates in national health information systems.
A schedule cuts its contribution's time into periods of one or three months from its start,
up to its end (or the contribution's end). A period's report is due ``due_days`` after the
period ends. A field report counts for a period when it covers the period's middle day; it
counts as received once submitted (submitted, returned or approved), and the time of its first
submission decides:

* ``on-time``: submitted on or before the due date;
* ``late``: submitted after it;
* ``missing``: not received and the due date has passed;
* ``not-due``: not received, and the due date has not passed yet;
* ``undated``: received, but when it was submitted is not recorded (for example a report loaded
  from a dataset file): neither on time nor late can be claimed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.periods import add_months
from missiemonitor.core.provenance import RecordRef, refs
from missiemonitor.core.visibility import linked
from missiemonitor.missions.models import Contribution
from missiemonitor.missions.scope import in_missions, mission_scope
from missiemonitor.monitoring.models import (
    FieldReport,
    Finding,
    FollowUpAction,
    Frequency,
    MonitoringVisit,
    ReportingSchedule,
)

RECEIVED = frozenset({FieldReport.Status.SUBMITTED, FieldReport.Status.RETURNED,
                      FieldReport.Status.APPROVED})
MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3}


class ComplianceState(models.TextChoices):
    ON_TIME = "on-time", _("on time")
    LATE = "late", _("late")
    MISSING = "missing", _("missing")
    NOT_DUE = "not-due", _("not yet due")
    UNDATED = "undated", _("received, date not recorded")


@dataclass(frozen=True)
class PeriodCompliance:
    schedule: ReportingSchedule
    start: dt.date
    end: dt.date
    due: dt.date
    state: str  # a ComplianceState value
    report: FieldReport | None
    days_late: int | None

    @property
    def records(self) -> tuple[RecordRef, ...]:
        return refs([self.schedule] + ([self.report] if self.report else []))


@dataclass(frozen=True)
class ContributionCompliance:
    contribution: Contribution
    periods: tuple[PeriodCompliance, ...]

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(p.state for p in self.periods)
        return {state: counted.get(state, 0) for state in ComplianceState.values}

    @property
    def expected(self) -> int:
        """Periods whose report was due by now (or received early)."""
        return sum(1 for p in self.periods if p.state != ComplianceState.NOT_DUE)

    @property
    def reporting_rate(self) -> Decimal | None:
        """Received reports over expected reports (0-1)."""
        if not self.expected:
            return None
        received = self.expected - self.counts[ComplianceState.MISSING]
        return (Decimal(received) / Decimal(self.expected)).quantize(Decimal("0.0001"))

    @property
    def on_time_rate(self) -> Decimal | None:
        """Reports received on time over expected reports (0-1)."""
        if not self.expected:
            return None
        return (Decimal(self.counts[ComplianceState.ON_TIME]) / Decimal(self.expected)).quantize(Decimal("0.0001"))

    @property
    def mission_key(self) -> str | None:
        mission = self.contribution.mission  # None when the user may not see it
        return mission.key if mission is not None else None


def schedule_periods(schedule: ReportingSchedule, *, until: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The schedule's periods up to ``until`` (and its own end, or its contribution's)."""
    step = MONTHS[schedule.frequency]
    last = min(d for d in (schedule.end, schedule.contribution.end, until) if d is not None)
    periods = []
    index = 0
    while True:
        start = add_months(schedule.start, index * step)
        if start > last:
            return periods
        periods.append((start, add_months(schedule.start, (index + 1) * step) - dt.timedelta(days=1)))
        index += 1


def _state(report: FieldReport | None, due: dt.date, as_of: dt.date) -> tuple[str, int | None]:
    if report is not None and report.status in RECEIVED:
        if report.submitted_at is None:
            return ComplianceState.UNDATED, None
        submitted = timezone.localdate(report.submitted_at)
        if submitted <= due:
            return ComplianceState.ON_TIME, None
        return ComplianceState.LATE, (submitted - due).days
    return (ComplianceState.MISSING if due < as_of else ComplianceState.NOT_DUE), None


def _best(reports: list[FieldReport], midpoint: dt.date) -> FieldReport | None:
    covering = [r for r in reports if r.start <= midpoint <= r.end]
    received = [r for r in covering if r.status in RECEIVED]
    if received:
        return min(received, key=lambda r: (r.submitted_at is None, r.submitted_at or timezone.now(), r.pk))
    return covering[0] if covering else None


def reporting_compliance(*, user: Any, start: dt.date, end: dt.date,
                         mission_keys: list[str] | None = None,
                         as_of: dt.date | None = None) -> list[ContributionCompliance]:
    """Per contribution with a reporting schedule: the state of each scheduled period that ends
    within ``start``..``end``, judged as of ``as_of`` (default: today). Three queries."""
    as_of = as_of or timezone.localdate()
    scope = mission_scope(user=user, mission_keys=mission_keys)
    schedule_qs = (ReportingSchedule.objects.visible_to(user).filter(scope.q(), start__lte=end)
                   .filter(Q(end__isnull=True) | Q(end__gte=start))
                   .filter(contribution__in=Contribution.objects.visible_to(user)))
    schedules = list(schedule_qs.with_visible(user, "contribution__mission")
                     .order_by("contribution__mission__key", "contribution__order",
                               "contribution__key", "key"))
    reports: dict[int, list[FieldReport]] = defaultdict(list)
    earliest = min((s.start for s in schedules), default=start)
    for report in (FieldReport.objects.visible_to(user)
                   .filter(contribution_id__in=schedule_qs.values("contribution_id"),
                           end__gte=earliest, start__lte=end)
                   .order_by("start", "pk")):
        reports[report.contribution_id].append(report)
    result: dict[int, list[PeriodCompliance]] = defaultdict(list)
    contributions: dict[int, Contribution] = {}
    for schedule in schedules:
        contributions[schedule.contribution_id] = schedule.contribution
        for p_start, p_end in schedule_periods(schedule, until=end):
            if not start <= p_end <= end:
                continue
            midpoint = p_start + (p_end - p_start) / 2
            report = _best(reports[schedule.contribution_id], midpoint)
            due = p_end + dt.timedelta(days=schedule.due_days)
            state, days_late = _state(report, due, as_of)
            result[schedule.contribution_id].append(PeriodCompliance(
                schedule=schedule, start=p_start, end=p_end, due=due, state=state,
                report=report, days_late=days_late))
    return [ContributionCompliance(contribution=contributions[pk], periods=tuple(periods))
            for pk, periods in result.items()]


@dataclass(frozen=True)
class OverdueAction:
    action: FollowUpAction
    days_overdue: int

    @property
    def mission_key(self) -> str | None:
        mission = self.action.mission  # None when the user may not see it
        return mission.key if mission is not None else None

    @property
    def records(self) -> tuple[RecordRef, ...]:
        finding = linked(self.action, "finding")  # None when the user may not see it
        visit = linked(finding, "visit") if finding is not None else None
        return refs([r for r in (self.action, finding, visit) if r is not None])


def overdue_actions(*, user: Any, as_of: dt.date,
                    mission_keys: list[str] | None = None) -> list[OverdueAction]:
    """Follow-up actions still open (or in progress) after their due date, most overdue
    first. One query (plus the scope's)."""
    scope = mission_scope(user=user, mission_keys=mission_keys)
    actions = (FollowUpAction.objects.visible_to(user).filter(scope.q())
               .filter(status__in=[FollowUpAction.Status.OPEN, FollowUpAction.Status.IN_PROGRESS],
                       due__lt=as_of)
               # an action is listed with its finding and visit: not when those are hidden
               .filter(finding__in=Finding.objects.visible_to(user),
                       finding__visit__in=MonitoringVisit.objects.visible_to(user))
               .with_visible(user, "finding__visit", "mission")
               .order_by("due", "key"))
    return [OverdueAction(action=a, days_overdue=(as_of - a.due).days) for a in actions]


# --- Plain reads for the pages ------------------------------------------------------

def fieldreports_of(*, user: Any, contribution: Any) -> list[FieldReport]:
    return list(FieldReport.objects.visible_to(user).filter(contribution=contribution)
                .order_by("-start", "key"))


INBOX_APPROVED_LIMIT = 50


def fieldreport_inbox(*, user: Any, statuses: list[str] | None = None,
                      mission_keys: list[str] | None = None) -> list[FieldReport]:
    """Field reports in the given states (default: all), oldest period first; of the approved
    ones only the INBOX_APPROVED_LIMIT most recent, since those need no more work. Two queries."""
    qs = (FieldReport.objects.visible_to(user).select_related("author")
          .with_visible(user, "contribution__mission"))
    qs = in_missions(qs, mission_keys)
    statuses = statuses or [s.value for s in FieldReport.Status]
    open_states = [s for s in statuses if s != FieldReport.Status.APPROVED]
    reports = list(qs.filter(status__in=open_states).order_by("start", "contribution__key", "key"))
    if FieldReport.Status.APPROVED in statuses:
        approved = qs.filter(status=FieldReport.Status.APPROVED).order_by("-start", "-key")
        reports += list(approved[:INBOX_APPROVED_LIMIT])[::-1]
    return reports


def fieldreport_get(*, user: Any, key: str) -> FieldReport:
    return (FieldReport.objects.visible_to(user)
            .select_related("author", "reviewer").with_visible(user, "contribution__mission")
            .get(key=key))


def action_get(*, user: Any, key: str) -> FollowUpAction:
    """A follow-up action the user may see, with its finding and visit (for the pages)."""
    return FollowUpAction.objects.visible_to(user).select_related("finding__visit").get(key=key)


def _visit_relations(user: Any) -> list[Prefetch]:
    from missiemonitor.core.models import Organisation
    from missiemonitor.missions.models import Mission

    return [Prefetch("missions", queryset=Mission.objects.visible_to(user), to_attr="visible_missions"),
            Prefetch("organisations", queryset=Organisation.objects.visible_to(user),
                     to_attr="visible_organisations")]


def contribution_schedules(*, user: Any, contribution: Any) -> list[ReportingSchedule]:
    return list(ReportingSchedule.objects.visible_to(user).filter(contribution=contribution)
                .order_by("start", "key"))


def visits_with_findings(*, user: Any, mission_keys: list[str] | None = None) -> list[MonitoringVisit]:
    """Visits, newest first, each with ``visible_findings`` and those with ``visible_actions``."""
    return list(visits_query(user=user, mission_keys=mission_keys))


def visits_query(*, user: Any, mission_keys: list[str] | None = None) -> QuerySet[MonitoringVisit]:
    """The query of :func:`visits_with_findings`, to be paged."""
    actions = FollowUpAction.objects.visible_to(user).order_by("due", "key")
    findings = (Finding.objects.visible_to(user).with_visible(user, "contribution", "objective")
                .prefetch_related(Prefetch("actions", queryset=actions, to_attr="visible_actions"))
                .order_by("order", "key"))
    qs = (MonitoringVisit.objects.visible_to(user)
          .prefetch_related(Prefetch("findings", queryset=findings, to_attr="visible_findings"),
                            *_visit_relations(user)))
    qs = in_missions(qs, mission_keys, path="missions")
    return qs.order_by("-start", "key")


def visit_get(*, user: Any, key: str) -> MonitoringVisit:
    actions = FollowUpAction.objects.visible_to(user).order_by("due", "key")
    findings = (Finding.objects.visible_to(user).with_visible(user, "contribution", "objective")
                .prefetch_related(Prefetch("actions", queryset=actions, to_attr="visible_actions"))
                .order_by("order", "key"))
    return (MonitoringVisit.objects.visible_to(user).with_visible(user, "mandate")
            .prefetch_related(Prefetch("findings", queryset=findings, to_attr="visible_findings"),
                              *_visit_relations(user))
            .get(key=key))
