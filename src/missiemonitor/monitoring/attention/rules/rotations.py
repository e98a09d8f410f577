"""Handover gaps in the rotations of roles (from the rotation analysis)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from missiemonitor.core.provenance import RecordRef, refs
from missiemonitor.missions.selectors import NO_SUCCESSOR
from missiemonitor.monitoring.attention.base import AttentionPoint, Fmt, Rule, Severity, register


@register
class HandoverGap(Rule):
    """A gap of at least ``MM_ATTENTION["HANDOVER_GAP_MIN_DAYS"]`` days in a role, within the
    period: the successor arrived after the predecessor left, or no successor is recorded. High
    severity when the role supports a long-term objective: the gap is a risk to it."""

    id = "handover-gap"
    severity = Severity.MEDIUM

    def run(self) -> Iterator[AttentionPoint]:
        minimum = int(self.ctx.threshold("HANDOVER_GAP_MIN_DAYS"))
        for rotation in self.ctx.rotations.roles:
            for gap in rotation.gaps:
                if gap.days < minimum or gap.end < self.ctx.start or gap.start > self.ctx.end:
                    continue
                role, objectives = rotation.role, rotation.objectives

                def render(fmt: Fmt, role=role, gap=gap, objectives=objectives) -> str:
                    days = fmt.number(gap.days, approximately=gap.approximate)
                    values = {"role": fmt.text(role, "name"),
                              "contribution": fmt.text(role.contribution, "name"),
                              "days": days, "left": fmt.date(gap.predecessor.end, gap.predecessor.end_precision)}
                    if gap.kind == NO_SUCCESSOR:
                        text = ngettext(
                            "%(role)s (%(contribution)s): no successor recorded since the last holder left on %(left)s (%(days)s day).",
                            "%(role)s (%(contribution)s): no successor recorded since the last holder left on %(left)s (%(days)s days).",
                            gap.days) % values
                    else:
                        values["arrived"] = fmt.date(gap.successor.start, gap.successor.start_precision)
                        text = ngettext(
                            "%(role)s (%(contribution)s): %(days)s day unstaffed between the departure on %(left)s and the successor's arrival on %(arrived)s.",
                            "%(role)s (%(contribution)s): %(days)s days unstaffed between the departure on %(left)s and the successor's arrival on %(arrived)s.",
                            gap.days) % values
                    if objectives:
                        text += " " + _("This is a risk to %(objectives)s.") % {
                            "objectives": fmt.join(list(dict.fromkeys(o.code or o.key for o in objectives)))}
                    return text

                records = refs([*gap.records, *(RecordRef("results.LongTermObjective", o.key)
                                                for o in objectives)])
                yield self.point(render, records=records, mission_key=self.ctx.scope.key_of(role.mission_id),
                                 date=gap.start, days=gap.days, kind=gap.kind,
                                 objectives=[o.key for o in objectives],
                                 severity=Severity.HIGH if objectives else None)
