"""Contributions with their sizes and equipment.

A contribution is proposed for a section whose heading names a kind of contribution
("Force Protection", "Helikopterdetachement", "Stafofficieren") under a mission's section, and
for a sentence in which the Netherlands sends a number of people of a kind to a mission
("Nederland leverde vier politiefunctionarissen aan …"). Its size is the one count of people in
a sentence about it (a sentence that counts several groups of people describes posts, not the
size); its start is the "sinds/vanaf" date of the section's first sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from missiemonitor.interchange.onboard import lexicon
from missiemonitor.interchange.onboard.analysis import Analysis, Sentence
from missiemonitor.interchange.onboard.citations import find_kamerstukken
from missiemonitor.interchange.onboard.numbers import Quantity
from missiemonitor.interchange.onboard.proposals import Proposal, Proposals, slug

_TOKEN = re.compile(r"\S+")
_UNIT_OF = re.compile(r"(?:eenheid|detachement|unit|detachment|contingent|team|compagnie|company)\s+(?:van|of)\s+$", re.I)


@dataclass
class Count:
    quantity: Quantity
    phrase: str  # the noun phrase counted: "politiefunctionarissen", "Milad (Military Advisor)"
    equipment: bool


def counted_phrase(text: str, end: int) -> tuple[str, bool] | None:
    """The noun phrase after a number at ``end`` when it counts people or equipment:
    (phrase, is equipment)."""
    words = []
    previous = ""
    for match in list(_TOKEN.finditer(text, end))[:4]:
        token = match.group(0)
        bare = token.strip("()[],.;:").lower()
        words.append(token)
        if not bare:
            continue
        pair, previous = f"{previous} {bare}", bare
        if (lexicon.PERSONNEL.match(bare) or lexicon.PERSONNEL.match(bare.rsplit("-", 1)[-1])
                or lexicon.PERSONNEL.match(pair.strip())):
            return " ".join(words).strip(",.;:"), False
        if lexicon.EQUIPMENT.search(bare):
            return " ".join(words).strip(",.;:"), True
        if bare in lexicon.STOPWORDS or (token.endswith((",", ".", ";", ":")) and not token.endswith(")")):
            return None
    return None


def counts_in(sentence: Sentence) -> list[Count]:
    found = []
    for quantity in sentence.quantities:
        if quantity.money or quantity.percent or quantity.value != quantity.value.to_integral_value():
            continue
        counted = counted_phrase(sentence.text, quantity.end)
        if counted:
            found.append(Count(quantity, counted[0].strip("()"), counted[1]))
    return found


def _advisers_kind(text: str) -> str:
    military = len(re.findall(r"\b(?:militaire?|military)\s+(?:\w+\s+)?advi[sz]", text, re.I))
    civil = len(re.findall(r"\b(?:civiele?|civilian|civil)\s+(?:\w+\s+)?advi[sz]", text, re.I))
    return "civil-advisers" if civil > military else "military-advisers"


class _Builder:
    def __init__(self, analysis: Analysis, proposals: Proposals) -> None:
        self.analysis = analysis
        self.proposals = proposals
        self.by_section: dict[int, Proposal] = {}
        self.by_kind: dict[tuple[str, str], Proposal] = {}
        self.mission_keys = {p.fields["acronym"]: p.key for p in proposals.of_kind("mission")}
        self.mandates = {(p.fields["dossier"], p.fields["number"]): p.key for p in proposals.of_kind("mandate")}

    def create(self, mission: str, kind: str, name: str, sentence: Sentence, section: int = 0) -> Proposal:
        mission_key = self.mission_keys[mission]
        fields = {"mission": mission_key, "name": name[:1].upper() + name[1:200], "kind": kind,
                  "ministry": lexicon.ministry_of(kind)}
        if self.analysis.language == "en":
            fields["name_en"] = fields["name"]
        proposal = self.proposals.add("contribution", f"{mission_key}-{slug(name) or kind}", fields,
                                      sentence.passage(), assumed=["ministry"])
        self.by_kind.setdefault((mission, kind), proposal)
        if section:
            self.by_section[section] = proposal
        return proposal

    def size(self, proposal: Proposal, count: Count, sentence: Sentence) -> None:
        if "actual_headcount" in proposal.fields or "planned_headcount" in proposal.fields:
            return
        planned = bool(lexicon.PLANNED.search(sentence.text)) or not self.analysis.progress_report
        proposal.fields["planned_headcount" if planned else "actual_headcount"] = int(count.quantity.value)
        if count.quantity.approximately or count.quantity.bound:
            proposal.fields["headcount_approximately"] = True
        proposal.passage = sentence.passage()

    def asset(self, proposal: Proposal, count: Count, sentence: Sentence) -> None:
        fields = {"asset_type": count.phrase[:200], "count": int(count.quantity.value)}
        if count.quantity.approximately or count.quantity.bound:
            fields["count_approximately"] = True
        self.proposals.add("asset", f"{proposal.key}-{slug(count.phrase)}", fields, sentence.passage(),
                           parent=proposal.id)

    def mandates_cited(self, sentence: Sentence) -> list[str]:
        keys = []
        texts = [sentence.text] + [self.analysis.document.footnotes.get(n, "") for _o, n in sentence.notes]
        for text in texts:
            for ref in find_kamerstukken(text):
                key = self.mandates.get((ref.dossier, ref.number))
                if key and key not in keys:
                    keys.append(key)
        return keys


def extract_contributions(analysis: Analysis, proposals: Proposals) -> None:
    builder = _Builder(analysis, proposals)
    sections: dict[int, list[Sentence]] = {}
    for sentence in analysis.sentences:
        if sentence.scope.contribution and sentence.scope.mission:
            sections.setdefault(sentence.scope.contribution, []).append(sentence)
    for number, sentences in sections.items():
        scope = sentences[0].scope
        kind = scope.contribution_kind
        if kind == "advisers":
            kind = _advisers_kind(" ".join(s.text for s in sentences))
        proposal = builder.create(scope.mission, kind, scope.contribution_name, sentences[0], number)
        proposal.fields["description"] = sentences[0].text
        for sentence in sentences[:2]:
            since = next((d for d in sentence.dates if d.relation == "since"), None)
            if since and "start" not in proposal.fields:
                proposal.fields["start"] = since.first.dataset()
        mandates = [key for s in sentences for key in builder.mandates_cited(s)]
        if mandates:
            proposal.fields["mandates"] = list(dict.fromkeys(mandates))
    for sentence in analysis.sentences:
        counts = counts_in(sentence)
        people = [c for c in counts if not c.equipment]
        equipment = [c for c in counts if c.equipment]
        in_section = builder.by_section.get(sentence.scope.contribution) if sentence.scope.mission else None
        about_dutch = bool(lexicon.DUTCH.search(sentence.text))
        if in_section is not None:
            if len(people) == 1 and (about_dutch or _UNIT_OF.search(sentence.text[:people[0].quantity.start])):
                builder.size(in_section, people[0], sentence)
            for count in equipment:
                builder.asset(in_section, count, sentence)
            continue
        if not about_dutch or not (lexicon.CONTRIBUTES.search(sentence.text) or "bijdrage" in sentence.text.lower()):
            continue
        mission = analysis.mission_in(sentence.text) or sentence.scope.mission
        if not mission or mission not in builder.mission_keys:
            continue
        if len(people) == 1:
            count = people[0]
            kind = lexicon.kind_of(count.phrase) or "unit"
            if kind == "advisers":
                kind = _advisers_kind(count.phrase) if re.search(r"militai|civi", count.phrase, re.I) else "military-advisers"
            proposal = builder.by_kind.get((mission, kind)) or builder.create(mission, kind, count.phrase, sentence)
            builder.size(proposal, count, sentence)
            for date in sentence.dates:
                if date.relation == "since" and "start" not in proposal.fields:
                    proposal.fields["start"] = date.first.dataset()
        for count in equipment:
            kind = lexicon.kind_of(count.phrase) or "unit"
            proposal = builder.by_kind.get((mission, kind)) or builder.create(mission, kind, count.phrase, sentence)
            builder.asset(proposal, count, sentence)
