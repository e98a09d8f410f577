"""Figures with their units and dates: flight hours, movements, amounts in euros, percentages,
and the counts of events.

Every number of a sentence is a candidate, except dates, Kamerstuk numbers, identifiers
("artikel 31.1", "LTO 6"), counts of people and equipment (sizes of contributions) and time
spans ("een half jaar"). A number written in words counts only in a sentence about a dated
event ("in totaal zeven aanvallen"): in other prose, words are rarely a reported figure.

- **Unit**: the noun phrase after the number ("vlieguren", "anti-ISIS operaties"); "%" for
  percentages; "EUR" for amounts.
- **Date**: a footnote after the figure that cites a dated Kamerstuk gives that date; else the
  nearest date before it in the sentence, else the nearest after it; else, where the sentence
  speaks of the reporting period or names no date at all, the reporting period (noted).
- **Record**: an amount for a named mission is an expenditure; a figure in a sentence about an
  event on a day or between two days is a figure of that event; any other figure is an
  observation of an indicator named after its unit.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_noop

from missiemonitor.interchange.onboard import lexicon
from missiemonitor.interchange.onboard.analysis import Analysis, Sentence
from missiemonitor.interchange.onboard.citations import find_kamerstukken
from missiemonitor.interchange.onboard.dates import DateMention, Fuzzy, month_range
from missiemonitor.interchange.onboard.extract_contributions import counted_phrase
from missiemonitor.interchange.onboard.numbers import Quantity, number_text
from missiemonitor.interchange.onboard.proposals import Proposal, Proposals, slug

_ADJECTIVE = re.compile(r"^(?:\w+(?:e|ische)|anti-\w+|intern|extern|civiel|militair|nieuw|totaal|Nederlands)$", re.I)
_TOKEN = re.compile(r"[^\s,;:()]+")
_REPORTING_WORDS = re.compile(r"rapportageperiode|verslagperiode|afgelopen periode|afgelopen jaar|reporting period|"
                              r"past period|past year|this period", re.I)
_TOTAL = re.compile(r"\b(?:totale?|totaal|in totaal|total|overall|waarvan|of which)\b", re.I)
_FOR_MISSION = re.compile(r"^\s*(?:voor|aan|van|for|to|on)\s+(?:de\s+|het\s+|the\s+)?", re.I)


def unit_after(text: str, end: int, language: str) -> str:
    """The unit a number counts: the noun phrase that follows it, adjectives included
    ("gezamenlijke lange termijndoelstellingen", "anti-ISIS operaties", "flight hours")."""
    words: list[str] = []
    for match in _TOKEN.finditer(text, end):
        if text[end:match.start()].strip():
            break  # punctuation between: the phrase has ended
        token = match.group(0)
        bare = token.rstrip(".")
        lowered = bare.lower()
        if not bare or lowered in lexicon.STOPWORDS or lowered in lexicon.MONTHS or bare[0].isdigit():
            break
        if words and bare[0].isupper() and not lowered.startswith("anti-"):
            break
        words.append(bare)
        end = match.end()
        if len(words) == 3 or token.endswith("."):
            break
        more = _ADJECTIVE.match(bare) if language == "nl" else not lowered.endswith("s")
        if not more:
            break
    return " ".join(words)


def _date_for(sentence: Sentence, quantity: Quantity, analysis: Analysis) -> tuple[DateMention | None, tuple[str, dict]]:
    """The date of a figure and how it was found."""
    for offset, note_id in sentence.notes:
        if quantity.end <= offset <= quantity.end + 60:
            for ref in find_kamerstukken(analysis.document.footnotes.get(note_id, "")):
                if ref.date:
                    day = Fuzzy(ref.date.year, ref.date.month, ref.date.day)
                    return DateMention(0, 0, day, day, "range"), (gettext_noop("date: of the source in footnote %(number)s"),
                                                                  {"number": note_id.split(".")[0]})
    before = [d for d in sentence.dates if d.end <= quantity.start]
    after = [d for d in sentence.dates if d.start >= quantity.end]
    if before:
        return before[-1], ("", {})
    if after:
        return after[0], ("", {})
    return None, ("", {})


def _period(mention: DateMention, analysis: Analysis) -> str:
    """A figure "since" a date runs to the end of the reporting period, else to the document's
    date."""
    if mention.relation == "since":
        if analysis.reporting_period and analysis.reporting_period.last:
            return month_range(mention.first, analysis.reporting_period.last)
        if analysis.document_date and analysis.document_date >= mention.first.first():
            return f"{mention.first.first().isoformat()}..{analysis.document_date.isoformat()}"
    return mention.period()


def _is_event(sentence: Sentence) -> DateMention | None:
    """The date of the event a sentence reports: a day, or a range between days."""
    for mention in sentence.dates:
        if mention.first.precision == "day" and mention.relation in {"on", "range"}:
            return mention
    return None


def extract_figures(analysis: Analysis, proposals: Proposals) -> None:
    mission_keys = {p.fields["acronym"]: p.key for p in proposals.of_kind("mission")}
    section_contribution = _section_contributions(analysis, proposals)
    document_source = next((p.key for p in proposals.of_kind("document")), "")
    events: dict[int, Proposal] = {}
    for sentence in analysis.sentences:
        for quantity in sentence.quantities:
            if quantity.value < 0 or counted_phrase(sentence.text, quantity.end):
                continue
            unit = "%" if quantity.percent else "EUR" if quantity.money else unit_after(sentence.text, quantity.end, analysis.language)
            if not unit or lexicon.DURATION.match(unit.split()[0]) or lexicon.OBJECTIVE_COUNT.search(unit):
                continue
            event_date = _is_event(sentence)
            if quantity.words and not (event_date and not quantity.money):
                continue
            passage = sentence.passage()
            if quantity.money:
                _expenditure(analysis, proposals, sentence, quantity, mission_keys, passage)
                continue
            if event_date is not None and (lexicon.ATTACK.search(sentence.text) or lexicon.HARM.search(sentence.text)
                                           or quantity.total):
                event = events.get(id(sentence)) or _event_for(analysis, proposals, sentence, event_date, mission_keys)
                events[id(sentence)] = event
                fields = {"value": number_text(quantity.value), "unit": unit, "approximately": quantity.approximately or bool(quantity.bound)}
                proposals.add("event-figure", f"{event.key}-{slug(unit)}", fields, passage, parent=event.id)
                continue
            mention, (note, note_args) = _date_for(sentence, quantity, analysis)
            if mention is not None and mention.relation == "until":
                mention = None
            assumed = []
            if mention is not None:
                period = mention.period() if note else _period(mention, analysis)
            elif proposals.reporting_period:
                period = proposals.reporting_period
                if _REPORTING_WORDS.search(sentence.text):
                    note = gettext_noop("date: the reporting period, which the sentence names")
                else:
                    note, assumed = gettext_noop("date: the text gives none; the document's reporting period"), ["period"]
            else:
                continue
            mission = analysis.mission_in(sentence.text) or sentence.scope.mission
            fields = {"indicator": unit[:1].upper() + unit[1:], "unit": unit, "value": number_text(quantity.value),
                      "period": period, "mission": mission_keys.get(mission, ""),
                      "contribution": section_contribution.get(sentence.scope.contribution, ""),
                      "approximately": quantity.approximately, "bound": quantity.bound,
                      "source": document_source, "source_passage": sentence.text}
            key = f"{fields['mission'] or proposals.stem}-{slug(unit)[:40]}-{slug(period)}"
            proposals.add("observation", key, fields, passage, assumed=assumed, note=note, note_args=note_args)


def _section_contributions(analysis: Analysis, proposals: Proposals) -> dict[int, str]:
    result = {}
    for sentence in analysis.sentences:
        number = sentence.scope.contribution
        if number and number not in result:
            for proposal in proposals.of_kind("contribution"):
                if proposal.fields.get("name", "").lower() == sentence.scope.contribution_name[:200].lower():
                    result[number] = proposal.key
                    break
    return result


def _expenditure(analysis: Analysis, proposals: Proposals, sentence: Sentence, quantity: Quantity,
                 mission_keys: dict[str, str], passage) -> None:
    """An amount is an expenditure of the mission it is "for", named right after it ("€ 4,5
    miljoen voor OIR"), or of the one mission its sentence names when it is no total."""
    after = sentence.text[quantity.end:quantity.end + 80]
    lead = _FOR_MISSION.match(after)
    if lead:
        mission = analysis.mission_in(after[lead.end():lead.end() + 40].split(",")[0].split(" en ")[0])
    elif not _TOTAL.search(sentence.text) and sum(1 for q in sentence.quantities if q.money) == 1:
        mission = analysis.mission_in(sentence.text)
    else:
        return
    if not mission or mission not in mission_keys:
        return
    mention, _note = _date_for(sentence, quantity, analysis)
    if mention is None:
        return
    paragraph = sentence.block.text
    index = paragraph.find(sentence.text)
    source = lexicon.budget_source_of(paragraph[index:index + len(sentence.text) + 200]) if index >= 0 else ""
    fields = {"mission": mission_keys[mission], "period": mention.period(), "amount": number_text(quantity.value),
              "approximately": quantity.approximately or bool(quantity.bound),
              "budget_source": source or "other", "description": sentence.text}
    proposals.add("expenditure", f"{mission_keys[mission]}-{slug(mention.period())}", fields, passage,
                  assumed=[] if source else ["budget_source"])


def _event_for(analysis: Analysis, proposals: Proposals, sentence: Sentence, mention: DateMention,
               mission_keys: dict[str, str]) -> Proposal:
    from missiemonitor.interchange.onboard.extract_events import event_fields

    fields, assumed = event_fields(analysis, sentence, mention, mission_keys)
    return proposals.add("event", f"{slug(fields['title'])[:50]}-{mention.first.dataset()}", fields,
                         sentence.passage(), assumed=assumed)
