"""Condition assessments over time, following each condition's course, with evidence of every
kind (a finding, an observation, a field report, a document).

Most assessments are approved; the latest of some conditions is still a draft, submitted, or
returned with a comment. Levels rise, stall or fall back; some conditions stop being assessed
(stale) and some stay below "met" past their expected date."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator
from typing import Any

from missiemonitor.synthetic.generator.common import (
    MissionPlan,
    add_days,
    add_months,
    mark,
    pick_level,
)
from missiemonitor.synthetic.generator.framework import SCALES, ConditionCourse

RATIONALE = {
    "first": (
        "Eerste beoordeling na vaststelling van het kader.",
        "First assessment after the framework was adopted.",
    ),
    "up": (
        "De partner heeft aantoonbaar stappen gezet.",
        "The partner has demonstrably taken steps.",
    ),
    "same": (
        "Geen wezenlijke verandering sinds de vorige beoordeling.",
        "No material change since the previous assessment.",
    ),
    "down": (
        "Teruggang door personeelsverloop bij de partner.",
        "Regression due to staff turnover at the partner.",
    ),
}
EVIDENCE_KINDS = ("finding", "observation", "field-report", "document")
REF_KIND = {
    "finding": "finding",
    "observation": "observation",
    "field-report": "field_report",
    "document": "source",
}
FIELD = {
    "finding": "finding",
    "observation": "observation",
    "field-report": "field_report",
    "document": "document",
}
CONFIDENCE = ("low", "medium", "medium", "high")


def build_assessments(plan: MissionPlan, rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    assessments: list[dict[str, Any]] = []
    last_rank: dict[str, int] = {}
    # Evidence kinds take turns, so that every kind occurs in every mission.
    kinds = itertools.islice(
        itertools.cycle(EVIDENCE_KINDS), plan.index % len(EVIDENCE_KINDS), None
    )
    courses: list[ConditionCourse] = plan.courses
    pending = {"draft": None, "submitted": None, "returned": None}
    # Every mission has a condition whose latest assessment is a draft, one submitted and one
    # returned; take them from the end, away from the forced patterns of the first ones.
    candidates = [c for c in courses if c.version == 2 and not c.stale and c.profile != "regress"][
        ::-1
    ]
    for state, course in zip(pending, candidates[:3], strict=False):
        pending[state] = course.key
    for course in courses:
        state_of_last = next((s for s, key in pending.items() if key == course.key), None)
        if course.profile == "regress":
            state_of_last = "approved"  # the fall back is on record
        elif state_of_last is None:
            draw = rng.random()
            state_of_last = (
                "draft"
                if draw < 0.06
                else "submitted"
                if draw < 0.12
                else "returned"
                if draw < 0.16
                else "approved"
            )
        assessments += _course_assessments(plan, rng, course, last_rank, state_of_last, kinds)
    return {"assessments": assessments}


def _dates(plan: MissionPlan, rng: random.Random, course: ConditionCourse) -> list[dt.date]:
    first = max(course.active_from, add_months(plan.window_start, -6), plan.start)
    until = min(course.active_until, plan.active_end)
    if course.stale:  # assessed for a while, then no longer
        until = min(until, add_months(plan.active_end, -9))
    dates = []
    day = add_days(first, rng.randint(20, 100))
    while day <= until:
        dates.append(day)
        day = add_days(day, rng.randint(240, 365))
    if course.stale and not dates:  # at least one, long ago
        dates = [add_days(first, 15)]
    if course.profile == "regress" and len(dates) < 3 and until > first:
        # A regression needs a rise and a fall: assess more often.
        step = max(1, (until - first).days // 4)
        dates = [add_days(first, step * n) for n in range(1, 4)]
    return dates


def _course_assessments(
    plan: MissionPlan,
    rng: random.Random,
    course: ConditionCourse,
    last_rank: dict[str, int],
    final_state: str,
    kinds: Iterator[str],
) -> list[dict[str, Any]]:
    levels, threshold = SCALES[course.scale]
    top = len(levels) - 1
    rank = (
        last_rank.get(course.continues, course.start_rank)
        if course.continues
        else course.start_rank
    )
    if course.profile == "stalled":
        rank = min(rank, threshold - 1)
    dates = _dates(plan, rng, course)
    records = []
    fell = False
    for n, day in enumerate(dates):
        previous = rank
        if n > 0 or course.continues:
            if course.profile == "progress" and rng.random() < 0.55:
                rank = min(top, rank + 1)
            elif course.profile == "stalled":
                rank = min(threshold - 1, rank + (1 if rng.random() < 0.2 else 0))
            elif course.profile == "regress":
                if not fell and n >= 2 and rank > 0:
                    rank, fell = rank - 1, True
                elif not fell:
                    rank = min(top, rank + 1)
        if n == 0 and not course.continues:
            reason = "first"
        else:
            reason = "up" if rank > previous else "down" if rank < previous else "same"
        state = final_state if n == len(dates) - 1 else "approved"
        records.append(
            _assessment(plan, rng, course, n + 1, day, levels[rank], reason, state, kinds)
        )
        if state == "approved":
            last_rank[course.key] = rank
    return records


def _assessment(
    plan: MissionPlan,
    rng: random.Random,
    course: ConditionCourse,
    number: int,
    day: dt.date,
    level_code: str,
    reason: str,
    state: str,
    kinds: Iterator[str],
) -> dict[str, Any]:
    level = pick_level(rng, course.level)
    record: dict[str, Any] = {
        "key": f"{course.key}-b{number:02d}",
        "condition": course.key,
        "level": level_code,
        "date": day,
    }
    if reason != "same":  # an unchanged level needs no new explanation
        record["rationale"], record["rationale_en"] = RATIONALE[reason]
    record["assessor_name"] = f"Adviseurs {plan.acronym}"
    if state in {"approved", "returned"}:
        record["reviewer_name"] = "Directie Oefenmonitoring"
    if state != "draft":
        record["state"] = state
    if state == "returned":
        record["review_comment"] = "Graag het bewijs uit het laatste monitoringsbezoek toevoegen."
    mark(record, level)
    record["evidence"] = _evidence(plan, rng, record["key"], day, level, next(kinds))
    return record


def _evidence(
    plan: MissionPlan, rng: random.Random, key: str, day: dt.date, level: int, kind: str
) -> list[dict[str, Any]]:
    """One item, its kind taking turns so that every kind occurs; a document when nothing of
    the kind in turn exists yet."""
    found = plan.refs_of(REF_KIND[kind], before=day)
    if not found:
        kind, found = "document", plan.refs_of("source")
    target, target_level, _day, _extra = found[-1] if kind != "document" else rng.choice(found)
    item = {
        "key": f"{key}-e1",
        "kind": kind,
        FIELD[kind]: target,
        "confidence": CONFIDENCE[rng.randrange(len(CONFIDENCE))],
    }
    if item["confidence"] == "medium":
        del item["confidence"]  # the default
    return [mark(item, max(pick_level(rng, level), target_level))]
