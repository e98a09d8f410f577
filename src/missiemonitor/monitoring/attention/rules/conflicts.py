"""Conflicting statements in the data about the same fact.

* **Context events** with the same ``subject`` state the same real-world fact; when their dates
  cannot mean the same day (compared at the precision each gives: "October 2025" and
  "November 2025" conflict, "October 2025" and "12 October 2025" do not), that is a conflict.
* **Observations** of the same indicator, period and disaggregation with different values (or
  bounds) conflict.

Conflicts are reported whatever the period: the data stays inconsistent until someone
resolves it. They are limited to the missions in scope (and records of no mission).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

from django.utils.translation import gettext as _

from missiemonitor.context.models import ContextEvent
from missiemonitor.core.periods import fuzzy_interval, interval_distance
from missiemonitor.core.provenance import refs
from missiemonitor.monitoring.attention.base import AttentionPoint, Fmt, Rule, Severity, register
from missiemonitor.results.models import Observation


def _source(fmt: Fmt, record) -> str:
    if record.source_id is None:
        return ""
    return " " + _("(source: %(title)s)") % {"title": fmt.short(record.source.title, 60)}


@register
class ConflictingStatements(Rule):
    id = "conflicting-statements"
    severity = Severity.MEDIUM

    def run(self) -> Iterator[AttentionPoint]:
        yield from self._events()
        yield from self._observations()

    def _events(self) -> Iterator[AttentionPoint]:
        groups: dict[str, list[ContextEvent]] = defaultdict(list)
        for event in (ContextEvent.objects.visible_to(self.ctx.user).filter(self.ctx.scope.q())
                      .exclude(subject="").filter(start__isnull=False)
                      .select_related("source").order_by("subject", "start", "key")):
            groups[event.subject].append(event)
        for subject, events in groups.items():
            conflicting = any(
                interval_distance(fuzzy_interval(a.start, a.start_precision),
                                  fuzzy_interval(b.start, b.start_precision)) > 0
                for a, b in combinations(events, 2))
            if not conflicting:
                continue

            def render(fmt: Fmt, subject=subject, events=events) -> str:
                one_source = len({e.source_id for e in events}) == 1
                stated = [f"“{fmt.text(e, 'title')}”: {fmt.date(e.start, e.start_precision)}"
                          + ("" if one_source else _source(fmt, e)) for e in events]
                text = _("The data give different dates for the same fact (%(subject)s): "
                         "%(statements)s") % {"subject": subject, "statements": "; ".join(stated)}
                return text + (_source(fmt, events[0]) if one_source else "") + "."

            mission_ids = {e.mission_id for e in events} - {None}
            mission_key = self.ctx.scope.key_of(next(iter(mission_ids))) if len(mission_ids) == 1 else None
            yield self.point(render, records=refs(events), mission_key=mission_key,
                             date=events[0].start, subject=subject)

    def _observations(self) -> Iterator[AttentionPoint]:
        # Group on plain values first; only conflicting observations are loaded as records.
        groups: dict[tuple, set[tuple]] = defaultdict(set)
        pks: dict[tuple, list[int]] = defaultdict(list)
        for pk, indicator_id, start, end, disaggregation, value, bound in (
            Observation.objects.visible_to(self.ctx.user).filter(self.ctx.scope.q())
            .values_list("pk", "indicator_id", "start", "end", "disaggregation", "value", "bound")
        ):
            slot = (indicator_id, start, end, json.dumps(disaggregation or {}, sort_keys=True))
            groups[slot].add((value, bound))
            pks[slot].append(pk)
        conflicting = {slot for slot, values in groups.items() if len(values) > 1}
        wanted = [pk for slot in conflicting for pk in pks[slot]]
        records: dict[tuple, list[Observation]] = defaultdict(list)
        for obs in (Observation.objects.visible_to(self.ctx.user).filter(pk__in=wanted)
                    .select_related("indicator", "source")
                    .order_by("indicator_id", "start", "end", "key")):
            slot = (obs.indicator_id, obs.start, obs.end, json.dumps(obs.disaggregation or {}, sort_keys=True))
            records[slot].append(obs)
        for (_indicator, start, end, disaggregation), items in sorted(records.items(), key=lambda kv: kv[1][0].key):

            def render(fmt: Fmt, items=items, start=start, end=end, disaggregation=disaggregation) -> str:
                indicator = items[0].indicator
                values = [f"{fmt.number(o.value, approximately=o.approximately, bound=o.bound)}{_source(fmt, o)}"
                          for o in items]
                split = json.loads(disaggregation)
                where = f" [{', '.join(f'{k}: {v}' for k, v in sorted(split.items()))}]" if split else ""
                return _("%(indicator)s, %(period)s%(where)s: different values are recorded: "
                         "%(values)s.") % {"indicator": fmt.text(indicator, "name"),
                                           "period": fmt.period(start, end),
                                           "where": where, "values": fmt.join(values)}

            yield self.point(render, records=refs(items),
                             mission_key=self.ctx.scope.key_of(items[0].mission_id), date=end,
                             indicator=items[0].indicator.key)
