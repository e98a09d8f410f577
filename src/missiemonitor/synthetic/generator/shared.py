"""Records that belong to no mission: organisations, sources, dimensions, places of the
fictional countries, the umbrella programme and the signatories."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from missiemonitor.synthetic.generator import vocab
from missiemonitor.synthetic.generator.common import (
    Country,
    MissionPlan,
    Options,
    add_days,
    mark,
    month_text,
    rng_for,
)

TASKING = "gen-tasking"
TASKING_VALUES = (
    ("mission", "Eigen missie", "Own mission"),
    ("coalition", "Andere missies en coalitie", "Other missions and coalition"),
    ("national", "Nationale taken", "National tasks"),
)
FRAMEWORK_SOURCE = "gen-src-kader"
UMBRELLA_PROGRAMME = "gen-prog-fonds"
ORG_MONITORING = "gen-org-monitoring"
ORG_EVALUATION = "gen-org-evaluatie"
ORG_FUND = "gen-org-fonds"
ORG_NGO = "gen-org-proefhulp"
MISSIONS_PER_COUNTRY = 4


def country_index(mission_index: int) -> int:
    """Missions share a country in groups, as several missions did in one real theatre."""
    return (mission_index // MISSIONS_PER_COUNTRY) % len(vocab.COUNTRIES)


def make_country(options: Options, index: int) -> Country:
    rng = rng_for(options, "country", index)
    code = vocab.COUNTRY_CODES[index]
    places: list[str] = []
    while len(places) < 4:
        place = rng.choice(vocab.PLACE_HEADS) + rng.choice(vocab.PLACE_TAILS)
        if place not in places:
            places.append(place)
    prefix = f"loc-{code.lower()}"
    keys = {
        "country": prefix,
        "capital": f"{prefix}-cap",
        "base": f"{prefix}-base",
        "region": f"{prefix}-reg",
        "city-1": f"{prefix}-c1",
        "city-2": f"{prefix}-c2",
    }
    neighbour = vocab.COUNTRIES[
        (index + 1 + rng.randrange(len(vocab.COUNTRIES) - 1)) % len(vocab.COUNTRIES)
    ]
    return Country(
        index=index,
        name=vocab.COUNTRIES[index],
        code=code,
        capital=places[0],
        cities=tuple(places[1:]),
        region=rng.choice(vocab.REGION_NAMES),
        neighbour=neighbour,
        location_keys=keys,
    )


def country_records(country: Country) -> dict[str, list[dict[str, Any]]]:
    k, code = country.location_keys, country.code
    locations = [
        {"key": k["country"], "name": country.name, "kind": "country", "country": code},
        {
            "key": k["capital"],
            "name": country.capital,
            "kind": "city",
            "country": code,
            "parent": k["country"],
        },
        {
            "key": k["region"],
            "name": country.region[0],
            "kind": "region",
            "country": code,
            "parent": k["country"],
        },
        {
            "key": k["base"],
            "name": f"Kamp {country.cities[0]}",
            "kind": "base",
            "country": code,
            "parent": k["region"],
        },
        {
            "key": k["city-1"],
            "name": country.cities[1],
            "kind": "city",
            "country": code,
            "parent": k["region"],
        },
        {
            "key": k["city-2"],
            "name": country.cities[2],
            "kind": "city",
            "country": code,
            "parent": k["country"],
        },
    ]
    organisations = [
        {
            "key": host_org(country),
            "name": f"Ministerie van Defensie van {country.name}",
            "kind": "government",
            "country": code,
        },
    ]
    return {"locations": locations, "organisations": organisations}


def host_org(country: Country) -> str:
    return f"gen-org-{country.code.lower()}-def"


def global_records(options: Options) -> dict[str, list[dict[str, Any]]]:
    start = dt.date(options.start, 1, 1)
    organisations = [
        {
            "key": ORG_MONITORING,
            "name": "Directie Oefenmonitoring",
            "acronym": "DOM",
            "kind": "ministry",
            "country": "NL",
        },
        {
            "key": ORG_EVALUATION,
            "name": "Bureau Oefenevaluatie",
            "acronym": "BOE",
            "kind": "government",
            "country": "NL",
        },
        {
            "key": ORG_FUND,
            "name": "Internationaal Oefenfonds voor Stabiliteit",
            "acronym": "IOS",
            "kind": "international",
        },
        {"key": ORG_NGO, "name": "Stichting Proefhulp", "kind": "ngo", "country": "NL"},
    ]
    sources = [
        {
            "key": FRAMEWORK_SOURCE,
            "kind": "internal",
            "title": "Kader voor monitoring en evaluatie van oefenmissies (fictief)",
            "date": start.year - 1,
        },
    ]
    dimensions = [
        {
            "key": TASKING,
            "name": "Taakstelling",
            "name_en": "Tasking",
            "values": [
                {"code": code, "label": nl, "label_en": en, "order": order}
                for order, (code, nl, en) in enumerate(TASKING_VALUES, start=1)
            ],
        },
    ]
    programmes = [
        {
            "key": UMBRELLA_PROGRAMME,
            "name": "Oefenfonds voor Stabiliteit",
            "name_en": "Exercise Fund for Stability",
            "partner": ORG_FUND,
            "ministry": "bz",
            "area": "Meerdere landen",
            "start": start.year - 2,
            "aims": "Stabiliteit en wederopbouw in fictieve conflictgebieden.",
            "aims_en": "Stability and reconstruction in fictional conflict areas.",
        },
    ]
    return {
        "organisations": organisations,
        "sources": sources,
        "dimensions": dimensions,
        "programmes": programmes,
    }


def signatories(options: Options) -> list[dict[str, Any]]:
    rng = rng_for(options, "signatories")
    records = []
    names = list(vocab.PERSON_NAMES)
    rng.shuffle(names)
    for offset in range(options.years):
        year = options.start + offset
        if offset % 4 == 0:  # a new cabinet every four years
            rng.shuffle(names)
        count = 2 + rng.randrange(2)
        for order in range(count):
            function, function_en = vocab.SIGNATORY_FUNCTIONS[order]
            records.append(
                {
                    "key": f"gen-sig-{year}-{order + 1}",
                    "period": year,
                    "name": names[order],
                    "function": function,
                    "function_en": function_en,
                    "order": order + 1,
                }
            )
    return records


def mission_sources(plan: MissionPlan, rng: random.Random) -> list[dict[str, Any]]:
    """Documents facts are taken from: the mission's annual report, a local newspaper and a
    report of the partner. They belong to no mission; a classified mission's are classified."""
    year = plan.active_start.year
    records = [
        {
            "key": f"{plan.key}-src-rap",
            "kind": "report",
            "title": f"Jaarverslag {plan.acronym}",
            "date": year,
        },
        {
            "key": f"{plan.key}-src-media",
            "kind": "media",
            "title": f"Berichtgeving in de {plan.country.name}se Courant",
            "date": month_text(plan.active_start),
        },
        {
            "key": f"{plan.key}-src-partner",
            "kind": "report",
            "title": f"Voortgangsverslag van het Ministerie van Defensie van {plan.country.name}",
            "date": add_days(plan.active_start, rng.randint(30, 300)),
        },
    ]
    for record in records:
        mark(record, plan.level)
        plan.add_ref("source", record["key"], plan.level)
    return records
