"""Events and incidents with their dates, and the dated milestones of a contribution.

- **Incident**: a sentence in which Dutch people are hurt or attacked, with its date: its type
  and severity from the words ("gewond", "omgekomen"), the number of people hurt.
- **Milestone**: a dated sentence in a contribution's section about a handover, a transfer of
  command, the last mission or the redeployment.
- **Event**: any other sentence outside a contribution's section that dates what happened or
  will happen (a month or a day, or a year with a verb of its own), except the sentence that
  only names the reporting period or that reports a measured figure. Its category comes from
  the section's heading ("Milities", "Politiek"); a future date or "gepland"/"naar verwachting"
  makes it planned.
"""

from __future__ import annotations

import re
from typing import Any

from missiemonitor.interchange.onboard import lexicon
from missiemonitor.interchange.onboard.analysis import Analysis, Sentence
from missiemonitor.interchange.onboard.dates import DateMention
from missiemonitor.interchange.onboard.extract_contributions import counts_in
from missiemonitor.interchange.onboard.proposals import Proposals, slug

_MILESTONES = [
    (r"commando|command", r"overdr|draagt\b.*\bover|overgedragen|hand\w* over|transfer", "command-transfer"),
    (r"", r"overdr|draagt\b.*\bover|overgedragen|overdracht|hand\w* over|handover", "handover"),
    (r"", r"laatste missie|last mission|einde van de (?:operaties|inzet)|beëindig|end of (?:operations|the deployment)",
     "end-of-operations"),
    (r"", r"redeployment|herontplooiing|terugtrekking|withdraw", "redeployment"),
]
# The letter speaking of itself ("Met deze brief informeert het kabinet uw Kamer …"): no event.
_ABOUT_LETTER = re.compile(r"\b(?:deze brief|this letter|hierbij|uw Kamer|your House|informeert|we inform)\b", re.I)
_DATE_LINE = re.compile(r"^(?:Datum|Date|Den Haag|The Hague)\b", re.I)
_INJURY = re.compile(r"\b(?:gewond|verwond|injured|wounded)\b", re.I)
_ACCIDENT = re.compile(r"\b(?:ongeval|ongeluk|accident|crash)\w*", re.I)
_ONE_PERSON = re.compile(r"\b(?:een|één|a|one)\s+(?:\w+\s+)?(?:militair|soldaat|service member|soldier|agent|"
                         r"politiefunctionaris|adviseur|adviser|functionaris)\b", re.I)


def _title(text: str, limit: int = 300) -> str:
    text = text.strip().rstrip(".")
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def _planned(analysis: Analysis, sentence: Sentence, mention: DateMention) -> bool:
    if analysis.document_date is not None and mention.first.first() > analysis.document_date:
        return True
    return bool(lexicon.PLANNED.search(sentence.text))


def event_fields(analysis: Analysis, sentence: Sentence, mention: DateMention,
                 mission_keys: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    assumed = []
    category = sentence.scope.category
    if not category:
        category, assumed = "other", ["category"]
    area = analysis.area
    if not area:
        area, assumed = ("onbekend" if analysis.language == "nl" else "unknown"), [*assumed, "area"]
    fields: dict[str, Any] = {
        "mission": mission_keys.get(sentence.scope.mission, ""), "category": category,
        "start": mention.first.dataset(), "end": mention.last.dataset() if mention.last else "",
        "planned": _planned(analysis, sentence, mention), "area": area[:100], "title": _title(sentence.text),
        "source_passage": sentence.text,
    }
    if analysis.language == "en":
        fields["title_en"] = fields["title"]
    return fields, assumed


def _dated(analysis: Analysis, sentence: Sentence) -> DateMention | None:
    period = analysis.reporting_period
    for mention in sentence.dates:
        if period is not None and mention.first == period.first and mention.last == period.last:
            continue
        if mention.relation == "until":
            continue
        return mention
    return None


def extract_events(analysis: Analysis, proposals: Proposals) -> None:
    mission_keys = {p.fields["acronym"]: p.key for p in proposals.of_kind("mission")}
    by_name = {p.fields.get("name", "").lower(): p for p in proposals.of_kind("contribution")}
    source = next((p.key for p in proposals.of_kind("document")), "")
    used = {p.passage.sentence for p in proposals.of_kind("observation", "expenditure", "event")}
    for sentence in analysis.sentences:
        if sentence.text in used:
            continue
        mention = _dated(analysis, sentence)
        contribution = by_name.get(sentence.scope.contribution_name[:200].lower()) if sentence.scope.contribution else None
        if mention is not None and lexicon.HARM.search(sentence.text) and lexicon.DUTCH.search(sentence.text):
            _incident(analysis, proposals, sentence, mention, mission_keys, contribution)
            continue
        if contribution is not None:
            if mention is not None and mention.relation != "since":
                _milestone(analysis, proposals, sentence, mention, contribution)
            continue
        if mention is None or _ABOUT_LETTER.search(sentence.text) or _DATE_LINE.match(sentence.text):
            continue
        fields, assumed = event_fields(analysis, sentence, mention, mission_keys)
        fields["source"] = source
        proposals.add("event", f"{slug(fields['title'])[:50]}-{mention.first.dataset()}", fields,
                      sentence.passage(), assumed=assumed)


def _incident(analysis, proposals, sentence, mention, mission_keys, contribution) -> None:
    text = sentence.text
    kind = ("injury" if _INJURY.search(text) else "attack" if lexicon.ATTACK.search(text)
            else "accident" if _ACCIDENT.search(text) else "other")
    severity, assumed = ("fatal", []) if lexicon.FATAL.search(text) else ("serious", []) if lexicon.SERIOUS.search(text) \
        else ("minor", ["severity"])
    people = [c for c in counts_in(sentence) if not c.equipment]
    casualties = int(people[0].quantity.value) if people else (1 if _ONE_PERSON.search(text) else None)
    fields = {"mission": mission_keys.get(sentence.scope.mission, ""),
              "contribution": contribution.key if contribution else "", "date": mention.first.dataset(),
              "incident_type": kind, "severity": severity, "casualties": casualties, "description": text}
    if analysis.language == "en":
        fields["description_en"] = text
    proposals.add("incident", f"{fields['mission'] or 'incident'}-{kind}-{mention.first.dataset()}", fields,
                  sentence.passage(), assumed=assumed)


def _milestone(analysis, proposals, sentence, mention, contribution) -> None:
    lowered = sentence.text.lower()
    for subject, verb, kind in _MILESTONES:
        if re.search(verb, lowered) and (not subject or re.search(subject, lowered)):
            fields = {"kind": kind, "date": mention.first.dataset(), "planned": _planned(analysis, sentence, mention),
                      "text": sentence.text}
            if analysis.language == "en":
                fields["text_en"] = sentence.text
            proposals.add("milestone", f"{contribution.key}-{kind}", fields, sentence.passage(), parent=contribution.id)
            return
