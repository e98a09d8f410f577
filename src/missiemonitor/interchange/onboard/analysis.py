"""The reading of a whole document that the extractors share: its language, its sentences with
their dates, numbers and Kamerstuk references, the missions it names, the section each
sentence stands in (which mission, which kind of contribution, which context category), the
reporting period and the document's own date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from missiemonitor.interchange.onboard import lexicon
from missiemonitor.interchange.onboard.citations import KamerstukReference, find_kamerstukken
from missiemonitor.interchange.onboard.dates import DateMention, find_dates, last_year
from missiemonitor.interchange.onboard.document import Block, Document
from missiemonitor.interchange.onboard.numbers import Quantity, find_quantities
from missiemonitor.interchange.onboard.proposals import Passage
from missiemonitor.interchange.onboard.sentences import split_sentences

_NL_WORDS = frozenset(["de", "het", "een", "van", "en", "in", "is", "dat", "op", "te", "zijn", "voor", "met", "niet", "ook", "aan", "door", "wordt"])
_EN_WORDS = frozenset(["the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "are", "was", "by", "from", "has", "have"])
# "Name (ACR)": an acronym defined in the text.
_DEFINED = re.compile(r"((?:[A-Z][\w’'-]*|de|het|van|der|in|of|the|for|and|voor|en)(?:[ -](?:[A-Z][\w’'-]*|de|het|van|der|in|of|the|for|and|voor|en)){0,8})\s+\((?P<acr>[A-Z][A-Za-z]{1,9}(?:[- ][A-Z]+)?)\)")
# "… bijdrage aan (de|het) NAME (ACR)": a mission the Dutch contribute to.
_CONTRIBUTION_TO = re.compile(
    r"(?P<lead>(?:[A-Z]?[a-z]+ en [a-z]+|[A-Z]?[a-z]+)\s+)?(?:bijdrage|contribution)\s+(?:aan|to)\s+"
    r"(?:(?:de|het|the)\s+)?(?P<name>[^()]{3,120}?)\s+\((?P<acr>[A-Z][A-Za-z]{1,9})\)"
)
_AREA = re.compile(r"\b(?:missies?|operaties?|inzet|bijdragen?|missions?|operations?|deployment|contributions?)"
                   r"(?: en (?:missies|operaties))?\s+in\s+(?P<area>[A-Z][\w-]+(?:[ ][A-Z][a-z][\w-]*)?)")
_REPORTING = re.compile(r"rapportage|verslagperiode|reporting period|progress report|report(?:s|ing)? on", re.I)
_DOCUMENT_DATE = re.compile(r"^(?:Datum|Date|Den Haag,?|The Hague,?)\s+(?P<rest>.{6,30})$", re.I)
_PROGRESS = re.compile(r"voortgangsrapportage|progress report|terugblik|rapportageperiode|reporting period", re.I)


@dataclass
class Mission:
    acronym: str
    name: str
    passage: Passage
    lead: str = ""
    kind: str = ""
    aliases: set[str] = field(default_factory=set)


@dataclass
class Scope:
    heading: str = ""
    mission: str = ""  # acronym of a Mission, or ""
    contribution: int = 0  # the number of the heading block that opened a contribution section
    contribution_kind: str = ""
    contribution_name: str = ""
    category: str = ""
    finance: bool = False


@dataclass
class Sentence:
    text: str
    block: Block
    start: int  # offset in the block's text
    scope: Scope
    dates: list[DateMention]
    kamerstukken: list[KamerstukReference]
    quantities: list[Quantity]
    notes: list[tuple[int, str]]  # (offset in the sentence, footnote id)

    def passage(self) -> Passage:
        return Passage(paragraph=self.block.number, page=self.block.page, sentence=self.text,
                       heading=self.scope.heading)


@dataclass
class Analysis:
    document: Document
    language: str
    sentences: list[Sentence]
    missions: dict[str, Mission]
    reporting_period: DateMention | None
    document_date: dt.date | None
    area: str
    progress_report: bool
    headings: list[tuple[Block, Scope]]

    def mission_in(self, text: str) -> str:
        """The acronym of the one mission ``text`` names, or ''."""
        found = mission_mentions(self.missions, text)
        return found[0] if len(set(found)) == 1 else ""


def detect_language(text: str) -> str:
    words = re.findall(r"[a-z]+", text.lower())
    nl = sum(1 for w in words if w in _NL_WORDS)
    en = sum(1 for w in words if w in _EN_WORDS)
    return "en" if en > nl else "nl"


def _normal(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "


def mission_mentions(missions: dict[str, Mission], text: str) -> list[str]:
    """Acronyms of the missions ``text`` names (by acronym or by a name), in order."""
    found: list[tuple[int, str]] = []
    normal = _normal(text)
    for acronym, mission in missions.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text, re.I if len(acronym) > 2 else 0):
            found.append((match.start(), acronym))
        for alias in {mission.name, *mission.aliases}:
            needle = _normal(alias)
            if len(needle.strip()) > 4 and needle in normal:
                position = normal.index(needle)
                found.append((int(position * len(text) / max(1, len(normal))), acronym))
    return [acronym for _p, acronym in sorted(found)]


def analyse(document: Document) -> Analysis:
    full = "\n".join(b.text for b in document.blocks)
    language = detect_language(full)
    missions = _missions(document)
    reporting, document_date = _period_and_date(document)
    area_match = _AREA.search(full)
    area = area_match["area"] if area_match else ""
    analysis = Analysis(document=document, language=language, sentences=[], missions=missions,
                        reporting_period=reporting, document_date=document_date, area=area,
                        progress_report=bool(_PROGRESS.search(full)), headings=[])
    _sentences(analysis)
    return analysis


def _missions(document: Document) -> dict[str, Mission]:
    missions: dict[str, Mission] = {}
    definitions: dict[str, set[str]] = {}
    for block in document.blocks:
        for match in _DEFINED.finditer(block.text):
            name = re.sub(r"^(?:de|het|the|van|of)\s+", "", match[1].strip(), flags=re.I)
            definitions.setdefault(match["acr"], set()).add(name)
    for block in document.blocks:
        for match in _CONTRIBUTION_TO.finditer(block.text):
            acronym, name = match["acr"], match["name"].strip()
            if acronym.lower() in {a.lower() for a in missions}:
                continue
            sentence = _sentence_at(block.text, match.start("acr"))
            missions[acronym] = Mission(
                acronym=acronym, name=name, passage=Passage(paragraph=block.number, page=block.page, sentence=sentence),
                lead=lexicon.first_match(lexicon.MISSION_LEAD, f"{name} {sentence}"),
                kind=lexicon.first_match(lexicon.MISSION_KIND, (match["lead"] or "").lower()),
            )
    for block in document.blocks:
        for match in _DEFINED.finditer(block.text):
            acronym, name = match["acr"], match[1].strip()
            if acronym.lower() in {a.lower() for a in missions} or not lexicon.MISSION_WORDS.search(name):
                continue
            missions[acronym] = Mission(
                acronym=acronym, name=re.sub(r"^(?:de|het|the)\s+", "", name, flags=re.I),
                passage=Passage(paragraph=block.number, page=block.page,
                                sentence=_sentence_at(block.text, match.start("acr"))),
                lead=lexicon.first_match(lexicon.MISSION_LEAD, name),
            )
    for acronym, mission in missions.items():
        mission.aliases |= definitions.get(acronym, set())
    return missions


def _sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` that holds ``offset``: what a passage quotes."""
    for start, end in split_sentences(text):
        if start <= offset < end:
            return text[start:end]
    return text


def _period_and_date(document: Document) -> tuple[DateMention | None, dt.date | None]:
    reporting = None
    document_date = None
    for block in document.blocks:
        match = _DOCUMENT_DATE.match(block.text)
        if match and document_date is None:
            dates = find_dates(match["rest"])
            if dates and dates[0].first.precision == "day":
                document_date = dates[0].first.first()
        if reporting is None and _REPORTING.search(block.text):
            for mention in find_dates(block.text):
                if mention.relation == "range" and mention.last and mention.first.month and mention.last.month:
                    reporting = mention
                    break
    if document_date is None and reporting is not None and reporting.last is not None:
        document_date = reporting.last.last()
    return reporting, document_date


def _heading_scope(analysis: Analysis, block: Block, scope: Scope) -> Scope:
    text = block.text
    named = mission_mentions(analysis.missions, text)
    kind = lexicon.kind_of(re.sub(r"^\d+[.)]\s*", "", text))
    category = lexicon.category_of(text)
    if named:
        return Scope(heading=text, mission=named[0], contribution=0,
                     contribution_kind=kind if kind and not lexicon.MISSION_WORDS.search(text) else "",
                     contribution_name=text if kind and not lexicon.MISSION_WORDS.search(text) else "")
    if lexicon.FINANCE_HEADING.search(text):
        return Scope(heading=text, finance=True)
    if kind and scope.mission:
        return Scope(heading=text, mission=scope.mission, contribution=block.number, contribution_kind=kind,
                     contribution_name=re.sub(r"^\d+[.)]\s*", "", text))
    if category:
        return Scope(heading=text, category=category)
    if lexicon.GENERIC_CONTRIBUTION_HEADING.search(text) and scope.mission:
        return Scope(heading=text, mission=scope.mission)
    return Scope(heading=text, mission=scope.mission, category=scope.category)


def _sentences(analysis: Analysis) -> None:
    scope = Scope()
    year: int | None = analysis.reporting_period.first.year if analysis.reporting_period else None
    for block in analysis.document.blocks:
        if block.kind == "heading":
            scope = _heading_scope(analysis, block, scope)
            analysis.headings.append((block, scope))
            continue
        for start, end in split_sentences(block.text):
            text = block.text[start:end]
            mentions = find_dates(text, year=year, document_date=analysis.document_date)
            kamerstukken = find_kamerstukken(text)
            masked = [(k.start, k.end) for k in kamerstukken] + [(d.start, d.end) for d in mentions]
            quantities = [q for q in find_quantities(text, language=analysis.language)
                          if all(q.end <= s or q.start >= e for s, e in masked)
                          and not lexicon.IDENTIFIER_BEFORE.search(text[max(0, q.start - 14):q.start])
                          and not re.match(r"\(\d\)", text[max(0, q.start - 1):q.end + 1])]
            notes = [(offset - start, note) for offset, note in block.notes if start <= offset <= end + 1]
            analysis.sentences.append(Sentence(text=text, block=block, start=start, scope=scope, dates=mentions,
                                               kamerstukken=kamerstukken, quantities=quantities, notes=notes))
            year = last_year(text) or year
