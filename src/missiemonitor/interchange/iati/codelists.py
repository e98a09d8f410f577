"""The IATI 2.03 codes the export writes, as small mappings from our choices. Names in the
comments are those of the IATI codelists (https://iatistandard.org/en/iati-standard/203/codelists/);
the test checks every code written against the codelists themselves."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from missiemonitor.core.models import Organisation
from missiemonitor.programmes.models import BudgetKind, BudgetStatus, TransactionKind
from missiemonitor.results.models.indicators import Direction

VERSION = "2.03"
CURRENCY = "EUR"  # Currency: every amount in the data model is in euros

# ActivityDateType
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"

# ActivityStatus
PIPELINE, IMPLEMENTATION, CLOSED = "1", "2", "4"

# OrganisationRole
FUNDING, EXTENDING, IMPLEMENTING = "1", "3", "4"

# OrganisationType
GOVERNMENT = "10"
ORGANISATION_TYPE: dict[str, str] = {
    Organisation.Kind.MINISTRY: GOVERNMENT,
    Organisation.Kind.GOVERNMENT: GOVERNMENT,
    Organisation.Kind.ARMED_FORCES: GOVERNMENT,
    Organisation.Kind.INTERNATIONAL: "40",  # Multilateral
    Organisation.Kind.OTHER: "90",  # Other
}
INTERNATIONAL_NGO, NATIONAL_NGO = "21", "22"

# DescriptionType
DESCRIPTION_OBJECTIVES = "2"

# OtherIdentifierType: the reporting organisation's internal activity identifier
INTERNAL_ACTIVITY_ID = "A1"

# RelatedActivityType
PARENT, CHILD = "1", "2"

# BudgetType, BudgetStatus
BUDGET_TYPE: dict[str, str] = {BudgetKind.ORIGINAL: "1", BudgetKind.REVISED: "2"}
BUDGET_STATUS: dict[str, str] = {BudgetStatus.INDICATIVE: "1", BudgetStatus.COMMITTED: "2"}

# TransactionType (outgoing flows of the reporting organisation only)
TRANSACTION_TYPE: dict[str, str] = {
    TransactionKind.COMMITMENT: "2",  # Outgoing Commitment
    TransactionKind.DISBURSEMENT: "3",  # Disbursement
    TransactionKind.EXPENDITURE: "4",  # Expenditure
}

# ResultType: an objective the indicators measure is an outcome; an indicator on its own
# counts what the programme delivered, an output.
OUTPUT, OUTCOME = "1", "2"

# IndicatorMeasure
UNIT, PERCENTAGE = "1", "2"

# indicator/@ascending
ASCENDING: dict[str, str] = {Direction.HIGHER_IS_BETTER: "true", Direction.LOWER_IS_BETTER: "false"}


def organisation_type(organisation: Organisation) -> str:
    """A non-governmental organisation with a country is national, else international."""
    if organisation.kind == Organisation.Kind.NGO:
        return NATIONAL_NGO if organisation.country else INTERNATIONAL_NGO
    return ORGANISATION_TYPE.get(organisation.kind, ORGANISATION_TYPE[Organisation.Kind.OTHER])


def indicator_measure(unit: str) -> str:
    percent = {u.casefold() for u in settings.MM_INDICATOR_PERCENT_UNITS}
    return PERCENTAGE if unit.strip().casefold() in percent else UNIT


def activity_status(start: dt.date | None, end: dt.date | None, today: dt.date) -> str:
    """From the programme's dates: not started yet, running, or ended. The data records no
    cancellation, suspension or financial close."""
    if start is not None and start > today:
        return PIPELINE
    if end is not None and end < today:
        return CLOSED
    return IMPLEMENTATION


def start_type(start: dt.date, today: dt.date) -> str:
    return PLANNED_START if start > today else ACTUAL_START


def end_type(end: dt.date, today: dt.date) -> str:
    return ACTUAL_END if end < today else PLANNED_END
