"""Field reports missing or late in the period (from reporting compliance)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import ngettext

from missiemonitor.core.provenance import refs
from missiemonitor.monitoring.attention.base import AttentionPoint, Fmt, Rule, Severity, register
from missiemonitor.monitoring.selectors import ComplianceState


def _periods(fmt: Fmt, periods) -> str:
    return fmt.join([fmt.period(p.start, p.end) for p in periods])


@register
class FieldReportsMissing(Rule):
    """Scheduled field reports not received although their due date has passed; one point per
    contribution, naming the periods."""

    id = "field-report-missing"
    severity = Severity.MEDIUM

    def run(self) -> Iterator[AttentionPoint]:
        for item in self.ctx.compliance:
            missing = [p for p in item.periods if p.state == ComplianceState.MISSING]
            if not missing:
                continue

            def render(fmt: Fmt, item=item, missing=missing) -> str:
                return ngettext(
                    "%(contribution)s: %(count)s of %(expected)s scheduled field reports is missing (%(periods)s).",
                    "%(contribution)s: %(count)s of %(expected)s scheduled field reports are missing (%(periods)s).",
                    len(missing)) % {"contribution": fmt.text(item.contribution, "name"),
                                     "count": len(missing), "expected": item.expected,
                                     "periods": _periods(fmt, missing)}

            yield self.point(render, records=refs([item.contribution, *(r for p in missing for r in p.records)]),
                             mission_key=item.mission_key, date=missing[0].due, missing=len(missing))


@register
class FieldReportsLate(Rule):
    """Field reports submitted after their due date; one point per contribution."""

    id = "field-report-late"
    severity = Severity.LOW

    def run(self) -> Iterator[AttentionPoint]:
        for item in self.ctx.compliance:
            late = [p for p in item.periods if p.state == ComplianceState.LATE]
            if not late:
                continue
            worst = max(p.days_late for p in late)

            def render(fmt: Fmt, item=item, late=late, worst=worst) -> str:
                return ngettext(
                    "%(contribution)s: %(count)s field report was submitted late (%(periods)s; up to %(days)s days after the due date).",
                    "%(contribution)s: %(count)s field reports were submitted late (%(periods)s; up to %(days)s days after the due date).",
                    len(late)) % {"contribution": fmt.text(item.contribution, "name"),
                                  "count": len(late), "periods": _periods(fmt, late),
                                  "days": fmt.number(worst)}

            yield self.point(render, records=refs([item.contribution, *(r for p in late for r in p.records)]),
                             mission_key=item.mission_key, date=late[0].due, late=len(late))
