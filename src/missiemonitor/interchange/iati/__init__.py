"""The IATI 2.03 export of development programmes: ``iati_export`` writes the programmes a
user may see as IATI activities (identifiers, participating organisations, budgets,
transactions, results and indicators). IATI files are published: the export reads as the user
without any clearance above Ongerubriceerd, so no classified record is even read.

The publishing organisation comes from the settings (``MM_IATI``); docs/iati.md maps our
fields onto the IATI elements."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from missiemonitor.interchange.iati.document import (
    LeftOut,
    Publisher,
    activities_document,
    identifier,
    missing,
)
from missiemonitor.interchange.iati.selectors import programmes_for_iati

__all__ = ["IatiExport", "IatiExportError", "LeftOut", "iati_export"]

# An IATI organisation identifier: a registration agency prefix and a number, without the
# characters that IATI identifiers may not hold (spaces, /, &, |, ?).
ORGANISATION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*-[A-Za-z0-9._:-]+")


class IatiExportError(Exception):
    """The export cannot be written: the settings lack the publisher, or nothing is left."""


@dataclass(frozen=True)
class IatiExport:
    xml: bytes  # UTF-8, with an XML declaration
    identifiers: list[str]  # the activities written, in order
    left_out: list[LeftOut]  # the programmes that could not be written, and why


def publisher() -> Publisher:
    """The reporting organisation from ``settings.MM_IATI``; a clear error naming the
    environment variable when it is missing or malformed."""
    config = settings.MM_IATI
    org_id, name, kind = (config.get("ORGANISATION_ID", ""), config.get("ORGANISATION_NAME", ""),
                          config.get("ORGANISATION_TYPE", ""))
    if not org_id:
        raise IatiExportError(_("The IATI export needs the publishing organisation's IATI "
                                "identifier: set MM_IATI_ORGANISATION_ID."))
    if not ORGANISATION_ID.fullmatch(org_id):
        raise IatiExportError(
            _("MM_IATI_ORGANISATION_ID=%(value)r is not an IATI organisation identifier "
              "(a registration agency and a number, such as XM-DAC-0000).") % {"value": org_id})
    if not name:
        raise IatiExportError(_("The IATI export needs the publishing organisation's name: "
                                "set MM_IATI_ORGANISATION_NAME."))
    if not kind.isdigit():
        raise IatiExportError(_("MM_IATI_ORGANISATION_TYPE=%(value)r is not an IATI "
                                "organisation type code (such as 10).") % {"value": kind})
    return Publisher(identifier=org_id, name=name, type=kind)


def public_reader(user: Any) -> Any:
    from missiemonitor.reporting.build import reader

    return reader(user, "public")


def iati_export(*, user: Any, mission_keys: list[str] | None = None, today: dt.date | None = None,
                generated_at: dt.datetime | None = None) -> IatiExport:
    """The programmes ``user`` may see at Ongerubriceerd (with ``mission_keys``: those of these
    missions and those of no mission) as an IATI 2.03 activity file. Activity status and
    planned-or-actual dates are judged as of ``today``. A programme that lacks what IATI
    requires is left out and listed; raises :class:`IatiExportError` when none is left, and
    ``UnknownMission`` for a mission key the user cannot use."""
    source = publisher()
    today = today or timezone.localdate()
    generated_at = generated_at or timezone.now()
    facts, left_out = [], []
    for item in programmes_for_iati(user=public_reader(user), mission_keys=mission_keys):
        reasons = missing(item.programme)
        if reasons:
            left_out.extend(LeftOut(item.programme.key, reason) for reason in reasons)
        else:
            facts.append(item)
    if not facts:
        raise IatiExportError(_("No programme can be written as an IATI activity.") + "".join(
            f"\n{entry.key}: {entry.reason}" for entry in left_out))
    root = activities_document(facts, publisher=source, today=today, generated_at=generated_at)
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    return IatiExport(xml=xml, identifiers=[identifier(source, f.programme.key) for f in facts],
                      left_out=left_out)
