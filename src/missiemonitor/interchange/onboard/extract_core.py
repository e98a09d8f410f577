"""The document itself, its reporting period, the missions it names, and its Kamerstuk
references: the mandates (artikel 100-brieven) and the other Kamerstukken it cites."""

from __future__ import annotations

import re

from django.utils.translation import gettext_noop

from missiemonitor.core.kamerstuk import format_dossier
from missiemonitor.interchange.onboard import lexicon
from missiemonitor.interchange.onboard.analysis import Analysis, mission_mentions
from missiemonitor.interchange.onboard.citations import KamerstukReference, find_kamerstukken
from missiemonitor.interchange.onboard.proposals import Passage, Proposals

_TITLES = [re.compile(
    rf"\b((?:{kinds})\s+(?:over|inzake|betreffende|aangaande|on|about|concerning|regarding)\s+[^.;:]{{10,250}})", re.I)
    for kinds in ("voortgangsrapportage|progress report", "rapportage|report",
                  "artikel[- ]100[- ]?brief|article[- ]100[- ]letter", "kamerbrief|brief|letter")]
# After "artikel 100-brief", the words that start its subject: "… over de verlenging van …".
_SUBJECT = re.compile(r"^\s*(?:over|inzake|betreffende|aangaande|met betrekking tot|voor|on|about|regarding|concerning)\s", re.I)
_LETTER = re.compile(r"(?:(?P<supplement>aanvullende|supplementary|additional)\s+)?(?:artikel|article)[- ]?100[- ]?(?:brief|letter)",
                     re.I)


def extract_document(analysis: Analysis, proposals: Proposals) -> None:
    document = analysis.document
    first = next((b for b in document.blocks if b.kind != "heading"), None)
    title = document.title if len(document.title.split()) > 3 else ""
    if first is not None and not title:
        match = next((m for m in (t.search(first.text) for t in _TITLES) if m), None)
        if match:
            title = match[1].strip().rstrip(",")
            title = title[0].upper() + title[1:]
    if not title:
        long_heading = next((b.text for b in document.blocks if b.kind == "heading" and len(b.text.split()) > 3), "")
        title = long_heading or document.filename
    proposals.title = title
    source_kind = "report" if analysis.progress_report else "other"
    passage = Passage(paragraph=first.number if first else 1, page=first.page if first else None,
                      sentence=(first.text[:300] if first else title))
    proposals.add("document", f"doc-{document.filename.rsplit('.', 1)[0]}", {"kind": source_kind, "title": title[:500]},
                  passage, note=gettext_noop("the document being onboarded, as the source of its figures and passages"))
    if analysis.reporting_period is not None:
        sentence = next((s for s in analysis.sentences if analysis.reporting_period.text in s.text), None)
        proposals.reporting_period = analysis.reporting_period.period()
        proposals.add("period", "reporting-period", {"period": proposals.reporting_period},
                      sentence.passage() if sentence else passage)


def extract_missions(analysis: Analysis, proposals: Proposals) -> None:
    for acronym, mission in analysis.missions.items():
        headings = " ".join(b.text for b, scope in analysis.headings if scope.mission == acronym)
        lead = mission.lead or lexicon.first_match(lexicon.MISSION_LEAD, headings)
        kind = mission.kind or lexicon.first_match(lexicon.MISSION_KIND, headings.lower())
        assumed = []
        if not lead:
            lead, assumed = "bilateral", [*assumed, "lead"]
        if not kind:
            kind, assumed = "military", [*assumed, "kind"]
        area = analysis.area
        if not area:
            area, assumed = ("onbekend" if analysis.language == "nl" else "unknown"), [*assumed, "area"]
        name = mission.name[:1].upper() + mission.name[1:200]
        fields = {"name": name, "acronym": acronym[:30], "lead": lead, "kind": kind, "area": area[:100]}
        if analysis.language == "en":
            fields["name_en"] = name
        proposals.add("mission", acronym, fields, mission.passage, assumed=assumed)


def _mandate_title(text: str, end: int) -> tuple[str, bool] | None:
    """The letter's title in ``text`` before ``end`` (a footnote mark or the reference itself):
    "(aanvullende) artikel 100-brief over …". None when no such phrase ends there."""
    window = text[max(0, end - 400):end]
    matches = list(_LETTER.finditer(window))
    if not matches:
        return None
    match = matches[-1]
    rest = window[match.end():]
    if rest.strip(" ,(") and not _SUBJECT.match(rest):
        return None
    if re.search(r"[.;]\s", rest) or find_kamerstukken(rest) or re.search(r"\b(?:brief|letter)\b", rest, re.I):
        return None  # the mark belongs to another letter named after this one
    title = window[match.start():].strip(" ,(–-")
    if len(title.split()) > 40:
        return None
    return title[0].upper() + title[1:], bool(match["supplement"])


def extract_kamerstukken(analysis: Analysis, proposals: Proposals) -> None:
    """One proposal per Kamerstuk cited; those cited as an artikel 100-brief are mandates too."""
    seen: dict[str, tuple[KamerstukReference, Passage, tuple[str, dict]]] = {}
    letters: dict[str, tuple[str, bool, Passage, list[str]]] = {}
    footnote_refs = {note_id: find_kamerstukken(text) for note_id, text in analysis.document.footnotes.items()}
    for sentence in analysis.sentences:
        for ref in sentence.kamerstukken:
            seen.setdefault(ref.key, (ref, sentence.passage(), ("", {})))
            found = _mandate_title(sentence.text, ref.start)
            if found is None and lexicon.ARTICLE_100.search(sentence.text):
                found = _mandate_title(sentence.text, len(sentence.text))
            if found and ref.key not in letters:
                letters[ref.key] = (*found, sentence.passage(), mission_mentions(analysis.missions, found[0]))
        for offset, note_id in sentence.notes:
            for ref in footnote_refs.get(note_id, []):
                passage = Passage(paragraph=sentence.block.number, page=sentence.block.page,
                                  sentence=analysis.document.footnotes[note_id], heading=sentence.scope.heading)
                seen.setdefault(ref.key, (ref, passage, (gettext_noop("footnote %(number)s, cited in paragraph %(paragraph)s"),
                                                         {"number": note_id.split(".")[0],
                                                          "paragraph": sentence.block.number})))
                found = _mandate_title(sentence.text, offset)
                if found and ref.key not in letters:
                    letters[ref.key] = (*found, passage, mission_mentions(analysis.missions, found[0]))
    for note_id, refs in footnote_refs.items():  # footnotes no sentence cites
        for ref in refs:
            seen.setdefault(ref.key, (ref, Passage(paragraph=0, sentence=analysis.document.footnotes[note_id]),
                                      (gettext_noop("footnote %(number)s"), {"number": note_id.split(".")[0]})))
    for key, (ref, passage, note) in seen.items():
        citation = ref.citation(analysis.language)
        title = letters[key][0] if key in letters else citation
        fields = {"kind": "kamerstuk", "title": title[:500], "dossier": ref.dossier, "number": ref.number,
                  "date": ref.date.isoformat() if ref.date else ""}
        proposals.add("kamerstuk", f"kamerstuk-{ref.dossier}-{ref.number}", fields, passage, note=note[0],
                      note_args=note[1])
        if key not in letters:
            continue
        title, supplement, letter_passage, missions = letters[key]
        assumed = []
        date = ref.date.isoformat() if ref.date else ""
        if not date:
            date = (analysis.document_date.isoformat() if analysis.document_date else "")
            assumed.append("date")
        keys = [p.key for p in proposals.of_kind("mission") if p.fields["acronym"] in missions]
        fields = {"kind": "article-100-supplement" if supplement else "article-100", "title": title[:500],
                  "short_title": (title[0].lower() + title[1:])[:300], "dossier": ref.dossier,
                  "number": ref.number, "date": date, "missions": keys}
        if analysis.language == "en":
            fields["title_en"] = title[:500]
        proposals.add("mandate", f"kst-{ref.dossier}-{ref.number}", fields, letter_passage, assumed=assumed,
                      note=gettext_noop("the title is read where the text cites %(citation)s"),
                      note_args={"citation": f"Kamerstuk {format_dossier(ref.dossier)}, nr. {ref.number}"})
