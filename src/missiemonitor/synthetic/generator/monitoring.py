"""Monitoring of a mission: visits with findings and follow-up actions (some overdue, some done
with an adjustment to a contribution, objective or mandate), reporting schedules, and field
reports in every status with some periods missing."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from missiemonitor.synthetic.generator import phrases
from missiemonitor.synthetic.generator.common import (
    MissionPlan,
    add_days,
    add_months,
    end_of_month,
    level_of,
    mark,
    pick_level,
    random_day,
)
from missiemonitor.synthetic.generator.shared import ORG_EVALUATION, ORG_MONITORING

RETURN_COMMENT = "Onderbouwing ontbreekt; graag de cijfers per maand toevoegen."


def build_monitoring(plan: MissionPlan, rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    visits = _visits(plan, rng)
    schedules, reports = _field_reports(plan, rng)
    return {"monitoring_visits": visits, "reporting_schedules": schedules, "field_reports": reports}


def _visits(plan: MissionPlan, rng: random.Random) -> list[dict[str, Any]]:
    visits = []
    years = plan.years()
    for n, year in enumerate(years):
        if n > 0 and plan.index > 0 and rng.random() < 0.3:
            continue
        low = max(dt.date(year, 2, 1), plan.active_start)
        high = min(dt.date(year, 10, 31), add_days(plan.active_end, -10))
        if high < low:
            continue
        start = random_day(rng, low, high)
        level = pick_level(rng, plan.level)
        key = f"{plan.key}-bezoek-{year}"
        visit: dict[str, Any] = {
            "key": key,
            "mission": plan.key,
            "title": f"Monitoringsbezoek {plan.acronym} {year}",
            "title_en": f"Monitoring visit {plan.acronym} {year}",
            "start": start,
            "end": add_days(start, rng.randint(3, 7)),
            "organisations": [ORG_MONITORING] + ([ORG_EVALUATION] if rng.random() < 0.5 else []),
            "missions": [plan.key],
            "scope": "Alle Nederlandse bijdragen.",
            "scope_en": "All Dutch contributions.",
            "purpose": "Doelbereik en bijsturing beoordelen.",
            "purpose_en": "Assess results and adjustments.",
            "mandate": plan.mandates[0]["key"],
        }
        mark(visit, level)
        visit["findings"] = _findings(plan, rng, visit, n == 0, n == len(years) - 1)
        visits.append(visit)
        plan.add_ref("visit", key, level, start)
    return visits


def _findings(
    plan: MissionPlan, rng: random.Random, visit: dict[str, Any], first: bool, last: bool
) -> list[dict[str, Any]]:
    findings = []
    visit_end: dt.date = visit["end"]
    kinds = {c.kind: c.key for c in plan.contributions}
    # Findings that fit the mission: one about a contribution it has, or about its objective.
    fitting = [
        f for f in phrases.FINDINGS if f[2] is None or f[2] == () or any(k in kinds for k in f[2])
    ]
    chosen = rng.sample(fitting, min(len(fitting), rng.randint(1, 2) + first))
    if first:  # the first visit's first action is done; missions take turns in what it adjusted
        wanted = ("contribution", "objective", "mandate")[plan.index % 3]
        lead = next(f for f in fitting if f[3][4] == wanted)
        chosen = [lead, *(f for f in chosen if f is not lead)]
    for order, (text, text_en, concerns, action) in enumerate(chosen, start=1):
        level = pick_level(rng, level_of(visit))
        finding: dict[str, Any] = {
            "key": f"{visit['key']}-f{order}",
            "text": text,
            "text_en": text_en,
        }
        if concerns is None:
            finding["objective"] = f"{plan.key}-doel-missie"
        else:
            finding["contribution"] = next(
                (kinds[k] for k in concerns if k in kinds), plan.contributions[0].key
            )
        finding["order"] = order
        mark(finding, level)
        forced = "done" if first and order == 1 else "overdue" if last and order == 1 else None
        finding["actions"] = [_action(plan, rng, finding, action, visit_end, level, forced)]
        findings.append(finding)
        plan.add_ref("finding", finding["key"], level, visit_end)
    return findings


def _action(
    plan: MissionPlan,
    rng: random.Random,
    finding: dict[str, Any],
    action: tuple[str, ...],
    since: dt.date,
    level: int,
    forced: str | None,
) -> dict[str, Any]:
    description, description_en, adjustment, adjustment_en, adjusts = action
    due = add_months(since, rng.randint(2, 8))
    record: dict[str, Any] = {
        "key": f"{finding['key']}-a1",
        "description": description,
        "description_en": description_en,
        "owner": rng.choice(phrases.OWNERS) + f" {plan.acronym}",
        "due": due,
    }
    horizon = plan.active_end
    draw = rng.random()
    if forced == "overdue":
        record["due"] = due = min(due, add_days(horizon, -20))
        draw = 0.6
    if forced == "done":
        draw = 0.0
    if due > horizon:
        record["status"] = "open" if draw < 0.5 else "in-progress"
    elif draw < 0.55:  # done, with the adjustment (bijsturing) it made
        record["status"] = "done"
        record["completed_on"] = min(
            random_day(rng, add_days(since, 7), add_days(due, 45)), horizon
        )
        record["adjustment"], record["adjustment_en"] = adjustment, adjustment_en
        if adjusts == "contribution":
            record["adjusted_contribution"] = (
                finding.get("contribution") or plan.contributions[0].key
            )
        elif adjusts == "objective":
            record["adjusted_objective"] = finding.get("objective") or f"{plan.key}-doel-missie"
        else:
            record["adjusted_mandate"] = plan.mandates[-1]["key"]
    elif draw < 0.85:
        record["status"] = "open" if draw < 0.7 else "in-progress"  # past its due date: overdue
    else:
        record["status"] = "cancelled"
    if record["status"] == "open":
        del record["status"]  # the default
    return mark(record, pick_level(rng, level))


def _periods(first: dt.date, last: dt.date, months: int) -> list[tuple[dt.date, dt.date]]:
    start = dt.date(first.year, (first.month - 1) // months * months + 1, 1)
    periods = []
    while start <= last:
        end = end_of_month(add_months(start, months - 1))
        periods.append((start, end))
        start = add_days(end, 1)
    return periods


def _field_reports(
    plan: MissionPlan, rng: random.Random
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    schedules, reports = [], []
    for position, contribution in enumerate(plan.contributions[:2]):
        first = max(contribution.start, plan.window_start)
        last = min(contribution.end or plan.active_end, plan.active_end)
        if last <= first:
            continue
        monthly = position == 0 and plan.index % 2 == 0
        months = 1 if monthly else 3
        periods = _periods(first, last, months)
        level = pick_level(rng, contribution.level)
        schedule: dict[str, Any] = {
            "key": f"{contribution.key}-schema",
            "contribution": contribution.key,
            "frequency": "monthly" if monthly else "quarterly",
            "start": periods[0][0],
        }
        if contribution.end and contribution.end <= plan.window_end:
            schedule["end"] = periods[-1][1]
        if not monthly:
            schedule["due_days"] = 20
        schedules.append(mark(schedule, level))
        for n, (start, end) in enumerate(periods):
            report = _report(
                plan,
                rng,
                contribution.key,
                contribution.short,
                start,
                end,
                monthly,
                n,
                len(periods),
                level,
            )
            if report is not None:
                reports.append(report)
    return schedules, reports


STATUSES = (
    ("approved", 0.72),
    ("submitted", 0.08),
    ("returned", 0.05),
    ("draft", 0.07),
    (None, 0.08),
)


def _report(
    plan: MissionPlan,
    rng: random.Random,
    contribution: str,
    short: str,
    start: dt.date,
    end: dt.date,
    monthly: bool,
    n: int,
    count: int,
    schedule_level: int,
) -> dict[str, Any] | None:
    # Every schedule shows each status and a missing period; the rest is drawn.
    forced = {count - 1: "draft", count - 2: "submitted", count - 3: "returned", 1: None}
    if n in forced and count >= 5:
        status = forced[n]
    elif n == 0:
        status = "approved"
    else:
        draw, status = rng.random(), "approved"
        for option, chance in STATUSES:
            if draw < chance:
                status = option
                break
            draw -= chance
    if status is None:
        return None  # a missing period
    tag = f"{start.year}-{start.month:02d}"
    period = tag if monthly else f"{tag}..{end.year}-{end.month:02d}"
    record: dict[str, Any] = {
        "key": f"{contribution}-rap-{tag}",
        "contribution": contribution,
        "period": period,
    }
    if status != "draft":
        record["status"] = status
        # Submitted within the days allowed, or (about one in five) late.
        allowed = 10 if monthly else 20
        days = rng.randint(allowed + 2, allowed + 25) if rng.random() < 0.2 else rng.randint(1, allowed)
        submitted = add_days(end, days)
        record["submitted_at"] = f"{submitted.isoformat()}T09:00:00Z"
        if status in {"approved", "returned"}:
            record["reviewed_at"] = f"{add_days(submitted, rng.randint(1, 7)).isoformat()}T14:00:00Z"
    if not monthly:
        record["summary"] = "Kwartaalrapportage over inzet, resultaten en risico's."
    if not monthly or status != "approved":
        record["author_name"] = f"Commandant {short.upper()}"
    if status == "returned":
        record["reviewer_name"] = "Directie Oefenmonitoring"
        record["review_comment"] = RETURN_COMMENT
    level = pick_level(rng, schedule_level)
    if status in {"approved", "submitted"}:
        plan.add_ref("field_report", record["key"], level, end)
    return mark(record, level)
