"""Placeholders in narrative text as the dataset file sees them: each kind names records of one
or more sections (the grammar and the kinds are the report's, :mod:`missiemonitor.reporting.placeholders`)."""

from __future__ import annotations

from functools import cache

from missiemonitor.interchange.dataset import spec
from missiemonitor.reporting.placeholders import BLOCK_KINDS, PLACEHOLDER, find_placeholders

__all__ = ["BLOCK_KINDS", "PLACEHOLDER", "find_placeholders", "section_kinds"]


@cache
def section_kinds() -> dict[str, str]:
    """Placeholder kind -> the dataset sections it refers to, joined by ``|``."""
    from missiemonitor.reporting.placeholders import KINDS

    section_of = {section.model_label: name for name, section in spec.by_name().items()}
    return {kind: "|".join(section_of[label] for label in labels) for kind, labels in KINDS.items()}
