"""The objectives, long-term objectives and conditions that the text names.

- **Objective**: "De doelstelling van X is (tweeledig): (1) … en (2) …", "X … met als doel …",
  "X richt zich op …" for a mission X; "Het kabinet beoogt …" for the government's policy.
- **Framework**: "… 32 (gezamenlijke) lange termijndoelstellingen (Long Term Objectives) …" in a
  mission's section: a results framework with the number of objectives it states.
- **Long-term objective**: "LTO 6 van de Chief of Defence (CHoD), gericht op het …": its code,
  owner and title.
- **Condition**: the enumerated items of a sentence, or the list items after a lead-in, that
  name the conditions ("voorwaarden") of a long-term objective.
"""

from __future__ import annotations

import re

from missiemonitor.interchange.onboard import lexicon
from missiemonitor.interchange.onboard.analysis import Analysis, Sentence
from missiemonitor.interchange.onboard.proposals import Proposal, Proposals

_MISSION_AIM = re.compile(
    r"(?:(?:doelstelling|doel|objective|aim)(?:en|s)?\s+van\s+(?:de\s+|het\s+|the\s+)?(?P<who>[\w -]{2,60}?)\s+"
    r"(?:is|zijn|was|are)(?:\s+\w+\s*:|\s*:)?\s*(?P<what>.+))"
    r"|(?:met als doel|heeft als doel|has the aim of|with the aim of|aims to|richt zich (?:\w+\s+){0,3}?op|"
    r"is gericht op|focuses (?:\w+\s+){0,3}?on)\s+(?P<what2>.+)", re.I)
_POLICY = re.compile(r"\b(?:kabinet|regering|government|cabinet)\b.{0,40}?\b(?:beoogt|wil|aims? to|seeks? to)\s+"
                     r"(?:(?:tevens|ook|also)\s+)?(?P<what>.+)|\bbeoogt\s+(?:het|de)\s+(?:kabinet|regering)\s+"
                     r"(?:(?:tevens|ook)\s+)?(?P<what2>.+)", re.I)
_ENUMERATION = re.compile(r"\(\s*(?P<n>\d{1,2}|[a-z])\s*\)\s*")
_FRAMEWORK = re.compile(r"(?:lange[- ]?termijn ?doelstellingen|long[- ]term objectives|LTO[’']?s)", re.I)
_PAREN_NAME = re.compile(r"\(([A-Z][\w ]+?)\s*(?:\(|\))")
_LTO = re.compile(r"\b(?P<code>(?:LTO|Long[- ]Term Objective)\s*(?P<n>\d{1,3}))\b"
                  r"(?:\s+van\s+(?:de\s+|het\s+)?(?P<owner>[A-Z][^,;:]{2,80}?))?"
                  r"(?:,?\s+(?:gericht op|over|inzake|aimed at|on)\s+(?:de\s+|het\s+|the\s+)?(?P<title>[^;:.,]{3,200}))?"
                  r"(?=[,;:.]|$|\s+(?:en|and)\s)", re.I)


def _sentence_case(text: str) -> str:
    text = text.strip().rstrip(",;").strip()
    text = re.sub(r"\s+(?:en|and)$", "", text)
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _items(text: str) -> list[tuple[str, str]]:
    """[(code, text)] of an enumeration "(1) … en (2) …", or [] when there is none."""
    marks = list(_ENUMERATION.finditer(text))
    if len(marks) < 2:
        return []
    items = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        items.append((mark["n"], _sentence_case(text[mark.end():end])))
    return items


def extract_objectives(analysis: Analysis, proposals: Proposals) -> None:
    mission_keys = {p.fields["acronym"]: p.key for p in proposals.of_kind("mission")}
    frameworks: dict[str, Proposal] = {}
    ltos: list[Proposal] = []
    for index, sentence in enumerate(analysis.sentences):
        _objective(analysis, proposals, sentence, mission_keys)
        _framework(analysis, proposals, sentence, mission_keys, frameworks)
        for match in _LTO.finditer(sentence.text):
            if not match["title"] and not match["owner"]:
                continue
            lto = _lto(analysis, proposals, sentence, match, mission_keys, frameworks)
            if lto is not None:
                ltos.append(lto)
        if ltos and lexicon.CONDITIONS.search(sentence.text):
            _conditions(analysis, proposals, index, sentence, ltos[-1])


def _objective(analysis: Analysis, proposals: Proposals, sentence: Sentence, mission_keys: dict[str, str]) -> None:
    policy = _POLICY.search(sentence.text)
    if policy:
        # an objective belongs to a mandate or a mission: the government's aims to the letter
        # that decided the deployment (the first artikel 100-brief the text cites), else to
        # the one mission of the text
        mandates = proposals.of_kind("mandate")
        attached = ({"mandate": mandates[0].key} if mandates
                    else {"mission": next(iter(mission_keys.values()))} if len(mission_keys) == 1 else None)
        if attached is None:
            return
        title = _sentence_case(policy["what"] or policy["what2"])
        count = sum(1 for p in proposals.of_kind("objective") if p.fields.get("level") == "policy")
        owner = next(iter(attached.values()))
        proposals.add("objective", f"{owner}-policy-objective-{count + 1}",
                      {**attached, "level": "policy", "title": title}, sentence.passage())
        return
    match = _MISSION_AIM.search(sentence.text)
    if not match:
        return
    who = match["who"] or ""
    mission = analysis.mission_in(who) if who else analysis.mission_in(sentence.text[:match.start() + 1])
    if not mission or mission not in mission_keys:
        return
    what = match["what"] or match["what2"] or ""
    items = _items(what) or [("", _sentence_case(what))]
    for code, title in items:
        fields = {"mission": mission_keys[mission], "level": "mission", "code": code, "title": title}
        proposals.add("objective", f"{mission_keys[mission]}-objective{'-' + code if code else ''}", fields,
                      sentence.passage())


def _framework(analysis, proposals, sentence, mission_keys, frameworks) -> None:
    mission = sentence.scope.mission or analysis.mission_in(sentence.text)
    if not mission or mission not in mission_keys or mission in frameworks:
        return
    for quantity in sentence.quantities:
        after = sentence.text[quantity.end:quantity.end + 80]
        if quantity.words or not _FRAMEWORK.search(after):
            continue
        named = _PAREN_NAME.search(after)
        name = named[1].strip() if named else _FRAMEWORK.search(after).group(0)
        name = f"{name[0].upper()}{name[1:]} ({mission})"
        basis = "conditions" if lexicon.CONDITIONS.search(sentence.block.text) or re.search(
            r"voorwaarden|conditions", " ".join(s.text for s in analysis.sentences if s.block is sentence.block)) else "time"
        fields = {"mission": mission_keys[mission], "name": name[:200], "version_label": name[:200],
                  "stated_objective_count": int(quantity.value), "scale": "mm-five-level", "basis": basis}
        frameworks[mission] = proposals.add("framework", f"{mission_keys[mission]}-lto", fields, sentence.passage(),
                                            assumed=["scale"])
        return


def _lto(analysis, proposals, sentence, match, mission_keys, frameworks) -> Proposal | None:
    mission = (sentence.scope.mission or analysis.mission_in(sentence.text)
               or (next(iter(frameworks)) if len(frameworks) == 1 else "")
               or (next(iter(mission_keys)) if len(mission_keys) == 1 else ""))
    if not mission or mission not in mission_keys:
        return None
    framework = frameworks.get(mission)
    if framework is None:
        name = f"Long Term Objectives ({mission})"
        framework = proposals.add("framework", f"{mission_keys[mission]}-lto",
                                  {"mission": mission_keys[mission], "name": name, "version_label": name,
                                   "scale": "mm-five-level", "basis": "conditions"},
                                  sentence.passage(), assumed=["scale", "basis"])
        frameworks[mission] = framework
    code = re.sub(r"\s+", " ", match["code"]).strip()
    title = (match["title"] or code).strip()
    fields = {"code": code, "title": title[0].upper() + title[1:], "owner": (match["owner"] or "").strip()}
    for existing in proposals.of_kind("lto"):
        if existing.parent == framework.id and existing.fields["code"] == code:
            return existing
    return proposals.add("lto", f"{framework.key}-{code}", fields, sentence.passage(), parent=framework.id)


def _conditions(analysis, proposals, index, sentence, lto) -> None:
    items = _items(sentence.text.split(":", 1)[-1])
    passage = sentence.passage()
    if not items and sentence.text.rstrip().endswith(":"):
        following = [b for b in analysis.document.blocks if b.number > sentence.block.number]
        for block in following:
            if block.kind != "item":
                break
            items.append((str(len(items) + 1), _sentence_case(block.text)))
    for code, text in items:
        proposals.add("condition", f"{lto.key}-{code}", {"code": f"{lto.fields['code']}.{code}", "text": text},
                      passage, parent=lto.id)
