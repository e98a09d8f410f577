"""The field reference of docs/dataset-format.md, generated from the spec so the two cannot
drift apart (a test compares them)."""

from __future__ import annotations

from missiemonitor.interchange.dataset import spec
from missiemonitor.interchange.dataset.fields import Field

BEGIN = "<!-- BEGIN GENERATED FIELD REFERENCE -->"
END = "<!-- END GENERATED FIELD REFERENCE -->"

KIND_TEXT = {
    "str": "text",
    "text": "text (may span lines)",
    "int": "whole number ≥ 0",
    "decimal": "number",
    "bool": "true / false",
    "date": "date YYYY-MM-DD",
    "datetime": "moment YYYY-MM-DDTHH:MM:SSZ (with a time zone)",
    "fuzzy": "date: YYYY, YYYY-MM or YYYY-MM-DD",
    "period": "period: YYYY, YYYY-MM or START..END",
    "classification": "classification code",
    "refs": "list of keys",
    "codes": "list of codes",
    "mapping": "mapping dimension → value code",
    "level": "level code of the condition's rating scale",
}

MISSION_TEXT = {
    "explicit": "optional `mission` field",
    "required": "required `mission` field",
    "self": "the mission itself",
    "none": "belongs to no mission",
    "parent": "the mission of the record it is nested in",
}


def _kind(f: Field) -> str:
    if f.kind == "ref":
        return f"key of {f.target.replace('_', ' ')}"
    if f.kind == "refs":
        return f"list of keys of {f.target.replace('_', ' ')}"
    if f.kind == "choice":
        shown = [str(c) if c != "" else '""' for c in f.choices]
        return "one of " + ", ".join(f"`{c}`" for c in shown)
    text = KIND_TEXT.get(f.kind, f.kind)
    if f.kind == "decimal" and f.minimum is not None:
        text += " ≥ 0"
    if f.help:
        text += f" ({f.help})"
    return text


def _section(section: spec.Section, depth: int, parent: str | None) -> list[str]:
    title = f"{'#' * depth} `{section.name}`" + (f" (nested in `{parent}`)" if parent else "")
    mission = MISSION_TEXT.get(section.mission, f"the mission of its `{section.mission}`")
    lines = [title, "", f"Model `{section.model_label}`. Need-to-know: {mission}."]
    if not section.keyed:
        lines.append(f"No keys: within its parent, identified by {', '.join(section.natural_key)}; "
                     "the file's list replaces the stored list.")
    lines += ["", "| field | required | value |", "| --- | --- | --- |"]
    for f in section.all_fields:
        lines.append(f"| `{f.name}` | {'yes' if f.required else ''} | {_kind(f)} |")
    for child in section.children:
        lines.append(f"| `{child.name}` | | list of nested records, below |")
    lines.append("")
    for child in section.children:
        lines += _section(child, depth + 1, section.name)
    return lines


def field_reference() -> str:
    lines = [BEGIN, ""]
    for section in spec.sections():
        lines += _section(section, 3, None)
    lines.append(END)
    return "\n".join(lines)
