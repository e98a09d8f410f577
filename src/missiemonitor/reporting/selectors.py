"""Reads of the reporting app: the progress report as a view-model."""

from __future__ import annotations

import datetime as dt
from typing import Any

from missiemonitor.reporting.build import ReportError, build_report
from missiemonitor.reporting.viewmodel import Report

__all__ = ["ReportError", "narratives_by_section", "report_build", "report_periods", "signatory_list"]


def report_build(*, user: Any, start: dt.date, end: dt.date, mission_keys: list[str] | None = None,
                 language: str = "nl", audience: str = "public") -> Report:
    """The progress report over ``start``..``end`` for the missions (all with a Dutch contribution
    in the period when none are named), as ``user`` may see it.

    ``audience="public"`` leaves out every record above Ongerubriceerd, and every figure
    derived from one; ``"restricted"`` includes what the user may see, each classified passage
    marked at its level. Every figure is a :class:`~missiemonitor.reporting.viewmodel.Fact`
    that names the records it came from."""
    return build_report(user=user, start=start, end=end, mission_keys=mission_keys,
                        language=language, audience=audience)


def report_periods(*, user: Any) -> list[tuple[dt.date, dt.date]]:
    """The periods that authored report text exists for, the latest first: the reports the
    data is prepared for."""
    from missiemonitor.reporting.models import NarrativeBlock

    rows = NarrativeBlock.objects.visible_to(user).values_list("start", "end").distinct()
    return sorted(set(rows), key=lambda period: (period[1], period[0]), reverse=True)


def signatory_list(*, user: Any) -> Any:
    """Signatories, latest period first, to be paged."""
    from missiemonitor.reporting.models import Signatory

    return Signatory.objects.visible_to(user).order_by("-start", "order", "key")


def narratives_by_section(*, user: Any, language: str, start: dt.date, end: dt.date) -> dict[str, list[Any]]:
    """The narrative blocks in ``language`` that overlap the period, by the key of the report
    section they belong to (``"mission-<key>"`` and ``"contribution-<key>"`` for the sections of
    one mission or contribution, else the section's name), in their order. One query."""
    from missiemonitor.reporting.models import NarrativeBlock

    blocks = (NarrativeBlock.objects.visible_to(user)
              .filter(language=language, start__lte=end, end__gte=start)
              .select_related("mission", "contribution").order_by("section", "order", "key"))
    by_key: dict[str, list[Any]] = {}
    for block in blocks:
        if block.section == "mission" and block.mission_id:
            key = f"mission-{block.mission.key}"
        elif block.section == "contribution" and block.contribution_id:
            key = f"contribution-{block.contribution.key}"
        else:
            key = block.section
        by_key.setdefault(key, []).append(block)
    return by_key
