"""Follow-up actions of monitoring findings that are past their due date."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import ngettext

from missiemonitor.monitoring.attention.base import AttentionPoint, Fmt, Rule, Severity, register
from missiemonitor.monitoring.selectors import overdue_actions


@register
class ActionOverdue(Rule):
    """An action still open at the end of the period (or today, if earlier) after its due date;
    high severity once ``MM_ATTENTION["ACTION_OVERDUE_HIGH_DAYS"]`` days late."""

    id = "action-overdue"
    severity = Severity.MEDIUM

    def run(self) -> Iterator[AttentionPoint]:
        high_after = int(self.ctx.threshold("ACTION_OVERDUE_HIGH_DAYS"))
        as_of = min(self.ctx.end, self.ctx.as_of)
        for item in overdue_actions(user=self.ctx.user, as_of=as_of, mission_keys=self.ctx.mission_keys):
            action = item.action

            def render(fmt: Fmt, action=action, days=item.days_overdue) -> str:
                return ngettext(
                    "Follow-up action “%(action)s” (%(owner)s) was due on %(due)s and is %(days)s day overdue.",
                    "Follow-up action “%(action)s” (%(owner)s) was due on %(due)s and is %(days)s days overdue.",
                    days) % {"action": fmt.short(fmt.text(action, "description"), 80),
                             "owner": action.owner, "due": fmt.date(action.due),
                             "days": fmt.number(days)}

            yield self.point(render, records=item.records, mission_key=item.mission_key,
                             date=action.due, days_overdue=item.days_overdue,
                             severity=Severity.HIGH if item.days_overdue >= high_after else None)


