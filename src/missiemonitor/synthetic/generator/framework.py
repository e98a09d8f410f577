"""Objectives and the results framework of a mission: two versions (the second a re-issue with
conditions added, retired, reworded, split and merged, linked by condition mappings), and the
long-term objectives with their conditions.

Each condition gets a *course* that the assessment builder follows: how its level moves over
time (progressing, stalled, regressing) and whether its assessments stop (go stale)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from missiemonitor.synthetic.generator import phrases
from missiemonitor.synthetic.generator.common import (
    MissionPlan,
    add_months,
    level_of,
    mark,
    month_text,
    pick_level,
    random_day,
)

SCALES = {  # key -> (ranks in order, met threshold)
    "mm-five-level": (("not-started", "initiated", "partially-met", "met", "sustained"), 3),
    "resolute-support-five-stage": (
        ("not-scoped", "scoped", "partially-capable", "fully-capable", "sustaining"),
        3,
    ),
    "met-not-met": (("not-met", "met"), 1),
}


@dataclass
class ConditionCourse:
    key: str
    level: int
    version: int  # 1 or 2
    active_from: dt.date
    active_until: dt.date
    scale: str
    start_rank: int
    profile: str  # "progress", "stalled", "regress"
    stale: bool
    lto: int = 1
    continues: str | None = None  # the earlier condition whose level it carries on from


def _force_patterns(
    plan: MissionPlan, courses: list[ConditionCourse], conditions: dict[str, dict[str, Any]]
) -> None:
    """Every mission shows each pattern at least once: a regression, a condition not met past
    its expected date, and a condition whose assessments have gone stale."""
    first_v1 = next(c for c in courses if c.version == 1)
    first_v1.profile = "regress"
    later = [c for c in courses if c.version == 2]
    behind = next((c for c in later if c.lto == 1), later[0])
    behind.profile = "stalled"
    behind.stale = False
    conditions[behind.key]["expected_by"] = add_months(plan.active_end, -3)
    stale = next((c for c in later if c.lto == 2 and c is not behind), later[-1])
    if stale is not behind:
        stale.stale = True


def _scale_for(plan: MissionPlan) -> str:
    if plan.lead == "nato":
        return "resolute-support-five-stage"
    if plan.lead == "bilateral" and plan.index % 2:
        return "met-not-met"
    return "mm-five-level"


def build_framework(plan: MissionPlan, rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    objectives = _objectives(plan, rng)
    scale = _scale_for(plan)
    framework_level = pick_level(rng, plan.level)
    host = f"Ministerie van Defensie van {plan.country.name}"
    host_en = f"Ministry of Defence of {plan.country.name}"
    v1_issued = add_months(plan.active_start, -rng.randint(0, 6)).replace(day=1)
    span = (plan.active_end - plan.active_start).days // 30
    v2_issued = add_months(plan.active_start, max(2, span // 2)).replace(day=1)
    versions = [
        {
            "key": f"{plan.key}-kader-v1",
            "label": "versie 1",
            "issued": month_text(v1_issued),
            "scale": scale,
            "progress_rule": "share-met",
        },
        {
            "key": f"{plan.key}-kader-v2",
            "label": "versie 2",
            "issued": month_text(v2_issued),
            "scale": scale,
            "progress_rule": "weakest" if plan.index % 3 == 1 else "share-met",
            "supersedes": f"{plan.key}-kader-v1",
            "description": "Herziene versie na de evaluatie van de partner.",
            "description_en": "Revised version after the partner's review.",
        },
    ]
    version_levels = [pick_level(rng, framework_level) for _ in versions]
    for version, level in zip(versions, version_levels, strict=True):
        mark(version, level)
    framework = mark(
        {
            "key": f"{plan.key}-kader",
            "mission": plan.key,
            "name": f"Resultatenkader {plan.acronym}",
            "name_en": f"Results framework {plan.acronym}",
            "owner": f"{plan.acronym} en {host}",
            "versions": versions,
        },
        framework_level,
    )
    mission_objective = objectives[1]["key"]
    adviser_roles = [
        key
        for key, _level, _d, kind in plan.refs_of("role")
        if kind in {"military-adviser", "civil-adviser", "police-officer"}
    ]
    texts = rng.sample(range(len(phrases.CONDITIONS)), len(phrases.CONDITIONS))
    titles = rng.sample(range(len(phrases.LTO_TITLES)), 4)
    lto_count = 3 if plan.index == 0 else rng.randint(2, 3)
    ltos: list[dict[str, Any]] = []
    mappings: list[dict[str, Any]] = []
    courses: list[ConditionCourse] = []
    window_until = plan.active_end
    for number in range(1, lto_count + 1):
        title, title_en = phrases.LTO_TITLES[titles[number - 1]]
        roles = adviser_roles[number - 1 : number] if number <= len(adviser_roles) else []
        expected = dt.date(plan.window_end.year + rng.randint(0, 3), 12, 31)
        v1 = _lto(
            plan,
            1,
            number,
            title,
            title_en,
            host,
            host_en,
            mission_objective,
            roles,
            expected,
            max(version_levels[0], pick_level(rng, version_levels[0])),
        )
        v2 = _lto(
            plan,
            2,
            number,
            title,
            title_en,
            host,
            host_en,
            mission_objective,
            roles,
            expected,
            max(version_levels[1], pick_level(rng, version_levels[1])),
        )
        if number == 2 and plan.index % 4 == 2:
            v2["progress_rule"] = "share-met"
        count = 3 if number == 1 else rng.randint(2, 4)
        v1_conditions = []
        for k in range(1, count + 1):
            text, text_en = phrases.CONDITIONS[texts.pop()] if texts else phrases.CONDITIONS[k]
            condition = _condition(rng, v1, k, text, text_en, plan, level_of(v1))
            v1_conditions.append(condition)
            courses.append(_course(rng, plan, condition, 1, v1_issued, v2_issued, scale, number, k))
        v1["conditions"] = v1_conditions
        v2["conditions"] = []
        _reissue(
            plan, rng, v1_conditions, v2, number, mappings, courses, v2_issued, window_until, scale
        )
        ltos += [v1, v2]
        for lto in (v1, v2):
            plan.add_ref("lto", lto["key"], level_of(lto), None, lto["framework_version"])
    plan.add_ref("version", versions[1]["key"], version_levels[1], v2_issued)
    conditions = {c["key"]: c for lto in ltos for c in lto["conditions"]}
    _force_patterns(plan, courses, conditions)
    plan.courses = courses
    return {
        "frameworks": [framework],
        "objectives": objectives,
        "long_term_objectives": ltos,
        "condition_mappings": mappings,
    }


def _objectives(plan: MissionPlan, rng: random.Random) -> list[dict[str, Any]]:
    mandate = plan.mandates[0]["key"]
    policy = mark(
        {
            "key": f"{plan.key}-doel-beleid",
            "mission": plan.key,
            "mandate": mandate,
            "level": "policy",
            "code": "B1",
            "title": f"Bijdragen aan stabiliteit en de internationale rechtsorde in {plan.country.name}",
            "title_en": f"Contribute to stability and the international legal order in {plan.country.name}",
            "order": 1,
        },
        plan.level,
    )
    mission = mark(
        {
            "key": f"{plan.key}-doel-missie",
            "mission": plan.key,
            "parent": policy["key"],
            "mandate": mandate,
            "level": "mission",
            "code": "M1",
            "title": f"De veiligheidssector van {plan.country.name} functioneert zelfstandig",
            "title_en": f"The security sector of {plan.country.name} functions on its own",
            "order": 2,
        },
        plan.level,
    )
    objectives = [policy, mission]
    for order, contribution in enumerate(plan.contributions[:3], start=1):
        title, title_en = phrases.OBJECTIVE_BY_KIND[contribution.kind]
        objective = mark(
            {
                "key": f"{plan.key}-doel-{contribution.short}",
                "mission": plan.key,
                "parent": mission["key"],
                "contribution": contribution.key,
                "level": "contribution",
                "code": f"C{order}",
                "title": title,
                "title_en": title_en,
                "order": 2 + order,
            },
            pick_level(rng, contribution.level),
        )
        objectives.append(objective)
    for objective in objectives:
        plan.add_ref(
            "objective", objective["key"], level_of(objective), None, objective.get("contribution")
        )
    return objectives


def _lto(
    plan: MissionPlan,
    version: int,
    number: int,
    title: str,
    title_en: str,
    host: str,
    host_en: str,
    objective: str,
    roles: list[str],
    expected: dt.date,
    level: int,
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "key": f"{plan.key}-v{version}-lto{number}",
        "framework_version": f"{plan.key}-kader-v{version}",
        "objective": objective,
        "code": f"LTO {number}",
        "title": title,
        "title_en": title_en,
        "owner": host,
        "owner_en": host_en,
        "expected_by": expected,
    }
    if number == 3:
        record["progress_rule"] = "weakest"
    if roles:
        record["roles"] = roles
    record["order"] = number
    return mark(record, level)


def _condition(
    rng: random.Random,
    lto: dict[str, Any],
    number: int,
    text: str,
    text_en: str,
    plan: MissionPlan,
    level: int,
    code: str | None = None,
) -> dict[str, Any]:
    expected = random_day(rng, add_months(plan.window_start, 6), add_months(plan.window_end, 24))
    record = {
        "key": f"{lto['key']}-c{number}",
        "code": code or f"{lto['code'][4:]}.{number}",
        "text": text,
        "text_en": text_en,
        "expected_by": expected,
        "order": number,
    }
    return mark(record, pick_level(rng, level))


def _course(
    rng: random.Random,
    plan: MissionPlan,
    condition: dict[str, Any],
    version: int,
    active_from: dt.date,
    active_until: dt.date,
    scale: str,
    lto: int,
    number: int,
    start_rank: int | None = None,
    continues: str | None = None,
) -> ConditionCourse:
    draw = rng.random()
    profile = "regress" if draw < 0.12 else "stalled" if draw < 0.35 else "progress"
    stale = rng.random() < 0.1
    levels = SCALES[scale][0]
    if start_rank is None:
        start_rank = 0 if len(levels) == 2 else rng.randint(0, 1)
    return ConditionCourse(
        key=condition["key"],
        level=level_of(condition),
        version=version,
        active_from=active_from,
        active_until=active_until,
        scale=scale,
        start_rank=start_rank,
        profile=profile,
        stale=stale,
        lto=lto,
        continues=continues,
    )


def _reissue(
    plan: MissionPlan,
    rng: random.Random,
    old: list[dict[str, Any]],
    lto: dict[str, Any],
    lto_number: int,
    mappings: list[dict[str, Any]],
    courses: list[ConditionCourse],
    issued: dt.date,
    until: dt.date,
    scale: str,
) -> None:
    """The second version of an LTO's conditions: kept, reworded, split, merged, retired, added."""
    new = lto["conditions"]
    level = level_of(lto)
    mid_rank = 1 if len(SCALES[scale][0]) > 2 else 0

    def add(
        text: str,
        text_en: str,
        *,
        retired: bool = False,
        start_rank: int | None = None,
        continues: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        number = len(new) + 1
        condition = _condition(rng, lto, number, text, text_en, plan, level)
        if retired:
            condition["retired"] = True
        new.append(condition)
        if not retired:
            courses.append(
                _course(
                    rng,
                    plan,
                    condition,
                    2,
                    issued,
                    until,
                    scale,
                    lto_number,
                    number,
                    start_rank=start_rank,
                    continues=continues["key"] if continues else None,
                )
            )
        return condition

    def link(source: dict[str, Any], target: dict[str, Any], relation: str) -> None:
        record = {
            "key": f"{plan.key}-map-{len(mappings) + 1}",
            "source": source["key"],
            "target": target["key"],
            "relation": relation,
        }
        mappings.append(mark(record, pick_level(rng, level_of(target))))

    merge_last = len(old) >= 3 and ((lto_number == 2 and plan.index % 2 == 0) or rng.random() < 0.1)
    for position, condition in enumerate(old):
        last = position == len(old) - 1
        draw = rng.random()
        if merge_last and position == len(old) - 2:
            merged = add(
                condition["text"][:-1] + "; " + _lower_first(old[-1]["text"]),
                condition["text_en"][:-1] + "; " + _lower_first(old[-1]["text_en"]),
                start_rank=mid_rank,
                continues=condition,
            )
            link(condition, merged, "merged")
            link(old[-1], merged, "merged")
            break
        if (lto_number == 1 and last) or draw < 0.12:
            link(condition, add(condition["text"], condition["text_en"], retired=True), "same")
        elif (lto_number == 1 and position == 0) or draw < 0.35:
            link(
                condition,
                add(
                    phrases.REWORDED[0] + _lower_first(condition["text"]),
                    phrases.REWORDED[1] + _lower_first(condition["text_en"]),
                    start_rank=mid_rank,
                    continues=condition,
                ),
                "reworded",
            )
        elif draw < 0.42 or (lto_number == 2 and position == 0 and plan.index % 3 == 0):
            for part in (1, 2):
                link(
                    condition,
                    add(
                        f"{condition['text'][:-1]} (deel {part}).",
                        f"{condition['text_en'][:-1]} (part {part}).",
                        start_rank=mid_rank,
                        continues=condition,
                    ),
                    "split",
                )
        else:
            link(
                condition,
                add(
                    condition["text"],
                    condition["text_en"],
                    start_rank=mid_rank,
                    continues=condition,
                ),
                "same",
            )
    if lto_number == 2 or rng.random() < 0.4:
        text, text_en = phrases.CONDITIONS[(plan.index + lto_number * 5) % len(phrases.CONDITIONS)]
        add("Nieuw: " + _lower_first(text), "New: " + _lower_first(text_en))


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]
