"""Reads of the missions app: rotations.

**Rotation analysis.** The postings of a role are swept in order of arrival. A posting that
starts after everyone before it has left leaves a *handover gap* (the days nobody held the
post); one that starts before the last predecessor left makes an *overlap* (a warm handover);
one that starts the day after is *adjacent*. After the last posting, when the post is still
needed (its contribution has not ended) and nobody follows, the gap runs from the day after
the last departure up to the analysis date or the contribution's end: *no successor
recorded*. Tour lengths are the postings' lengths in days and months. A gap on a role that
supports a long-term objective (``LongTermObjective.roles``) is a risk to that objective.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import F
from django.utils import timezone

from missiemonitor.core.periods import DAYS_PER_MONTH
from missiemonitor.core.provenance import RecordRef, refs
from missiemonitor.core.scope import mission_scope
from missiemonitor.missions.models import Posting, PostKind, Role

GAP = "gap"
NO_SUCCESSOR = "no-successor"
OVERLAP = "overlap"
ADJACENT = "adjacent"


@dataclass(frozen=True)
class Handover:
    role: Role
    kind: str  # GAP, NO_SUCCESSOR, OVERLAP or ADJACENT
    predecessor: Posting
    successor: Posting | None
    days: int  # days uncovered for gaps, days together for overlaps
    start: dt.date | None  # the first uncovered day (gaps) or the first shared day (overlaps)
    end: dt.date | None  # the last uncovered or shared day
    approximate: bool  # a date involved is only known to the month or year

    @property
    def is_gap(self) -> bool:
        return self.kind in (GAP, NO_SUCCESSOR)

    @property
    def records(self) -> tuple[RecordRef, ...]:
        return refs([self.role, self.predecessor] + ([self.successor] if self.successor else []))


@dataclass(frozen=True)
class ObjectiveLink:
    key: str
    code: str
    title: str
    title_en: str


@dataclass(frozen=True)
class RoleRotation:
    role: Role
    postings: tuple[Posting, ...]
    handovers: tuple[Handover, ...]
    objectives: tuple[ObjectiveLink, ...]  # long-term objectives this role supports

    @property
    def tour_days(self) -> list[int]:
        return [(p.end - p.start).days + 1 for p in self.postings if p.start and p.end]

    @property
    def gaps(self) -> list[Handover]:
        return [h for h in self.handovers if h.is_gap]

    @property
    def overlaps(self) -> list[Handover]:
        return [h for h in self.handovers if h.kind == OVERLAP]

    @property
    def at_risk(self) -> bool:
        return bool(self.objectives and self.gaps)


@dataclass(frozen=True)
class PostKindSummary:
    post_kind: str
    label: str
    roles: int
    tours: int  # completed tours, with both dates known
    average_tour_months: float | None
    median_tour_months: float | None
    shortest_tour_months: float | None
    longest_tour_months: float | None
    gaps: int
    gap_days: int
    overlaps: int
    average_overlap_days: float | None
    without_successor: int


@dataclass(frozen=True)
class RotationAnalysis:
    as_of: dt.date
    roles: tuple[RoleRotation, ...]
    by_post_kind: tuple[PostKindSummary, ...]

    @property
    def gaps(self) -> list[Handover]:
        return [g for r in self.roles for g in r.gaps]

    @property
    def objectives_at_risk(self) -> list[tuple[ObjectiveLink, Handover]]:
        return [(o, g) for r in self.roles for g in r.gaps for o in r.objectives]


def _approx(*precisions: str) -> bool:
    return any(p != "day" for p in precisions)


def role_handovers(role: Role, postings: list[Posting], as_of: dt.date) -> list[Handover]:
    """Sweep the postings of one role in order of arrival (see the module documentation)."""
    dated = sorted((p for p in postings if p.start), key=lambda p: (p.start, p.end or dt.date.max, p.key))
    handovers: list[Handover] = []
    holder: Posting | None = None  # the posting that stays longest so far
    for posting in dated:
        if holder is None:
            holder = posting
            continue
        if holder.end is None:  # still there: an overlap without a known end
            continue
        approximate = _approx(holder.end_precision, posting.start_precision)
        uncovered = (posting.start - holder.end).days - 1
        if uncovered > 0:
            handovers.append(Handover(role, GAP, holder, posting, uncovered,
                                      holder.end + dt.timedelta(days=1),
                                      posting.start - dt.timedelta(days=1), approximate))
        elif uncovered == 0:
            handovers.append(Handover(role, ADJACENT, holder, posting, 0, None, None, approximate))
        else:
            shared_end = min(holder.end, posting.end or holder.end)
            handovers.append(Handover(role, OVERLAP, holder, posting,
                                      (shared_end - posting.start).days + 1, posting.start,
                                      shared_end, approximate))
        if posting.end is None or posting.end > holder.end:
            holder = posting
    if holder is not None and holder.end is not None:
        contribution_end = role.contribution.end
        needed_until = min(as_of, contribution_end) if contribution_end else as_of
        if holder.end < needed_until:
            handovers.append(Handover(role, NO_SUCCESSOR, holder, None, (needed_until - holder.end).days,
                                      holder.end + dt.timedelta(days=1), needed_until,
                                      _approx(holder.end_precision)))
    return handovers


def _months(days: list[int]) -> list[float]:
    return [round(d / DAYS_PER_MONTH, 1) for d in days]


def _summaries(rotations: list[RoleRotation]) -> tuple[PostKindSummary, ...]:
    grouped: dict[str, list[RoleRotation]] = defaultdict(list)
    for rotation in rotations:
        grouped[rotation.role.post_kind].append(rotation)
    result = []
    for kind in PostKind.values:
        items = grouped.get(kind)
        if not items:
            continue
        months = _months([d for r in items for d in r.tour_days])
        gaps = [g for r in items for g in r.gaps]
        overlaps = [o for r in items for o in r.overlaps]
        result.append(PostKindSummary(
            post_kind=kind, label=str(PostKind(kind).label), roles=len(items), tours=len(months),
            average_tour_months=round(statistics.fmean(months), 1) if months else None,
            median_tour_months=round(statistics.median(months), 1) if months else None,
            shortest_tour_months=min(months) if months else None,
            longest_tour_months=max(months) if months else None,
            gaps=len(gaps), gap_days=sum(g.days for g in gaps), overlaps=len(overlaps),
            average_overlap_days=round(statistics.fmean(o.days for o in overlaps), 1) if overlaps else None,
            without_successor=sum(1 for g in gaps if g.kind == NO_SUCCESSOR)))
    return tuple(result)


def rotation_analysis(*, user: Any, mission_keys: list[str] | None = None,
                      as_of: dt.date | None = None) -> RotationAnalysis:
    """Tour lengths, overlaps and handover gaps of every role in scope, per role and per kind of
    post, as of ``as_of`` (default: today). Three queries (plus the scope's)."""
    from missiemonitor.results.models import LongTermObjective

    as_of = as_of or timezone.localdate()
    scope = mission_scope(user=user, mission_keys=mission_keys)
    role_qs = Role.objects.visible_to(user).filter(scope.q())
    roles = list(role_qs.select_related("contribution__mission")
                 .order_by("mission__key", "contribution__order", "contribution__key", "key"))
    postings: dict[int, list[Posting]] = defaultdict(list)
    for posting in (Posting.objects.visible_to(user).filter(role_id__in=role_qs.values("pk"))
                    .order_by("role_id", "start", "key")):
        postings[posting.role_id].append(posting)
    links: dict[int, list[ObjectiveLink]] = defaultdict(list)
    for role_id, key, code, title, title_en in (
        LongTermObjective.objects.visible_to(user).filter(roles__in=role_qs.values("pk"))
        .annotate(role_pk=F("roles")).order_by("order", "key")
        .values_list("role_pk", "key", "code", "title", "title_en")
    ):
        links[role_id].append(ObjectiveLink(key, code, title, title_en))
    rotations = [RoleRotation(role=role, postings=tuple(postings[role.pk]),
                              handovers=tuple(role_handovers(role, postings[role.pk], as_of)),
                              objectives=tuple(links[role.pk]))
                 for role in roles]
    return RotationAnalysis(as_of=as_of, roles=tuple(rotations), by_post_kind=_summaries(rotations))


__all__ = ["ADJACENT", "GAP", "NO_SUCCESSOR", "OVERLAP", "Handover", "ObjectiveLink",
           "PostKindSummary", "RoleRotation", "RotationAnalysis", "role_handovers", "rotation_analysis"]
