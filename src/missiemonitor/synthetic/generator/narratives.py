"""Narrative blocks per report section and calendar year, in Dutch and English.

Figures, dates and names are placeholders (``{observation:KEY}``, ``{event:KEY.start}``), never
typed text, so the report can trace each one. A block only names records that are classified
no higher than the block itself, so that whoever may read the block may read what it cites."""

from __future__ import annotations

from typing import Any

from missiemonitor.synthetic.generator import phrases
from missiemonitor.synthetic.generator.common import MissionPlan, Options, mark
from missiemonitor.synthetic.generator.shared import FRAMEWORK_SOURCE, UMBRELLA_PROGRAMME

GLOBAL_SECTIONS = {
    "opening": (
        "Deze rapportage beschrijft de voortgang van de Nederlandse bijdragen aan de oefenmissies van "
        "{period:start} tot en met {period:end}. Alle gegevens zijn fictief en dienen voor demonstraties en tests.",
        "This report describes the progress of the Dutch contributions to the exercise missions from "
        "{period:start} to {period:end}. All data are fictional and serve demonstrations and tests.",
    ),
    "essence": (
        "Het kabinet rapporteert transparant, kritisch en realistisch. Voortgang wordt gemeten aan "
        "voorwaarden, niet aan tijd.",
        "The cabinet reports transparently, critically and realistically. Progress is measured "
        "against conditions, not time.",
    ),
    "monitoring": (
        f"Monitoring gebeurt continu en periodiek, volgens het kader{{cite:{FRAMEWORK_SOURCE}}}.",
        f"Monitoring is continuous and periodic, following the framework{{cite:{FRAMEWORK_SOURCE}}}.",
    ),
    "deployment": (
        f"Naast de missiebijdragen steunt Nederland het {{programme:{UMBRELLA_PROGRAMME}}}.",
        f"Beside the mission contributions, the Netherlands supports the {{programme:{UMBRELLA_PROGRAMME}}}.",
    ),
    "attention": (
        "De aandachtspunten hieronder volgen uit de gegevens.",
        "The points of attention below follow from the data.",
    ),
    "closing": (
        "Het kabinet blijft de Kamer informeren over de voortgang.",
        "The cabinet will keep Parliament informed of progress.",
    ),
}


def global_narratives(options: Options) -> list[dict[str, Any]]:
    records = []
    for year in range(options.start, options.end_year + 1):
        for order, (section, texts) in enumerate(GLOBAL_SECTIONS.items(), start=1):
            for language, text in zip(("nl", "en"), texts, strict=True):
                records.append(
                    {
                        "key": f"gen-nar-{year}-{section}-{language}",
                        "section": section,
                        "period": year,
                        "language": language,
                        "text": text,
                        "order": order,
                    }
                )
    return records


class _Refs:
    """Records of one year that a block of the mission may name."""

    def __init__(self, plan: MissionPlan, year: int) -> None:
        self.plan, self.year = plan, year

    def latest(self, kind: str, *, extra: Any = None, year_only: bool = True) -> str | None:
        found = [
            r
            for r in self.plan.refs_of(kind, max_level=self.plan.level)
            if (not year_only or (r[2] is not None and r[2].year == self.year))
            and (extra is None or r[3] == extra)
        ]
        return found[-1][0] if found else None


def build_narratives(plan: MissionPlan) -> list[dict[str, Any]]:
    records = []
    for year in plan.years():
        refs = _Refs(plan, year)
        blocks = {
            "mission": _mission(plan, refs),
            "contribution": _contribution(plan, refs),
            "political": _political(refs),
            "security": _security(refs),
            "finance": _finance(plan, refs),
        }
        for section, block in blocks.items():
            if block is None:
                continue
            texts, contribution = block
            for language, text in zip(("nl", "en"), texts, strict=True):
                record: dict[str, Any] = {
                    "key": f"{plan.key}-nar-{year}-{section}-{language}",
                    "mission": plan.key,
                    "section": section,
                }
                if contribution:
                    record["contribution"] = contribution.key
                record.update({"period": year, "language": language})
                if contribution:
                    record["heading"] = (
                        contribution.name if language == "nl" else contribution.name_en
                    )
                record["text"] = text
                records.append(mark(record, plan.level))
    return records


def _mission(plan: MissionPlan, refs: _Refs):
    m, mandate = plan.key, plan.mandates[0]["key"]
    nl = [
        f"{{mission:{m}}} loopt sinds {{mission:{m}.start}} op grond van {{mandate:{mandate}}}{{cite:{mandate}}}."
    ]
    en = [
        f"{{mission:{m}}} has been running since {{mission:{m}.start}} under {{mandate:{mandate}}}{{cite:{mandate}}}."
    ]
    version = refs.latest("version", year_only=False)
    lto = refs.latest("lto", extra=version, year_only=False) if version else None
    if version and lto:
        nl.append(
            f"Het kader van {{version:{version}.issued}} meet voortgang aan voorwaarden, zoals voor {{lto:{lto}}}."
        )
        en.append(
            f"The framework of {{version:{version}.issued}} measures progress by conditions, as for {{lto:{lto}}}."
        )
    return (" ".join(nl), " ".join(en)), None


def _contribution(plan: MissionPlan, refs: _Refs):
    allowed = [
        c
        for c in plan.contributions
        if c.level <= plan.level
        and c.start.year <= refs.year
        and (c.end is None or c.end.year >= refs.year)
    ]
    if not allowed:
        return None
    c = allowed[refs.year % len(allowed)]
    k = c.key
    nl = f"De bijdrage {{contribution:{k}}} telde {{contribution:{k}.actual_headcount}} personen."
    en = f"The contribution {{contribution:{k}}} numbered {{contribution:{k}.actual_headcount}} people."
    figures = {
        "helicopter-detachment": (
            "vlieguren",
            "vloog het detachement {obs} vlieguren",
            "the detachment flew {obs} flight hours",
        ),
        "force-protection": (
            "bewegingen",
            "voerde de eenheid {obs} bewegingen uit",
            "the unit carried out {obs} movements",
        ),
        "military-advisers": (
            "training",
            "werden in het laatste kwartaal {obs} functionarissen getraind",
            "{obs} officials were trained in the last quarter",
        ),
    }
    figures["civil-advisers"] = figures["police"] = figures["civil-experts"] = figures[
        "military-advisers"
    ]
    if c.kind in figures:
        indicator, text_nl, text_en = figures[c.kind]
        observation = refs.latest("observation", extra=f"{plan.key}-ind-{indicator}")
        if observation:
            nl += " Dit jaar " + text_nl.format(obs=f"{{observation:{observation}}}") + "."
            en += " This year " + text_en.format(obs=f"{{observation:{observation}}}") + "."
    return (nl, en), c


def _political(refs: _Refs):
    event = next(
        (
            key
            for key, level, day, category in reversed(
                refs.plan.refs_of("event", max_level=refs.plan.level)
            )
            if day and day.year == refs.year and category in {"political", "diplomatic", "regional"}
        ),
        None,
    )
    if event is None:
        return None
    return (
        (
            f"Politiek was {{event:{event}}} ({{event:{event}.start}}) van belang voor de missie.",
            f"Politically, {{event:{event}}} ({{event:{event}.start}}) mattered to the mission.",
        ),
        None,
    )


def _security(refs: _Refs):
    threat = refs.latest("threat")
    if threat is None:
        return None
    nl = [
        f"Het dreigingsniveau voor {{threat:{threat}}} is per {{threat:{threat}.valid_from}} opnieuw vastgesteld."
    ]
    en = [
        f"The threat level for {{threat:{threat}}} was reassessed as of {{threat:{threat}.valid_from}}."
    ]
    event = next(
        (
            (key, category)
            for key, level, day, category in refs.plan.refs_of("event", max_level=refs.plan.level)
            if day and day.year == refs.year and category in {"security", "terrorism", "militias"}
        ),
        None,
    )
    if event:
        key, category = event
        unit, unit_en = phrases.EVENT_FIGURES[category]
        nl.append(
            f"Op {{event:{key}.start}} vond plaats: {{event:{key}}} ({{event:{key}.figure}} {unit})."
        )
        en.append(f"On {{event:{key}.start}}: {{event:{key}}} ({{event:{key}.figure}} {unit_en}).")
    incident = refs.latest("incident")
    if incident:
        nl.append(f"Op {{incident:{incident}.date}} deed zich een incident voor.")
        en.append(f"On {{incident:{incident}.date}} an incident occurred.")
    return (" ".join(nl), " ".join(en)), None


def _finance(plan: MissionPlan, refs: _Refs):
    spent = refs.latest("expenditure")
    if spent is None:
        return None
    return (
        (
            f"In dit jaar is {{expenditure:{spent}}} uitgegeven aan {{mission:{plan.key}}}.",
            f"This year, {{expenditure:{spent}}} was spent on {{mission:{plan.key}}}.",
        ),
        None,
    )
