"""A mission, its mandates with planned contributions, its contributions with assets and
milestones, and the roles that staff them with their postings (rotations)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from missiemonitor.synthetic.generator import vocab
from missiemonitor.synthetic.generator.common import (
    ContributionPlan,
    Country,
    MissionPlan,
    Options,
    add_days,
    add_months,
    end_of_month,
    level_of,
    mark,
    month_end,
    month_text,
    pick_level,
)
from missiemonitor.synthetic.generator.shared import mission_sources

DOSSIER = "99999"  # no such Kamerstuk dossier exists; the mandates are fictional
# The first missions cover every kind of lead and mission, so that small runs show them all.
FIRST_MISSIONS = (
    ("nato", "mixed"),
    ("eu", "civil"),
    ("coalition", "military"),
    ("un", "mixed"),
    ("bilateral", "military"),
)


def plan_mission(options: Options, index: int, country: Country, rng: random.Random) -> MissionPlan:
    round_, position = divmod(index, len(vocab.PHONETIC))
    word = vocab.PHONETIC[position]
    suffix = str(round_ + 1) if round_ else ""
    if index < len(FIRST_MISSIONS):
        lead, kind = FIRST_MISSIONS[index]
    else:
        lead = rng.choice(sorted(vocab.LEADS))
        kind = rng.choice(vocab.KINDS_BY_LEAD[lead])
    window_start, window_end = dt.date(options.start, 1, 1), dt.date(options.end_year, 12, 31)
    if index == 0 or rng.random() < 0.6:
        start = add_months(window_start, -rng.randint(6, 48))
    else:
        start = add_months(window_start, rng.randrange(max(1, options.years * 12 // 3)))
    end = None
    if index > 0 and options.years >= 3 and rng.random() < 0.2:
        end = month_end(
            options.end_year - rng.randrange(max(1, options.years // 3)), rng.randint(1, 12)
        )
        end = max(end, end_of_month(add_months(start, 18)))
        if end >= window_end:
            end = None
    # A classified mission makes everything of it at least as classified; keep that rare.
    level = 0 if index == 0 else pick_level(rng, share=0.04)
    return MissionPlan(
        index=index,
        key=word.lower() + suffix,
        name=f"Oefenmissie {word}" + (f" {suffix}" if suffix else ""),
        name_en=f"Exercise Mission {word}" + (f" {suffix}" if suffix else ""),
        acronym=f"OM-{word.upper()}{suffix}",
        lead=lead,
        kind=kind,
        country=country,
        start=start.replace(day=1),
        end=end,
        level=level,
        window_start=window_start,
        window_end=window_end,
    )


def mission_record(plan: MissionPlan) -> dict[str, Any]:
    lead_nl, lead_en = vocab.LEADS[plan.lead]
    record = {
        "key": plan.key,
        "name": plan.name,
        "name_en": plan.name_en,
        "acronym": plan.acronym,
        "lead": plan.lead,
        "kind": plan.kind,
        "area": plan.country.name,
        "description": f"Fictieve {lead_nl} in {plan.country.name}, gegenereerd voor demonstraties en tests.",
        "description_en": f"Fictional {lead_en} in {plan.country.name}, generated for demonstrations and tests.",
        "start": month_text(plan.start),
    }
    if plan.end:
        record["end"] = month_text(plan.end)
    return mark(record, plan.level)


def contribution_kinds(plan: MissionPlan, rng: random.Random) -> list[str]:
    if plan.index == 0:
        return [
            "military-advisers",
            "civil-advisers",
            "force-protection",
            "helicopter-detachment",
            "police",
        ]
    military = ["military-advisers", *rng.sample(vocab.MILITARY_EXTRA, rng.randint(1, 3))]
    civil = ["civil-advisers", *rng.sample(vocab.CIVIL_EXTRA, rng.randint(0, 2))]
    if plan.kind == "military":
        return military
    if plan.kind == "civil":
        return civil
    return military[:3] + civil[:2]


def build_missions(plan: MissionPlan, rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    """Mandates, contributions and roles; fills ``plan.mandates`` and ``plan.contributions``."""
    kinds = contribution_kinds(plan, rng)
    # The last kind arrives later, under a supplementary mandate, when there is time for one.
    late = (
        len(kinds) > 2
        and (plan.index == 0 or rng.random() < 0.5)
        and plan.active_end >= add_months(plan.active_start, 9)
    )
    initial = kinds[:-1] if late else kinds
    mandates = [_mandate(plan, rng, 1, add_days(plan.start, -rng.randint(20, 75)), "article-100")]
    contributions: list[dict[str, Any]] = []
    for order, kind in enumerate(initial):
        planned = _planned(plan, rng, mandates[0], kind, plan.start)
        contributions.append(
            _contribution(plan, rng, order, kind, planned, [mandates[0]["key"]], plan.start)
        )
    if plan.index == 0 or rng.random() < 0.6:  # a planned contribution that never came
        spare = next(
            k
            for k in ("staff-officers", "civil-experts", "special-forces", "command")
            if k not in kinds
        )
        _planned(plan, rng, mandates[0], spare, plan.start)
    if late:
        date = add_months(
            plan.active_start,
            rng.randint(3, max(3, (plan.active_end - plan.active_start).days // 60)),
        )
        supplement = _mandate(plan, rng, 2, date, "article-100-supplement")
        mandates.append(supplement)
        arrival = add_months(date, rng.randint(1, 3)).replace(day=1)
        planned = _planned(
            plan, rng, supplement, kinds[-1], add_months(arrival, -1)
        )  # came a month late
        contributions.append(
            _contribution(
                plan,
                rng,
                len(initial),
                kinds[-1],
                planned,
                [mandates[0]["key"], supplement["key"]],
                arrival,
            )
        )
    plan.mandates = mandates
    sources = mission_sources(plan, rng)
    roles = [
        role for contribution in plan.contributions for role in _roles(plan, rng, contribution)
    ]
    return {
        "sources": sources,
        "mandates": mandates,
        "contributions": contributions,
        "roles": roles,
    }


def _mandate(
    plan: MissionPlan, rng: random.Random, number: int, date: dt.date, kind: str
) -> dict[str, Any]:
    what = (
        "de Nederlandse bijdrage aan"
        if number == 1
        else "de uitbreiding van de Nederlandse bijdrage aan"
    )
    what_en = (
        "the Dutch contribution to" if number == 1 else "the extension of the Dutch contribution to"
    )
    record = {
        "key": f"{plan.key}-mandaat-{number}",
        "kind": kind,
        "title": f"Artikel 100-brief over {what} {plan.name} in {plan.country.name}",
        "title_en": f"Article 100 letter on {what_en} {plan.name_en} in {plan.country.name}",
        "short_title": f"de {'aanvullende ' if number > 1 else ''}artikel 100-brief over {plan.acronym}",
        "short_title_en": f"the {'supplementary ' if number > 1 else ''}article 100 letter on {plan.acronym}",
        "dossier": DOSSIER,
        "number": plan.index * 4 + number,
        "date": date,
        "missions": [plan.key],
        "planned_contributions": [],
    }
    return mark(record, plan.level)


def _planned(
    plan: MissionPlan, rng: random.Random, mandate: dict[str, Any], kind: str, start: dt.date
) -> dict[str, Any]:
    _short, name, name_en, _ministry, _post, (low, high), _tour = vocab.CONTRIBUTION_KINDS[kind]
    items = mandate["planned_contributions"]
    headcount = rng.randint(low, high)
    record = {
        "key": f"{mandate['key']}-plan-{len(items) + 1}",
        "mission": plan.key,
        "kind": kind,
        "description": f"{name} voor {plan.acronym}",
        "description_en": f"{name_en} for {plan.acronym}",
        "planned_headcount": headcount,
        "start": month_text(start),
        "end": month_text(add_months(start, 12 * rng.randint(1, 3) - 1)),
    }
    if headcount > 40 and rng.random() < 0.5:
        record["headcount_approximately"] = True
    items.append(mark(record, max(plan.level, level_of(mandate))))
    return record


def _contribution(
    plan: MissionPlan,
    rng: random.Random,
    order: int,
    kind: str,
    planned: dict[str, Any],
    mandates: list[str],
    start: dt.date,
) -> dict[str, Any]:
    short, name, name_en, ministry, _post, (_low, _high), _tour = vocab.CONTRIBUTION_KINDS[kind]
    key = f"{plan.key}-{short}"
    start = add_months(start, rng.randrange(3)).replace(day=1)
    end = plan.end
    earliest = max(add_months(start, 12), add_months(plan.window_start, 6))
    if (
        plan.index > 0
        and order > 0
        and rng.random() < 0.25
        and plan.active_end > add_months(earliest, 3)
    ):
        # Ended early, inside the window, with its handover and redeployment.
        end = end_of_month(
            add_months(earliest, rng.randrange((plan.active_end - earliest).days // 31))
        )
    actual = planned["planned_headcount"]
    if order == 0 or rng.random() < 0.3:  # realised at a different size
        actual = max(1, round(actual * rng.choice((0.6, 0.75, 0.8, 1.2, 1.3))))
    level = pick_level(rng, plan.level)
    places = plan.country.location_keys
    location = places["base"] if ministry == "def" else places["capital"]
    record: dict[str, Any] = {
        "key": key,
        "mission": plan.key,
        "name": f"{name} {plan.acronym}",
        "name_en": f"{name_en} {plan.acronym}",
        "kind": kind,
        "ministry": ministry,
        "mandates": mandates,
        "realises": [planned["key"]],
        "partner_nations": sorted(rng.sample(vocab.PARTNER_NATIONS, rng.randint(0, 3))),
        "locations": [location],
        "planned_headcount": planned["planned_headcount"],
        "actual_headcount": actual,
        "start": month_text(start),
    }
    if not record["partner_nations"]:
        del record["partner_nations"]
    if planned.get("headcount_approximately"):
        record["headcount_approximately"] = True
    if end:
        record["end"] = month_text(end)
    record["order"] = order + 1
    contribution = ContributionPlan(
        key=key,
        kind=kind,
        short=short,
        name=record["name"],
        name_en=record["name_en"],
        start=start,
        end=end,
        level=level,
        headcount=actual,
    )
    plan.contributions.append(contribution)
    _assets_and_milestones(plan, rng, record, contribution, level)
    return mark(record, level)


def _assets_and_milestones(
    plan: MissionPlan,
    rng: random.Random,
    record: dict[str, Any],
    contribution: ContributionPlan,
    level: int,
) -> None:
    key = contribution.key
    if contribution.kind in vocab.ASSETS:
        (asset_type, asset_type_en), (low, high) = vocab.ASSETS[contribution.kind]
        asset = {
            "key": f"{key}-asset-1",
            "asset_type": asset_type,
            "asset_type_en": asset_type_en,
            "count": rng.randint(low, high),
        }
        if contribution.kind == "force-protection" and rng.random() < 0.5:
            asset["count_approximately"] = True
        asset_level = pick_level(rng, level)
        record["assets"] = [mark(asset, asset_level)]
        plan.add_ref("asset", asset["key"], asset_level)
        plan.add_ref("asset-count", contribution.key, asset_level, None, asset["count"])
    host = f"Strijdkrachten van {plan.country.name}"
    milestones = [
        {
            "key": f"{key}-ms-1",
            "kind": "start",
            "date": contribution.start,
            "text": f"Start van de bijdrage {contribution.name}.",
            "text_en": f"Start of the contribution {contribution.name_en}.",
        }
    ]
    if contribution.end and contribution.end <= plan.window_end:
        last_ops = add_days(contribution.end, -rng.randint(20, 40))
        milestones += [
            {
                "key": f"{key}-ms-2",
                "kind": "handover",
                "date": last_ops,
                "counterpart": host,
                "text": "Overdracht van de taken aan de partner.",
                "text_en": "Handover of the tasks to the partner.",
            },
            {
                "key": f"{key}-ms-3",
                "kind": "end-of-operations",
                "date": add_days(last_ops, 1),
                "text": "Einde van de operaties.",
                "text_en": "End of operations.",
            },
            {
                "key": f"{key}-ms-4",
                "kind": "redeployment",
                "date": month_text(contribution.end),
                "text": "Terugkeer naar Nederland.",
                "text_en": "Redeployment to the Netherlands.",
            },
        ]
    else:
        milestones.append(
            {
                "key": f"{key}-ms-2",
                "kind": "redeployment",
                "planned": True,
                "date": month_text(add_months(plan.window_end, rng.randint(3, 12))),
                "text": "Voorziene terugkeer naar Nederland.",
                "text_en": "Planned redeployment to the Netherlands.",
            }
        )
    record["milestones"] = [mark(m, pick_level(rng, level)) for m in milestones]
    for m in record["milestones"]:
        plan.add_ref("milestone", m["key"], level_of(m), contribution.start, contribution.key)


def _roles(
    plan: MissionPlan, rng: random.Random, contribution: ContributionPlan
) -> list[dict[str, Any]]:
    _short, _name, _name_en, _ministry, post_kind, _range, (tour_low, tour_high) = (
        vocab.CONTRIBUTION_KINDS[contribution.kind]
    )
    names = vocab.ROLE_NAMES[post_kind]
    count = 1 if post_kind in {"unit", "special-forces"} else min(len(names), rng.randint(1, 3))
    if contribution.kind in {"military-advisers", "civil-advisers"}:
        count = max(2, count)
    location = plan.country.location_keys["base" if _ministry == "def" else "capital"]
    roles = []
    for number in range(1, count + 1):
        name, name_en = names[number - 1]
        headcount = contribution.headcount if post_kind == "unit" else rng.randint(1, 2)
        level = pick_level(rng, contribution.level)
        key = f"{contribution.key}-rol-{number}"
        role: dict[str, Any] = {
            "key": key,
            "contribution": contribution.key,
            "name": name,
            "name_en": name_en,
            "post_kind": post_kind,
            "headcount": headcount,
            "location": location,
        }
        # The first adviser role of each mission has a handover gap; the last has no successor.
        adviser = post_kind in {"military-adviser", "civil-adviser"}
        force_gap = adviser and number == 1
        stop_early = adviser and number == count and contribution.kind == "civil-advisers"
        role["postings"] = _postings(
            plan,
            rng,
            contribution,
            key,
            headcount,
            level,
            (tour_low, tour_high),
            force_gap,
            stop_early,
            post_kind == "unit",
        )
        roles.append(mark(role, level))
        contribution.roles.append(role)
        contribution.role_levels[key] = level
        plan.add_ref("role", key, level, None, post_kind)
    return roles


def _postings(
    plan: MissionPlan,
    rng: random.Random,
    contribution: ContributionPlan,
    role_key: str,
    headcount: int,
    level: int,
    tour: tuple[int, int],
    force_gap: bool,
    stop_early: bool,
    unit: bool,
) -> list[dict[str, Any]]:
    limit = min(contribution.end or plan.window_end, plan.window_end)
    if stop_early:
        limit = add_months(limit, -rng.randint(3, 5))
    cursor = contribution.start
    while add_months(cursor, tour[1]) < plan.window_start:  # skip tours long before the window
        cursor = add_months(cursor, tour[1])
    postings: list[dict[str, Any]] = []
    while cursor <= limit:
        months = rng.randint(*tour)
        end = add_days(add_months(cursor, months), -1)
        if contribution.end:
            end = min(end, contribution.end)
        number = len(postings) + 1
        posting: dict[str, Any] = {"key": f"{role_key}-p{number:02d}", "start": cursor, "end": end}
        if unit:
            posting["headcount"] = max(
                1, headcount + rng.randint(-headcount // 10, headcount // 10)
            )
            if rng.random() < 0.3:
                posting["headcount_approximately"] = True
        elif headcount > 1:
            posting["headcount"] = headcount
        postings.append(mark(posting, pick_level(rng, level)))
        draw = rng.random()
        if (force_gap and number == 2) or draw < 0.12:
            cursor = add_days(end, rng.randint(10, 45))  # the successor arrives late
        elif draw < 0.4:
            cursor = add_days(end, -rng.randint(3, 14))  # a handover overlap
        else:
            cursor = add_days(end, 1)
        if contribution.end and cursor > contribution.end:
            break
    return postings
