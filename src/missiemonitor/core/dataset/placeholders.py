"""Placeholders in narrative text: ``{observation:fp-movements}``, ``{event:ultimatum.start}``,
``{cite:kst-27925-943}``. The report replaces each with the figure, date or footnote it names,
with provenance; the loader checks that every one points at a record that exists."""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{(?P<kind>[a-z_]+):(?P<key>[A-Za-z0-9][A-Za-z0-9_-]*)(?:\.(?P<field>[a-z_][a-z0-9_]*))?\}")

# placeholder kind -> dataset section it refers to
KINDS: dict[str, str] = {
    "observation": "observations",
    "indicator": "indicators",
    "mission": "missions",
    "mandate": "mandates",
    "cite": "mandates|sources",
    "source": "sources",
    "contribution": "contributions",
    "asset": "assets",
    "milestone": "milestones",
    "role": "roles",
    "posting": "postings",
    "event": "context_events",
    "threat": "threat_assessments",
    "incident": "incidents",
    "expenditure": "expenditures",
    "programme": "programmes",
    "visit": "monitoring_visits",
    "finding": "findings",
    "objective": "objectives",
    "lto": "long_term_objectives",
    "version": "versions",
    "planned": "planned_contributions",
    "location": "locations",
}


# placeholder kinds that refer to the narrative block itself, with the keys each accepts:
# ``{period:start}`` and ``{period:end}`` are the first and last day of the block's period.
BLOCK_KINDS: dict[str, tuple[str, ...]] = {"period": ("start", "end")}


def find_placeholders(text: str) -> list[tuple[str, str, str | None]]:
    return [(m["kind"], m["key"], m["field"]) for m in PLACEHOLDER.finditer(text)]
