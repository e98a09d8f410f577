"""Planned contributions in mandates (artikel 100-brieven) against what was realised.

A planned contribution is in the period when its planned period overlaps it (or its start is
not stated). It is *realised* by the contributions that name it in ``realises``. Sizes are
compared as the sum of the realising contributions' actual headcounts (else their planned
headcounts) against the planned headcount, with a relative tolerance
``MM_ATTENTION["PLANNED_HEADCOUNT_TOLERANCE"]`` (doubled when either figure is approximate).
Periods are compared at the precision the data has (a start "May 2024" matches any day in
May), with a tolerance of ``MM_ATTENTION["PLANNED_PERIOD_TOLERANCE_DAYS"]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from missiemonitor.core.periods import fuzzy_interval, interval_distance
from missiemonitor.core.provenance import refs
from missiemonitor.missions.models import Contribution, PlannedContribution
from missiemonitor.monitoring.attention.base import AttentionPoint, Fmt, Rule, Severity, register


def planned_in_period(ctx) -> list[PlannedContribution]:
    """Shared by the three rules below; two queries, cached on the context."""
    if "planned" not in ctx.cache:
        ctx.cache["planned"] = list(
            PlannedContribution.objects.visible_to(ctx.user).filter(ctx.scope.q())
            .filter(Q(start__isnull=True) | Q(start__lte=ctx.end))
            .filter(Q(end__isnull=True) | Q(end__gte=ctx.start))
            .select_related("mandate")
            .prefetch_related(Prefetch("realised_by", queryset=Contribution.objects.visible_to(ctx.user)
                                       .order_by("start", "key"), to_attr="visible_realisations"))
            .order_by("mandate__date", "key"))
    return ctx.cache["planned"]


def _mandate(fmt: Fmt, planned: PlannedContribution) -> str:
    mandate = planned.mandate
    return fmt.text(mandate, "short_title") or mandate.citation_in(fmt.language)


def _what(fmt: Fmt, planned: PlannedContribution) -> str:
    return fmt.short(fmt.text(planned, "description"), 80)


class _PlannedRule(Rule):
    @cached_property
    def planned(self) -> list[PlannedContribution]:
        return planned_in_period(self.ctx)

    def mission_key(self, planned: PlannedContribution) -> str | None:
        return self.ctx.scope.key_of(planned.mission_id)


@register
class PlannedNotRealised(_PlannedRule):
    """A planned contribution whose planned start has come (by the end of the period) with no
    contribution recorded that realises it."""

    id = "planned-not-realised"
    severity = Severity.HIGH

    def run(self) -> Iterator[AttentionPoint]:
        for planned in self.planned:
            if planned.visible_realisations or planned.start is None:
                continue

            def render(fmt: Fmt, planned=planned) -> str:
                return _("“%(what)s”, planned in %(mandate)s from %(start)s: no contribution that "
                         "realises it is recorded.") % {
                    "mandate": _mandate(fmt, planned), "what": _what(fmt, planned),
                    "start": fmt.date(planned.start, planned.start_precision)}

            yield self.point(render, records=refs([planned.mandate, planned]),
                             mission_key=self.mission_key(planned), date=planned.start)


@register
class PlannedSizeDiffers(_PlannedRule):
    id = "planned-size-differs"
    severity = Severity.MEDIUM

    def run(self) -> Iterator[AttentionPoint]:
        tolerance = Decimal(str(self.ctx.threshold("PLANNED_HEADCOUNT_TOLERANCE")))
        for planned in self.planned:
            realised = planned.visible_realisations
            sizes = [c.actual_headcount if c.actual_headcount is not None else c.planned_headcount
                     for c in realised]
            if not realised or planned.planned_headcount is None or None in sizes:
                continue
            actual = sum(sizes)
            approximate = planned.headcount_approximately or any(c.headcount_approximately for c in realised)
            allowed = tolerance * (2 if approximate else 1)
            if planned.planned_headcount == 0:
                differs = actual != 0
            else:
                differs = abs(Decimal(actual - planned.planned_headcount)) / planned.planned_headcount > allowed
            if not differs:
                continue

            def render(fmt: Fmt, planned=planned, actual=actual, realised=realised) -> str:
                return _("“%(what)s”, planned in %(mandate)s: %(planned)s people planned, "
                         "%(actual)s deployed (%(contributions)s).") % {
                    "mandate": _mandate(fmt, planned), "what": _what(fmt, planned),
                    "planned": fmt.number(planned.planned_headcount, approximately=planned.headcount_approximately),
                    "actual": fmt.number(actual, approximately=any(c.headcount_approximately for c in realised)),
                    "contributions": fmt.join([fmt.text(c, "name") for c in realised])}

            yield self.point(render, records=refs([planned.mandate, planned, *realised]),
                             mission_key=self.mission_key(planned), date=planned.start,
                             planned=planned.planned_headcount, actual=actual)


@register
class PlannedPeriodDiffers(_PlannedRule):
    id = "planned-period-differs"
    severity = Severity.MEDIUM

    def run(self) -> Iterator[AttentionPoint]:
        tolerance = int(self.ctx.threshold("PLANNED_PERIOD_TOLERANCE_DAYS"))
        for planned in self.planned:
            realised = planned.visible_realisations
            starts = [c for c in realised if c.start]
            ends = [c for c in realised if c.end]
            differences = []
            if planned.start and starts:
                first = min(starts, key=lambda c: c.start)
                days = interval_distance(fuzzy_interval(planned.start, planned.start_precision),
                                         fuzzy_interval(first.start, first.start_precision))
                if days > tolerance:
                    differences.append(("start", planned.start, planned.start_precision,
                                        first.start, first.start_precision))
            if planned.end and ends and len(ends) == len(realised):
                last = max(ends, key=lambda c: c.end)
                days = interval_distance(fuzzy_interval(planned.end, planned.end_precision),
                                         fuzzy_interval(last.end, last.end_precision))
                if days > tolerance:
                    differences.append(("end", planned.end, planned.end_precision,
                                        last.end, last.end_precision))
            if not differences:
                continue

            def render(fmt: Fmt, planned=planned, differences=differences) -> str:
                parts = []
                for which, p_date, p_prec, a_date, a_prec in differences:
                    values = {"planned": fmt.date(p_date, p_prec), "actual": fmt.date(a_date, a_prec)}
                    parts.append(_("planned to start %(planned)s, started %(actual)s") % values
                                 if which == "start" else
                                 _("planned to end %(planned)s, ended %(actual)s") % values)
                return _("“%(what)s”, planned in %(mandate)s: %(differences)s.") % {
                    "mandate": _mandate(fmt, planned), "what": _what(fmt, planned),
                    "differences": "; ".join(parts)}

            yield self.point(render, records=refs([planned.mandate, planned, *realised]),
                             mission_key=self.mission_key(planned), date=planned.start)
