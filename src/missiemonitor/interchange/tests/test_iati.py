"""The IATI 2.03 export: the bundled dataset's programmes and a programme with everything
(budgets, transactions, an objective with indicators, targets and observations) validate
against the IATI 2.03 activity schema and carry the codes of the IATI codelists; the values
in the XML are the ones in the data; nothing classified or hidden reaches the file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path
from xml.etree import ElementTree as ET

import elementpath
import pytest
import xmlschema
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from missiemonitor.core.models import Classification, Organisation
from missiemonitor.core.principals import SYSTEM
from missiemonitor.interchange.iati import IatiExportError, iati_export
from missiemonitor.missions.scope import UnknownMission
from missiemonitor.programmes.models import BudgetKind, BudgetStatus, TransactionKind
from missiemonitor.results.models import Target
from missiemonitor.results.models.indicators import Bound, Direction
from missiemonitor.testing import bundled as b
from missiemonitor.testing import factories as f

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "iati-2.03"
CODELISTS = SCHEMAS / "codelists"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PUBLISHER = "XX-TEST-0001"
TODAY = dt.date(2025, 6, 30)
GENERATED = dt.datetime(2025, 6, 30, 12, 0, tzinfo=dt.UTC)


def parse(data: bytes) -> ET.Element:
    return ET.fromstring(data)  # noqa: S314 - our own output and the committed IATI files


@cache
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(SCHEMAS / "iati-activities-schema.xsd")


@cache
def codelist(name: str) -> frozenset[str]:
    """The active codes of an IATI codelist (withdrawn ones do not count)."""
    root = parse((CODELISTS / f"{name}.xml").read_bytes())
    return frozenset(item.findtext("code") for item in root.iter("codelist-item")
                     if item.get("status", "active") == "active")


def codes_outside_their_codelists(xml: bytes) -> list[str]:
    """Every attribute the IATI mapping ties to a codelist, checked against that codelist."""
    root = parse(xml)
    wrong = []
    for mapping in parse((CODELISTS / "mapping.xml").read_bytes()).iter("mapping"):
        path, name = mapping.findtext("path"), mapping.find("codelist").get("ref")
        if "iati-organisation" in path:
            continue
        condition = mapping.findtext("condition")
        if condition:  # the condition applies to the element that holds the attribute
            holder, attribute = path.rsplit("/", 1)
            path = f"{holder}[{condition}]/{attribute}"
        values = [str(v) for v in elementpath.select(ET.ElementTree(root), path)]
        if not values:
            continue
        assert (CODELISTS / f"{name}.xml").is_file(), f"{path} needs codelist {name}: add it"
        wrong += [f"{path} = {v!r} (not in {name})" for v in values if v not in codelist(name)]
    return wrong


def validate(xml: bytes) -> ET.Element:
    schema().validate(xml.decode())
    assert codes_outside_their_codelists(xml) == []
    return parse(xml)


@pytest.fixture(autouse=True)
def publisher(settings):
    settings.MM_IATI = {"ORGANISATION_ID": PUBLISHER, "ORGANISATION_NAME": "Testministerie",
                        "ORGANISATION_TYPE": "10"}
    with translation.override("en"):  # messages are asserted in English
        yield


def export(user=SYSTEM, **kwargs) -> bytes:
    return iati_export(user=user, today=TODAY, generated_at=GENERATED, **kwargs).xml


def activity(root: ET.Element, key: str) -> ET.Element:
    found = [a for a in root.iter("iati-activity") if a.findtext("iati-identifier") == f"{PUBLISHER}-{key}"]
    assert len(found) == 1, f"no activity for {key}"
    return found[0]


def narratives(element: ET.Element | None) -> dict[str, str]:
    assert element is not None
    return {n.get(XML_LANG, "nl"): n.text for n in element.findall("narrative")}


def full_programme(key: str = "water", **kwargs):
    """A programme with everything IATI can carry."""
    partner = f.OrganisationFactory(key=f"{key}-partner", name="Waterpartner",
                                    kind=Organisation.Kind.NGO)
    programme = f.ProgrammeFactory(
        key=key, name="Schoon water", name_en="Clean water", ministry="bz",
        start=dt.date(2024, 1, 1), start_precision="year", end=dt.date(2026, 12, 31),
        end_precision="year", aims="Schoon drinkwater.", aims_en="Clean drinking water.",
        partner=partner, **kwargs)
    f.ProgrammeBudgetFactory(programme=programme, amount=Decimal("1000000"),
                             status=BudgetStatus.COMMITTED)
    f.ProgrammeBudgetFactory(programme=programme, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31),
                             amount=Decimal("1200000"), kind=BudgetKind.REVISED)
    f.ProgrammeTransactionFactory(programme=programme, kind=TransactionKind.COMMITMENT,
                                  date=dt.date(2024, 1, 15), amount=Decimal("2200000"), receiver=partner)
    f.ProgrammeTransactionFactory(programme=programme, date=dt.date(2024, 3, 1),
                                  amount=Decimal("250000.50"), receiver=partner,
                                  description="Eerste tranche", description_en="First instalment")
    mission = f.MissionFactory()
    objective = f.ObjectiveFactory(mission=mission, title="Meer mensen drinken schoon water",
                                   title_en="More people drink clean water")
    households = f.IndicatorFactory(key=f"{key}-households", mission=None, programme=programme,
                                    objective=objective, name="Aangesloten huishoudens",
                                    name_en="Households connected", unit="huishoudens",
                                    direction=Direction.HIGHER_IS_BETTER)
    Target.objects.create(indicator=households, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
                          value=Decimal("500"))
    f.ObservationFactory(indicator=households, mission=None, start=dt.date(2024, 1, 1),
                         end=dt.date(2024, 12, 31), value=Decimal("480"), approximately=True)
    f.ObservationFactory(indicator=households, mission=None, start=dt.date(2024, 1, 1),
                         end=dt.date(2024, 12, 31), value=Decimal("300"),
                         disaggregation={"region": "north"})
    f.IndicatorFactory(key=f"{key}-illness", mission=None, programme=programme,
                       name="Zieken door vuil water", unit="%", direction=Direction.LOWER_IS_BETTER,
                       baseline=Decimal("12.5000"), baseline_date=dt.date(2023, 12, 31))
    return programme


def test_the_bundled_programmes_export_validates_and_those_without_a_start_are_named():
    b.load_bundled_dataset()
    result = iati_export(user=SYSTEM, today=TODAY, generated_at=GENERATED)
    root = validate(result.xml)
    assert result.identifiers == [f"{PUBLISHER}-{b.PROGRAMME_PROSPECTS}"]
    assert {entry.key for entry in result.left_out} == {b.PROGRAMME_IOM, b.PROGRAMME_NPA}
    assert all("start" in entry.reason for entry in result.left_out)
    prospects = activity(root, b.PROGRAMME_PROSPECTS)
    assert [(d.get("type"), d.get("iso-date")) for d in prospects.findall("activity-date")] == [
        ("2", "2024-01-01"), ("3", "2028-12-31")]
    assert narratives(prospects.find("activity-date")) == {"nl": "2024", "en": "2024"}


def test_a_programme_with_everything_validates_and_carries_its_values():
    programme = full_programme()
    f.ProgrammeFactory(key="water-north", parent=programme, start=dt.date(2025, 1, 1),
                       aims="Het noorden.")
    root = validate(export())
    assert root.get("version") == "2.03" and root.get("generated-datetime") == "2025-06-30T12:00:00+00:00"
    water = activity(root, "water")
    assert (water.get(XML_LANG), water.get("default-currency"), water.get("hierarchy")) == ("nl", "EUR", "1")
    reporting = water.find("reporting-org")
    assert (reporting.get("ref"), reporting.get("type"), narratives(reporting)) == (
        PUBLISHER, "10", {"nl": "Testministerie"})
    assert narratives(water.find("title")) == {"nl": "Schoon water", "en": "Clean water"}
    assert water.find("description").get("type") == "2"
    assert narratives(water.find("description")) == {"nl": "Schoon drinkwater.", "en": "Clean drinking water."}
    orgs = [(o.get("role"), o.get("ref"), o.get("type"), narratives(o)) for o in water.findall("participating-org")]
    assert orgs == [
        ("1", PUBLISHER, "10", {"nl": "Testministerie"}),
        ("3", None, "10", {"nl": "Ministerie van Buitenlandse Zaken", "en": "Ministry of Foreign Affairs"}),
        ("4", None, "21", {"nl": "Waterpartner"}),
    ]
    assert water.find("other-identifier").attrib == {"ref": "water", "type": "A1"}
    assert water.find("activity-status").get("code") == "2"
    assert [(d.get("type"), d.get("iso-date")) for d in water.findall("activity-date")] == [
        ("2", "2024-01-01"), ("3", "2026-12-31")]

    budgets = [(e.get("type"), e.get("status"), e.find("period-start").get("iso-date"),
                e.find("period-end").get("iso-date"), e.findtext("value"),
                e.find("value").get("currency"), e.find("value").get("value-date"))
               for e in water.findall("budget")]
    assert budgets == [("1", "2", "2024-01-01", "2024-12-31", "1000000.00", "EUR", "2024-01-01"),
                       ("2", "1", "2025-01-01", "2025-12-31", "1200000.00", "EUR", "2025-01-01")]
    transactions = [(e.find("transaction-type").get("code"), e.find("transaction-date").get("iso-date"),
                     e.findtext("value"), e.find("provider-org").get("ref"),
                     e.find("receiver-org").get("type"), narratives(e.find("receiver-org")))
                    for e in water.findall("transaction")]
    assert transactions == [
        ("2", "2024-01-15", "2200000.00", PUBLISHER, "21", {"nl": "Waterpartner"}),
        ("3", "2024-03-01", "250000.50", PUBLISHER, "21", {"nl": "Waterpartner"}),
    ]
    assert narratives(water.findall("transaction")[1].find("description")) == {
        "nl": "Eerste tranche", "en": "First instalment"}
    assert [(r.get("type"), r.get("ref")) for r in water.findall("related-activity")] == [
        ("2", f"{PUBLISHER}-water-north")]
    north = activity(root, "water-north")
    assert north.get("hierarchy") == "2"
    assert [(r.get("type"), r.get("ref")) for r in north.findall("related-activity")] == [
        ("1", f"{PUBLISHER}-water")]

    outcome, output = water.findall("result")
    assert outcome.get("type") == "2"
    assert narratives(outcome.find("title")) == {"nl": "Meer mensen drinken schoon water",
                                                 "en": "More people drink clean water"}
    indicator = outcome.find("indicator")
    assert (indicator.get("measure"), indicator.get("ascending")) == ("1", "true")
    assert narratives(indicator.find("title")) == {"nl": "Aangesloten huishoudens", "en": "Households connected"}
    period = indicator.find("period")
    assert (period.find("period-start").get("iso-date"), period.find("period-end").get("iso-date")) == (
        "2024-01-01", "2024-12-31")
    assert [t.get("value") for t in period.findall("target")] == ["500"]
    total, north_part = period.findall("actual")
    assert total.get("value") == "480"
    assert narratives(total.find("comment")) == {"nl": "circa 480", "en": "about 480"}
    assert north_part.get("value") == "300"
    assert north_part.find("dimension").attrib == {"name": "region", "value": "north"}
    assert output.get("type") == "1"
    illness = output.find("indicator")
    assert (illness.get("measure"), illness.get("ascending")) == ("2", "false")
    assert illness.find("baseline").attrib == {"year": "2023", "iso-date": "2023-12-31", "value": "12.5"}


@pytest.mark.parametrize(("start", "end", "status", "types"), [
    (dt.date(2025, 9, 1), None, "1", ["1"]),  # not started yet: pipeline, planned start
    (dt.date(2024, 1, 1), dt.date(2025, 6, 30), "2", ["2", "3"]),  # ends today: implementation
    (dt.date(2020, 1, 1), dt.date(2023, 12, 31), "4", ["2", "4"]),  # ended: closed, actual end
])
def test_status_and_dates_are_judged_as_of_today(start, end, status, types):
    f.ProgrammeFactory(key="p", start=start, end=end, aims="Doel.")
    p = activity(validate(export()), "p")
    assert p.find("activity-status").get("code") == status
    assert [d.get("type") for d in p.findall("activity-date")] == types
    assert p.find("activity-date/narrative") is None  # exact dates need no words


def test_nothing_classified_or_hidden_reaches_the_file():
    """IATI files are public: read at Ongerubriceerd whatever the clearance of the user, and
    only what the user may see (need-to-know)."""
    secret = Classification.DEPARTEMENTAAL_VERTROUWELIJK
    programme = full_programme()
    f.ProgrammeFactory(key="secret-programme", name="Geheim programma", start=dt.date(2024, 1, 1),
                       aims="Geheim.", classification=secret)
    hidden_partner = f.OrganisationFactory(name="Verborgen partner", classification=secret)
    f.ProgrammeFactory(key="open", partner=hidden_partner, start=dt.date(2024, 1, 1), aims="Open.")
    f.ProgrammeTransactionFactory(programme=programme, date=dt.date(2024, 6, 1), receiver=hidden_partner)
    secret_indicator = f.IndicatorFactory(mission=None, programme=programme, name="Geheime indicator",
                                          classification=secret)
    f.ObservationFactory(indicator=secret_indicator, mission=None)
    households = programme.indicators.get(key="water-households")
    f.ObservationFactory(indicator=households, mission=None, value=Decimal("777"), classification=secret,
                         start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    objective = households.objective
    objective.classification = secret
    objective.save()
    other = f.MissionFactory()
    f.ProgrammeFactory(key="other-mission", mission=other, start=dt.date(2024, 1, 1), aims="Elders.")
    member = f.UserFactory(clearance=Classification.STG_GEHEIM, missions=[f.MissionFactory()])

    xml = export(user=member)
    root = validate(xml)
    for text in (b"Geheim", b"Verborgen", b"777", b"other-mission", b"Meer mensen"):
        assert text not in xml
    assert [a.findtext("iati-identifier") for a in root.iter("iati-activity")] == [
        f"{PUBLISHER}-open", f"{PUBLISHER}-water"]
    open_programme = activity(root, "open")
    assert [o.get("role") for o in open_programme.findall("participating-org")] == ["1"]
    water = activity(root, "water")
    late = [t for t in water.findall("transaction") if t.find("transaction-date").get("iso-date") == "2024-06-01"]
    assert late and late[0].find("receiver-org") is None
    # The indicator whose objective is hidden becomes a result of its own (an output).
    assert [r.get("type") for r in water.findall("result")] == ["1", "1"]
    # Need-to-know: the programme of a mission the user is not a member of is left out; with
    # all missions it is there (still without anything classified).
    everything = export()
    assert b"other-mission" in everything and b"Geheim" not in everything


def test_mission_keys_narrow_the_export_to_those_missions_and_programmes_of_none():
    mine, theirs = f.MissionFactory(key="m1"), f.MissionFactory(key="m2")
    for key, mission in (("p1", mine), ("p2", theirs), ("p0", None)):
        f.ProgrammeFactory(key=key, mission=mission, start=dt.date(2024, 1, 1), aims="Doel.")
    result = iati_export(user=SYSTEM, mission_keys=["m1"], today=TODAY)
    assert result.identifiers == [f"{PUBLISHER}-p0", f"{PUBLISHER}-p1"]
    with pytest.raises(UnknownMission, match="nope"):
        iati_export(user=SYSTEM, mission_keys=["nope"])


def test_without_a_publisher_or_anything_to_publish_the_export_refuses(settings):
    f.ProgrammeFactory(key="vague", aims="")
    with pytest.raises(IatiExportError) as caught:
        iati_export(user=SYSTEM)
    assert "vague: no start date" in str(caught.value) and "vague: no aims" in str(caught.value)
    with translation.override("nl"), pytest.raises(IatiExportError, match="vague: geen begindatum"):
        iati_export(user=SYSTEM)
    settings.MM_IATI = {**settings.MM_IATI, "ORGANISATION_ID": ""}
    with pytest.raises(IatiExportError, match="MM_IATI_ORGANISATION_ID"):
        iati_export(user=SYSTEM)
    settings.MM_IATI = {**settings.MM_IATI, "ORGANISATION_ID": "not an identifier"}
    with pytest.raises(IatiExportError, match="not an IATI organisation identifier"):
        iati_export(user=SYSTEM)


def test_the_export_command_writes_an_iati_file(tmp_path, capsys, settings):
    full_programme()
    f.ProgrammeFactory(key="vague")
    path = tmp_path / "iati.xml"
    call_command("export", "--format", "iati", str(path))
    assert activity(validate(path.read_bytes()), "water") is not None
    assert "left out vague: no start date" in capsys.readouterr().err
    settings.MM_IATI = {**settings.MM_IATI, "ORGANISATION_NAME": ""}
    with pytest.raises(CommandError, match="MM_IATI_ORGANISATION_NAME"):
        call_command("export", "--format", "iati", str(tmp_path / "other.xml"))
    assert not (tmp_path / "other.xml").exists()


def test_the_number_of_queries_does_not_grow_with_the_programmes():
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            export()
        return len(queries)

    full_programme("a")
    one = count()
    for key in ("b", "c", "d"):
        full_programme(key)
    assert count() == one


def test_an_approximate_or_bounded_figure_says_so_in_a_comment():
    programme = f.ProgrammeFactory(key="p", start=dt.date(2024, 1, 1), aims="Doel.")
    indicator = f.IndicatorFactory(mission=None, programme=programme, unit="vrouwen")
    f.ObservationFactory(indicator=indicator, mission=None, value=Decimal("1000"), bound=Bound.JUST_UNDER)
    actual = activity(validate(export()), "p").find("result/indicator/period/actual")
    assert narratives(actual.find("comment")) == {"nl": "een kleine 1.000", "en": "just under 1,000"}
