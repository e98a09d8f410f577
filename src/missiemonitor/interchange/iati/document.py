"""The IATI 2.03 activity file: one ``iati-activity`` per programme, built from what the
selectors read (no queries here). Elements are written in the order the schema requires.
docs/iati.md says which field becomes which element."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.formatting import format_date, format_number, qualify
from missiemonitor.core.models import Ministry
from missiemonitor.core.visibility import linked
from missiemonitor.interchange.iati import codelists as code
from missiemonitor.interchange.iati.selectors import IndicatorFacts, ProgrammeFacts, ResultFacts

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Text fields are Dutch, their ``_en`` twins English (docs/dataset-format.md).
DEFAULT_LANGUAGE = "nl"
OTHER_LANGUAGE = "en"


@dataclass(frozen=True)
class Publisher:
    """The reporting organisation (settings ``MM_IATI``)."""

    identifier: str
    name: str
    type: str


@dataclass(frozen=True)
class LeftOut:
    """A programme the export could not write as a valid IATI activity, and why."""

    key: str
    reason: str


NO_START = _("no start date: IATI requires the planned or actual start of an activity")
NO_AIMS = _("no aims: IATI requires a description of an activity")


def missing(programme: Any) -> list[str]:
    """What a programme lacks that an IATI activity must have (the schema requires an
    activity date and a description; the standard a start date)."""
    reasons = []
    if programme.start is None:
        reasons.append(str(NO_START))
    if not (programme.aims.strip() or programme.aims_en.strip()):
        reasons.append(str(NO_AIMS))
    return reasons


def activities_document(facts: list[ProgrammeFacts], *, publisher: Publisher, today: dt.date,
                        generated_at: dt.datetime) -> ET.Element:
    root = ET.Element("iati-activities", {
        "version": code.VERSION, "generated-datetime": _moment(generated_at),
    })
    written = {item.programme.pk for item in facts}
    for item in facts:
        root.append(_activity(item, publisher=publisher, today=today, written=written))
    ET.indent(root, space="  ")
    return root


def identifier(publisher: Publisher, key: str) -> str:
    return f"{publisher.identifier}-{key}"


# -- the activity ---------------------------------------------------------------------------------
def _activity(facts: ProgrammeFacts, *, publisher: Publisher, today: dt.date,
              written: set[int]) -> ET.Element:
    programme = facts.programme
    activity = ET.Element("iati-activity", {
        "last-updated-datetime": _moment(facts.updated_at),
        XML_LANG: DEFAULT_LANGUAGE,
        "default-currency": code.CURRENCY,
        "hierarchy": str(facts.level),
    })
    ET.SubElement(activity, "iati-identifier").text = identifier(publisher, programme.key)
    _organisation(activity, "reporting-org", publisher)
    _narratives(ET.SubElement(activity, "title"), programme.name, programme.name_en)
    _narratives(ET.SubElement(activity, "description", {"type": code.DESCRIPTION_OBJECTIVES}),
                programme.aims, programme.aims_en)
    _participants(activity, facts, publisher)
    ET.SubElement(activity, "other-identifier", {"ref": programme.key,
                                                 "type": code.INTERNAL_ACTIVITY_ID})
    ET.SubElement(activity, "activity-status",
                  {"code": code.activity_status(programme.start, programme.end, today)})
    _date(activity, code.start_type(programme.start, today), programme.start,
          programme.start_precision)
    if programme.end is not None:
        _date(activity, code.end_type(programme.end, today), programme.end, programme.end_precision)
    for budget in facts.budgets:
        element = ET.SubElement(activity, "budget", {"type": code.BUDGET_TYPE[budget.kind],
                                                     "status": code.BUDGET_STATUS[budget.status]})
        ET.SubElement(element, "period-start", {"iso-date": budget.start.isoformat()})
        ET.SubElement(element, "period-end", {"iso-date": budget.end.isoformat()})
        _value(element, budget.amount, budget.start)
    for transaction in facts.transactions:
        _transaction(activity, transaction, publisher)
    # Related activities in this file only: a parent or part left out is not published here.
    if facts.parent is not None and facts.parent.pk in written:
        ET.SubElement(activity, "related-activity", {
            "ref": identifier(publisher, facts.parent.key), "type": code.PARENT})
    for child in facts.children:
        if child.pk in written:
            ET.SubElement(activity, "related-activity", {
                "ref": identifier(publisher, child.key), "type": code.CHILD})
    for result in facts.results:
        _result(activity, result)
    return activity


def _participants(activity: ET.Element, facts: ProgrammeFacts, publisher: Publisher) -> None:
    """The government funds, the ministry (if named) extends, the partner implements."""
    _organisation(activity, "participating-org", publisher, role=code.FUNDING)
    ministry = facts.programme.ministry
    if ministry and ministry != Ministry.OTHER:
        element = ET.SubElement(activity, "participating-org",
                                {"role": code.EXTENDING, "type": code.GOVERNMENT})
        label = Ministry(ministry).label
        _narratives(element, _in(DEFAULT_LANGUAGE, label), _in(OTHER_LANGUAGE, label))
    if facts.partner is not None:
        element = ET.SubElement(activity, "participating-org", {
            "role": code.IMPLEMENTING, "type": code.organisation_type(facts.partner)})
        _narratives(element, facts.partner.name, "")


def _organisation(parent: ET.Element, tag: str, publisher: Publisher, **attrs: str) -> None:
    element = ET.SubElement(parent, tag, {"ref": publisher.identifier, "type": publisher.type, **attrs})
    _narratives(element, publisher.name, "")


def _date(activity: ET.Element, kind: str, value: dt.date, precision: str) -> None:
    """An activity date; when the data holds only its month or year, a narrative says so."""
    element = ET.SubElement(activity, "activity-date", {"type": kind, "iso-date": value.isoformat()})
    if precision != "day":
        _narratives(element, format_date(value, language=DEFAULT_LANGUAGE, precision=precision),
                    format_date(value, language=OTHER_LANGUAGE, precision=precision))


def _transaction(activity: ET.Element, transaction: Any, publisher: Publisher) -> None:
    element = ET.SubElement(activity, "transaction")
    ET.SubElement(element, "transaction-type", {"code": code.TRANSACTION_TYPE[transaction.kind]})
    ET.SubElement(element, "transaction-date", {"iso-date": transaction.date.isoformat()})
    _value(element, transaction.amount, transaction.date)
    if transaction.description.strip() or transaction.description_en.strip():
        _narratives(ET.SubElement(element, "description"), transaction.description,
                    transaction.description_en)
    _organisation(element, "provider-org", publisher)
    receiver = linked(transaction, "receiver")
    if receiver is not None:
        org = ET.SubElement(element, "receiver-org", {"type": code.organisation_type(receiver)})
        _narratives(org, receiver.name, "")


# -- results --------------------------------------------------------------------------------------
def _result(activity: ET.Element, result: ResultFacts) -> None:
    objective = result.objective
    element = ET.SubElement(activity, "result",
                            {"type": code.OUTCOME if objective is not None else code.OUTPUT})
    if objective is not None:
        _narratives(ET.SubElement(element, "title"), objective.title, objective.title_en)
        _description(element, objective.description, objective.description_en)
    else:
        indicator = result.indicators[0].indicator
        _narratives(ET.SubElement(element, "title"), indicator.name, indicator.name_en)
    for item in result.indicators:
        _indicator(element, item)


def _indicator(result: ET.Element, facts: IndicatorFacts) -> None:
    indicator = facts.indicator
    attrs = {"measure": code.indicator_measure(indicator.unit)}
    if indicator.direction in code.ASCENDING:
        attrs["ascending"] = code.ASCENDING[indicator.direction]
    element = ET.SubElement(result, "indicator", attrs)
    _narratives(ET.SubElement(element, "title"), indicator.name, indicator.name_en)
    _description(element, indicator.description, indicator.description_en)
    if indicator.baseline is not None and indicator.baseline_date is not None:
        ET.SubElement(element, "baseline", {
            "year": str(indicator.baseline_date.year),
            "iso-date": indicator.baseline_date.isoformat(),
            "value": _number(indicator.baseline),
        })
    for period in facts.periods:
        node = ET.SubElement(element, "period")
        ET.SubElement(node, "period-start", {"iso-date": period.start.isoformat()})
        ET.SubElement(node, "period-end", {"iso-date": period.end.isoformat()})
        for target in period.targets:
            ET.SubElement(node, "target", {"value": _number(target.value)})
        for observation in period.observations:
            actual = ET.SubElement(node, "actual", {"value": _number(observation.value)})
            for name, value in sorted(observation.disaggregation.items()):
                ET.SubElement(actual, "dimension", {"name": name, "value": value})
            if observation.approximately or observation.bound:
                _narratives(ET.SubElement(actual, "comment"),
                            *(qualify(format_number(observation.value, language=language),
                                      language=language, approximate=observation.approximately,
                                      bound=observation.bound)
                              for language in (DEFAULT_LANGUAGE, OTHER_LANGUAGE)))


def _description(parent: ET.Element, text: str, text_en: str) -> None:
    if text.strip() or text_en.strip():
        _narratives(ET.SubElement(parent, "description"), text, text_en)


# -- values ---------------------------------------------------------------------------------------
def _narratives(parent: ET.Element, text: str, text_en: str) -> None:
    """A narrative in the activity's language and one in English, where there is text."""
    if text.strip():
        ET.SubElement(parent, "narrative").text = text.strip()
    if text_en.strip():
        ET.SubElement(parent, "narrative", {XML_LANG: OTHER_LANGUAGE}).text = text_en.strip()


def _value(parent: ET.Element, amount: Decimal, date: dt.date) -> None:
    element = ET.SubElement(parent, "value", {"currency": code.CURRENCY,
                                              "value-date": date.isoformat()})
    element.text = f"{amount:.2f}"


def _number(value: Decimal) -> str:
    """A measure without trailing zeros and without an exponent: 97.0000 -> 97."""
    return format(Decimal(value).normalize(), "f")


def _moment(value: dt.datetime) -> str:
    return value.replace(microsecond=0).isoformat()


def _in(language: str, label: Any) -> str:
    with translation.override(language):
        return str(label)
