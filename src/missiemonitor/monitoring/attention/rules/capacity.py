"""Capacity used for its own mission.

An indicator broken down by a dimension (its ``log_dimension``, or a disaggregation of its
observations), such as flight hours by tasking, is checked for the share of its *own
mission*: the dimension value whose code equals, in lower case, the key or the acronym of the
mission the indicator belongs to (its own ``mission``, or its contribution's). When that share
over the period is below ``MM_ATTENTION["OWN_MISSION_CAPACITY_MIN_SHARE"]`` (a fraction, 0.5 =
50%), the capacity mostly served others: an attention point.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from missiemonitor.monitoring.attention.base import AttentionPoint, Fmt, Rule, Severity, register
from missiemonitor.results.models import Indicator
from missiemonitor.results.selectors import SOURCE_LOG, indicator_values


def own_codes(mission, generic: list[str]) -> set[str]:
    return {code.lower() for code in (mission.key, mission.acronym, *generic) if code}


@register
class OwnMissionCapacity(Rule):
    id = "own-mission-capacity"
    severity = Severity.HIGH

    def run(self) -> Iterator[AttentionPoint]:
        threshold = Decimal(str(self.ctx.threshold("OWN_MISSION_CAPACITY_MIN_SHARE")))
        scope = self.ctx.scope
        in_scope = Q()
        if scope.restricted:
            in_scope = (scope.q(include_unbound=False)
                        | scope.q("contribution__mission", include_unbound=False))
        candidates = (Indicator.objects.visible_to(self.ctx.user).filter(in_scope)
                      .filter(Q(log_dimension__isnull=False) | Q(dimensions__isnull=False))
                      .distinct())
        for value in indicator_values(user=self.ctx.user, indicators=candidates,
                                      start=self.ctx.start, end=self.ctx.end):
            indicator = value.indicator
            mission_id = indicator.mission_id or (indicator.contribution.mission_id if indicator.contribution_id else None)
            mission = scope.mission(mission_id)
            if mission is None:
                continue
            codes = own_codes(mission, self.ctx.threshold("OWN_MISSION_CODES"))
            own = next((item for item in value.breakdown if item.code.lower() in codes), None)
            if own is None or own.share is None or own.share >= threshold:
                continue
            others = [item for item in value.breakdown if item is not own and item.share is not None]

            def render(fmt: Fmt, value=value, own=own, others=others, mission=mission) -> str:
                indicator = value.indicator
                subject = fmt.text(indicator, "name")
                if indicator.contribution_id:
                    subject = f"{subject} ({fmt.text(indicator.contribution, 'name')})"
                rest = fmt.join([f"{fmt.percent(o.share, approximately=o.approximately)} "
                                 f"{o.label_en if fmt.language == 'en' else o.label}" for o in others])
                source = (_("computed from the log") if value.source == SOURCE_LOG
                          else _("according to the recorded observations"))
                text = _("%(subject)s: %(share)s for its own mission %(mission)s, below the "
                         "threshold of %(threshold)s (%(source)s)") % {
                    "subject": subject, "share": fmt.percent(own.share, approximately=own.approximately),
                    "mission": mission.acronym or mission.key, "threshold": fmt.percent(threshold),
                    "source": source}
                if rest:
                    text += "; " + _("the rest: %(rest)s") % {"rest": rest}
                return text + "."

            yield self.point(render, records=value.records, mission_key=mission.key,
                             date=self.ctx.end, share=own.share, threshold=threshold,
                             source=value.source)
