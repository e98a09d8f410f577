"""The context of a mission (events of every category, with figures; two sources that disagree
on the date of the elections; threat assessments over time; incidents) and its spending per
year by budget source, including years before the generated window."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from missiemonitor.synthetic.generator import phrases, vocab
from missiemonitor.synthetic.generator.common import (
    MissionPlan,
    add_months,
    mark,
    month_text,
    pick_level,
    random_day,
)

CATEGORIES = tuple(phrases.EVENTS)
SEVERITIES = (("minor", 50), ("serious", 30), ("critical", 15), ("fatal", 5))
INCIDENT_TYPES = tuple(phrases.INCIDENTS)
EVENTS_PER_YEAR = 2


def build_context(plan: MissionPlan, rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    return {
        "context_events": _events(plan, rng),
        "threat_assessments": _threats(plan, rng),
        "incidents": _incidents(plan, rng),
    }


def _fill(template: str, plan: MissionPlan, actor: tuple[str, str]) -> str:
    country = plan.country
    return template.format(
        country=country.name,
        city=country.cities[1],
        region=country.region[0].lower(),
        region_en=country.region[1].lower(),
        actor=actor[0],
        actor_en=actor[1],
        neighbour=country.neighbour,
        acronym=plan.acronym,
    )


def _events(plan: MissionPlan, rng: random.Random) -> list[dict[str, Any]]:
    events = []
    places = plan.country.location_keys
    sources = [key for key, *_ in plan.refs_of("source")]
    years = plan.years()
    for offset, year in enumerate(years):
        low = max(dt.date(year, 1, 1), plan.active_start)
        high = min(dt.date(year, 12, 31), plan.active_end)
        per_year = EVENTS_PER_YEAR + (
            plan.index == 0
        )  # the first mission alone covers every category sooner
        for n in range(per_year):
            category = CATEGORIES[(plan.index * 5 + offset * per_year + n) % len(CATEGORIES)]
            title, title_en = rng.choice(phrases.EVENTS[category])
            actor = rng.choice(vocab.ACTORS)
            start = random_day(rng, low, high)
            level = pick_level(rng, plan.level)
            record: dict[str, Any] = {
                "key": f"{plan.key}-ev-{year}-{n + 1}",
                "mission": plan.key,
                "category": category,
                "start": start if rng.random() < 0.7 else month_text(start),
                "area": plan.country.name,
                "place": places["city-1"] if n % 2 else places["capital"],
                "title": _fill(title, plan, actor),
                "title_en": _fill(title_en, plan, actor),
            }
            if category in {"militias", "humanitarian"}:
                record["end"] = month_text(add_months(start, rng.randint(1, 4)))
            if category in phrases.EVENT_FIGURES:
                unit, unit_en = phrases.EVENT_FIGURES[category]
                record["figures"] = [
                    {
                        "value": rng.randint(2, 40) * (500 if category == "humanitarian" else 1),
                        "unit": unit,
                        "unit_en": unit_en,
                        "order": 1,
                    }
                ]
                if category == "humanitarian":
                    record["figures"][0]["approximately"] = True
            if sources:
                record["source"] = sources[n % len(sources)]
            events.append(mark(record, level))
            plan.add_ref("event", record["key"], level, start, category)
    events += _conflicting_elections(plan, rng, years[-1], sources)
    return events


def _conflicting_elections(
    plan: MissionPlan, rng: random.Random, year: int, sources: list[str]
) -> list[dict[str, Any]]:
    """The same elections, placed in different months by two sources: a conflict to report."""
    subject = f"{plan.key}-verkiezingen-{year}"
    records = []
    for n, (month, source) in enumerate(((10, sources[1]), (11, sources[2])), start=1):
        record = {
            "key": f"{plan.key}-ev-{year}-verkiezingen-{n}",
            "mission": plan.key,
            "category": "political",
            "start": f"{year}-{month:02d}",
            "planned": True,
            "area": plan.country.name,
            "title": f"Parlementsverkiezingen in {plan.country.name}",
            "title_en": f"Parliamentary elections in {plan.country.name}",
            "subject": subject,
            "source": source,
            "source_passage": f"De verkiezingen zijn voorzien voor {vocab.MONTHS_NL[month - 1]} {year}.",
        }
        records.append(mark(record, plan.level))
        plan.add_ref("event", record["key"], plan.level, dt.date(year, month, 1), "political")
    return records


def _threats(plan: MissionPlan, rng: random.Random) -> list[dict[str, Any]]:
    records = []
    threat, threat_en = phrases.THREATS[plan.index % len(phrases.THREATS)]
    actor, actor_en = vocab.ACTORS[plan.index % len(vocab.ACTORS)]
    level_now = rng.randint(2, 4)
    source = f"{plan.key}-src-rap"
    for year in plan.years():
        months = (1, 7) if rng.random() < 0.5 else (rng.randint(1, 12),)
        for number, month in enumerate(months, start=1):
            valid_from = dt.date(year, month, 1)
            if valid_from < plan.active_start.replace(day=1) or valid_from > plan.active_end:
                continue
            change = (
                "" if not records else rng.choice(("raised", "lowered", "unchanged", "unchanged"))
            )
            if change == "raised" and level_now < 5:
                level_now += 1
            elif change == "lowered" and level_now > 1:
                level_now -= 1
            else:
                change = "unchanged" if change else ""
            level = pick_level(rng, plan.level)
            record: dict[str, Any] = {
                "key": f"{plan.key}-dreiging-{year}-{number}",
                "mission": plan.key,
                "location": plan.country.location_keys["base"],
                "area": plan.country.name,
                "threat": threat,
                "threat_en": threat_en,
                "actor": actor,
                "actor_en": actor_en,
                "level": level_now,
                "valid_from": month_text(valid_from),
                "source": source,
            }
            if change:
                record["change"] = change
            records.append(mark(record, level))
            plan.add_ref("threat", record["key"], level, valid_from)
    return records


def _incidents(plan: MissionPlan, rng: random.Random) -> list[dict[str, Any]]:
    records = []
    for offset, year in enumerate(plan.years()):
        low = max(dt.date(year, 1, 1), plan.active_start)
        high = min(dt.date(year, 12, 31), plan.active_end)
        count = rng.choice((0, 1, 1, 2)) if plan.index or offset else 1
        for n in range(count):
            day = random_day(rng, low, high)
            kind = INCIDENT_TYPES[(plan.index + offset + n) % len(INCIDENT_TYPES)]
            severity = rng.choices([s for s, _ in SEVERITIES], weights=[w for _, w in SEVERITIES])[
                0
            ]
            active = [
                c for c in plan.contributions if c.start <= day and (c.end is None or c.end >= day)
            ]
            description, description_en = phrases.INCIDENTS[kind]
            record: dict[str, Any] = {"key": f"{plan.key}-inc-{year}-{n + 1}", "mission": plan.key}
            level = pick_level(rng, plan.level)
            if active:
                contribution = rng.choice(active)
                record["contribution"] = contribution.key
                level = max(level, contribution.level)
            record.update({"date": day, "incident_type": kind, "severity": severity})
            if kind in {"injury", "attack", "accident"}:
                record["casualties"] = 0 if kind == "attack" else rng.randint(1, 3)
            record.update(
                {
                    "location": plan.country.location_keys["base"],
                    "description": description,
                    "description_en": description_en,
                    "outcome": "De betrokkene is hersteld en weer inzetbaar."
                    if kind == "injury"
                    else "Afgehandeld.",
                    "outcome_en": "The person recovered and returned to duty."
                    if kind == "injury"
                    else "Dealt with.",
                }
            )
            records.append(mark(record, level))
            plan.add_ref("incident", record["key"], level, day)
    return records


# -- finance -----------------------------------------------------------------------------------

COST_PER_HEAD = {"def": 160_000, "bz": 240_000, "jenv": 200_000}
BUDGET = {
    "def": ("biv", "def", "Budget Internationale Veiligheid"),
    "bz": ("hgis", "bz", "HGIS, artikel 4"),
    "jenv": ("ministry", "jenv", "Begroting Justitie en Veiligheid"),
}


def build_finance(plan: MissionPlan, rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    """Spending per year and budget source, from two years before the window to its end."""
    records = []
    first = max(plan.start.year, plan.window_start.year - 2)
    for year in range(first, plan.active_end.year + 1):
        by_ministry: dict[str, int] = {}
        for contribution in plan.contributions:
            if contribution.start.year <= year and (
                contribution.end is None or contribution.end.year >= year
            ):
                ministry = _ministry(contribution.kind)
                by_ministry[ministry] = by_ministry.get(ministry, 0) + contribution.headcount
        for n, (ministry, heads) in enumerate(sorted(by_ministry.items()), start=1):
            source, payer, article = BUDGET[ministry]
            amount = heads * COST_PER_HEAD[ministry] * rng.randint(85, 115) // 100
            record: dict[str, Any] = {
                "key": f"{plan.key}-uitg-{year}-{n}",
                "mission": plan.key,
                "period": year,
            }
            approximate = rng.random() < 0.3
            record["amount"] = Decimal(round(amount, -5) if approximate else round(amount, -3))
            if approximate:
                record["approximately"] = True
            record.update({"budget_source": source, "ministry": payer, "budget_article": article})
            level = pick_level(rng, plan.level)
            records.append(mark(record, level))
            plan.add_ref("expenditure", record["key"], level, dt.date(year, 12, 31), year)
        if plan.lead == "eu" or (plan.index + year) % 5 == 0:
            record = {
                "key": f"{plan.key}-uitg-{year}-eu",
                "mission": plan.key,
                "period": year,
                "budget_source": "eu" if plan.lead == "eu" else "other",
                "description": "Bijdrage aan de gemeenschappelijke kosten; bedrag niet bekend.",
                "description_en": "Contribution to the common costs; amount not known.",
            }
            if (plan.index + year) % 2:  # where the source gives no figure, there is no amount
                record["amount"] = Decimal(rng.randint(5, 50) * 10_000)
                record["description"] = "Bijdrage aan de gemeenschappelijke kosten."
                record["description_en"] = "Contribution to the common costs."
            records.append(mark(record, pick_level(rng, plan.level)))
        heli = plan.contribution("helicopter-detachment")
        if heli and heli.start.year <= year and (heli.end is None or heli.end.year >= year):
            record = {
                "key": f"{plan.key}-uitg-{year}-heli",
                "mission": plan.key,
                "contribution": heli.key,
                "period": year,
                "amount": Decimal(rng.randint(80, 160) * 100_000),
                "approximately": True,
                "budget_source": "biv",
                "ministry": "def",
                "description": "Waarvan helikopterdetachement.",
                "description_en": "Of which helicopter detachment.",
            }
            records.append(mark(record, max(heli.level, pick_level(rng, plan.level))))
    return {"expenditures": records}


def _ministry(kind: str) -> str:
    return vocab.CONTRIBUTION_KINDS[kind][3]
