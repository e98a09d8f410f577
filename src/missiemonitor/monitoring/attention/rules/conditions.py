"""Rules on long-term objectives and their conditions (from the progress selectors)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from missiemonitor.core.periods import add_months
from missiemonitor.core.provenance import refs
from missiemonitor.monitoring.attention.base import AttentionPoint, Fmt, Rule, Severity, register


def _lto(fmt: Fmt, objective) -> str:
    return objective.code or fmt.short(fmt.text(objective, "title"), 60)


def _condition(fmt: Fmt, condition) -> str:
    return condition.code or fmt.short(fmt.text(condition, "text"), 60)


def _level(fmt: Fmt, level) -> str:
    return fmt.text(level, "label") if level is not None else _("not assessed")


@register
class ConditionRegressed(Rule):
    """A condition's latest approved assessment, made in the period, is at a lower level than
    the assessment before it (compared on the 0-1 score, so also across framework versions)."""

    id = "condition-regressed"
    severity = Severity.HIGH

    def run(self) -> Iterator[AttentionPoint]:
        for item in self.ctx.objectives:
            for status in item.after.conditions:
                if not (status.regressed and self.ctx.in_period(status.assessment.date)):
                    continue
                lto, previous, latest = item.objective, status.previous, status.assessment

                def render(fmt: Fmt, lto=lto, status=status, previous=previous, latest=latest) -> str:
                    return _("%(lto)s: condition %(condition)s fell back from “%(before)s” "
                             "(%(before_date)s) to “%(after)s” (%(after_date)s).") % {
                        "lto": _lto(fmt, lto), "condition": _condition(fmt, status.condition),
                        "before": _level(fmt, previous.level), "before_date": fmt.date(previous.date),
                        "after": _level(fmt, latest.level), "after_date": fmt.date(latest.date)}

                yield self.point(render, records=refs([lto, status.condition, previous, latest]),
                                 mission_key=item.after.mission_key, date=latest.date,
                                 score_before=status.previous_score, score_after=status.score)


@register
class ConditionOverdue(Rule):
    """A condition not met (or not assessed) at the end of the period although its expected
    horizon (its own ``expected_by``, or else its objective's) has passed."""

    id = "condition-overdue"
    severity = Severity.HIGH

    def run(self) -> Iterator[AttentionPoint]:
        for item in self.ctx.objectives:
            for status in item.after.conditions:
                if not status.overdue:
                    continue
                lto = item.objective

                def render(fmt: Fmt, lto=lto, status=status) -> str:
                    return _("%(lto)s: condition %(condition)s was expected to be met by "
                             "%(expected)s, but is “%(level)s”.") % {
                        "lto": _lto(fmt, lto), "condition": _condition(fmt, status.condition),
                        "expected": fmt.date(status.expected_by), "level": _level(fmt, status.level)}

                yield self.point(render, records=refs([lto, *status.records]),
                                 mission_key=item.after.mission_key, date=status.expected_by)


@register
class AssessmentStale(Rule):
    """Conditions whose latest approved assessment is older than
    ``MM_ATTENTION["ASSESSMENT_MAX_AGE_MONTHS"]`` at the end of the period, or that were never
    assessed although their framework version was issued longer ago than that. One point per
    objective."""

    id = "assessment-stale"
    severity = Severity.MEDIUM

    def run(self) -> Iterator[AttentionPoint]:
        months = int(self.ctx.threshold("ASSESSMENT_MAX_AGE_MONTHS"))
        cutoff = add_months(self.ctx.end, -months)
        for item in self.ctx.objectives:
            issued = item.objective.framework_version.issued
            stale = [s for s in item.after.conditions
                     if (s.assessment is not None and s.assessment.date < cutoff)
                     or (s.assessment is None and issued is not None and issued < cutoff)]
            if not stale:
                continue
            dates = [s.assessment.date for s in stale if s.assessment is not None]
            oldest: dt.date | None = min(dates) if dates else None
            never = sum(1 for s in stale if s.assessment is None)
            lto, total = item.objective, len(item.after.conditions)

            def render(fmt: Fmt, lto=lto, stale=stale, oldest=oldest, never=never, total=total) -> str:
                text = ngettext(
                    "%(lto)s: %(count)s of %(total)s conditions has not been assessed in the last "
                    "%(months)s months",
                    "%(lto)s: %(count)s of %(total)s conditions have not been assessed in the last "
                    "%(months)s months", len(stale)) % {
                    "lto": _lto(fmt, lto), "count": len(stale), "total": total, "months": months}
                details = []
                if oldest is not None:
                    details.append(_("oldest assessment %(date)s") % {"date": fmt.date(oldest)})
                if never:
                    details.append(ngettext("%(count)s never assessed", "%(count)s never assessed",
                                            never) % {"count": never})
                return f"{text} ({'; '.join(details)})." if details else f"{text}."

            yield self.point(render, records=refs([lto, *(r for s in stale for r in s.records)]),
                             mission_key=item.after.mission_key, date=oldest,
                             conditions=[s.condition.key for s in stale])
