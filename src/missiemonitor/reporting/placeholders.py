"""Placeholders in narrative text: ``{observation:fp-movements}``, ``{event:ultimatum.start}``,
``{cite:kst-27925-943}``. The report replaces each with the figure, date or footnote it names,
with provenance; the dataset loader checks that every one points at a record that exists."""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{(?P<kind>[a-z_]+):(?P<key>[A-Za-z0-9][A-Za-z0-9_-]*)(?:\.(?P<field>[a-z_][a-z0-9_]*))?\}")

# placeholder kind -> the models (labels) of the records it may name
KINDS: dict[str, tuple[str, ...]] = {
    "observation": ("results.Observation",),
    "indicator": ("results.Indicator",),
    "mission": ("missions.Mission",),
    "mandate": ("missions.Mandate",),
    "cite": ("missions.Mandate", "core.Source"),
    "source": ("core.Source",),
    "contribution": ("missions.Contribution",),
    "asset": ("missions.Asset",),
    "milestone": ("missions.Milestone",),
    "role": ("missions.Role",),
    "posting": ("missions.Posting",),
    "event": ("context.ContextEvent",),
    "threat": ("context.ThreatAssessment",),
    "incident": ("context.Incident",),
    "expenditure": ("finance.Expenditure",),
    "programme": ("programmes.Programme",),
    "visit": ("monitoring.MonitoringVisit",),
    "finding": ("monitoring.Finding",),
    "objective": ("results.Objective",),
    "lto": ("results.LongTermObjective",),
    "version": ("results.FrameworkVersion",),
    "planned": ("missions.PlannedContribution",),
    "location": ("missions.Location",),
}


# placeholder kinds that refer to the narrative block itself, with the keys each accepts:
# ``{period:start}`` and ``{period:end}`` are the first and last day of the block's period.
BLOCK_KINDS: dict[str, tuple[str, ...]] = {"period": ("start", "end")}


def find_placeholders(text: str) -> list[tuple[str, str, str | None]]:
    return [(m["kind"], m["key"], m["field"]) for m in PLACEHOLDER.finditer(text)]
