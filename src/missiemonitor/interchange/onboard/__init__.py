"""Onboarding from a ministry's existing letters: read an ODT, DOCX, PDF or text file and
propose a draft dataset, every value with the passage it came from.

    proposals = onboard_document(data=..., filename="brief.pdf")   # or path=Path(...)
    text = proposals_to_dataset(proposals)                          # the draft, as YAML

The extraction is deterministic rules (no network, no language model), one module per kind of
fact; see docs/onboarding.md for what each rule reads and how a proposal is measured.
"""

from __future__ import annotations

from pathlib import Path

from missiemonitor.interchange.onboard.analysis import analyse
from missiemonitor.interchange.onboard.draft import Draft, draft_dataset, proposals_to_dataset
from missiemonitor.interchange.onboard.extract_contributions import extract_contributions
from missiemonitor.interchange.onboard.extract_core import (
    extract_document,
    extract_kamerstukken,
    extract_missions,
)
from missiemonitor.interchange.onboard.extract_events import extract_events
from missiemonitor.interchange.onboard.extract_figures import extract_figures
from missiemonitor.interchange.onboard.extract_objectives import extract_objectives
from missiemonitor.interchange.onboard.proposals import KINDS, Passage, Proposal, Proposals
from missiemonitor.interchange.onboard.readers import ReadError, read_document

__all__ = [
    "KINDS", "Draft", "OnboardError", "Passage", "Proposal", "Proposals", "draft_dataset", "onboard_document",
    "proposals_to_dataset",
]

MAX_BYTES = 20_000_000


class OnboardError(Exception):
    """The document cannot be onboarded; the message names the file and the reason."""


def onboard_document(*, path: Path | None = None, data: bytes | None = None, filename: str = "") -> Proposals:
    """Read a document and propose a draft dataset. Give ``path``, or ``data`` with its
    ``filename``. Nothing is written anywhere."""
    if path is not None:
        filename = filename or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise OnboardError(f"{filename}: cannot read the file ({exc.strerror or exc})") from None
    if data is None:
        raise OnboardError("no document given")
    if len(data) > MAX_BYTES:
        raise OnboardError(f"{filename}: the file is {len(data) / 1_000_000:.1f} MB; at most "
                           f"{MAX_BYTES // 1_000_000} MB can be onboarded")
    if not data.strip():
        raise OnboardError(f"{filename}: the file is empty")
    try:
        document = read_document(data, filename=filename)
    except ReadError as exc:
        raise OnboardError(f"{filename}: {exc}") from None
    if not document.blocks:
        raise OnboardError(f"{filename}: the document holds no text")
    analysis = analyse(document)
    proposals = Proposals(filename=filename, language=analysis.language, title=document.title)
    for extract in (extract_document, extract_missions, extract_kamerstukken, extract_contributions,
                    extract_objectives, extract_figures, extract_events):
        extract(analysis, proposals)
    return proposals
