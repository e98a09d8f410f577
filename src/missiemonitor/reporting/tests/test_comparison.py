"""Comparison across periods: the figures of two generated periods and their changes, "no data"
kept apart from zero, and the report's section "Changes since the previous report" in Dutch and
in English, every figure traceable to the records of its period."""

from __future__ import annotations

from decimal import Decimal

import pytest

from missiemonitor.accounts.models import User
from missiemonitor.core.principals import SYSTEM
from missiemonitor.reporting.comparison import period_comparison
from missiemonitor.reporting.selectors import report_build
from missiemonitor.reporting.viewmodel import BulletList, Fact, Paragraph, plain
from missiemonitor.testing import two_periods
from missiemonitor.testing.factories import UserFactory
from missiemonitor.testing.two_periods import END, MISSIONS, PREVIOUS_END, PREVIOUS_START, START

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    two_periods.build()


def figures(result) -> dict[str, tuple]:
    return {item.key: (item.previous.value, item.current.value) for item in result.items}


def test_each_figure_is_computed_for_both_periods_with_the_change(data):
    result = period_comparison(user=SYSTEM, start=START, end=END)
    assert (result.previous_start, result.previous_end) == (PREVIOUS_START, PREVIOUS_END)
    assert figures(result) == {
        "flight-hours:vm-hours": (Decimal(200), Decimal(320)),
        "flight-hours:vm-hours-new": (None, Decimal(40)),
        "flight-hours:vm-hours-old": (Decimal(30), None),
        "personnel:vm": (Decimal(80), Decimal(100)),
        "personnel:vm2": (None, Decimal(10)),
        "spending:vm": (Decimal(10_000_000), Decimal(12_000_000)),
        "incidents:minor": (Decimal(2), Decimal(1)),
        "incidents:serious": (Decimal(0), Decimal(1)),
        "compliance:all": (Decimal("0.25"), Decimal(1)),
        "objective-progress:vm-lto-1": (Decimal("0.3333"), Decimal(1)),
    }
    changes = {item.key: (item.absolute, item.relative, item.points) for item in result.items if item.comparable}
    assert changes == {
        "flight-hours:vm-hours": (Decimal(120), Decimal("0.6"), None),
        "personnel:vm": (Decimal(20), Decimal("0.25"), None),
        "spending:vm": (Decimal(2_000_000), Decimal("0.2"), None),
        "incidents:minor": (Decimal(-1), Decimal("-0.5"), None),
        "incidents:serious": (Decimal(1), None, None),  # from 0: no relative change
        "compliance:all": (Decimal("0.75"), Decimal(3), Decimal(75)),
        "objective-progress:vm-lto-1": (Decimal("0.6667"), Decimal("2.0003"), Decimal("66.7")),
    }
    assert [item.key for item in result.largest()] == [
        "incidents:serious", "compliance:all", "objective-progress:vm-lto-1", "flight-hours:vm-hours",
        "incidents:minor", "personnel:vm", "spending:vm"]


def test_no_data_is_not_zero(data):
    result = period_comparison(user=SYSTEM, start=START, end=END)
    missing = {item.key: item for item in result.without_previous}
    assert set(missing) == {"flight-hours:vm-hours-new", "personnel:vm2"}
    for item in missing.values():
        assert item.previous.value is None and not item.previous.has_data and item.previous.records == ()
        assert item.absolute is None and item.relative is None and item.direction == ""
    assert [item.key for item in result.without_current] == ["flight-hours:vm-hours-old"]
    # A severity without incidents in a period that has incidents is a real zero.
    serious = next(item for item in result.items if item.key == "incidents:serious")
    assert serious.previous.has_data and serious.previous.value == 0


def test_each_figure_names_the_records_of_its_own_period(data):
    result = period_comparison(user=SYSTEM, start=START, end=END)
    items = {item.key: item for item in result.items}

    def keys(figure):
        return {source.key for source in figure.records}

    assert keys(items["flight-hours:vm-hours"].previous) == {"vm-hours", "flights-2023"}
    assert keys(items["flight-hours:vm-hours"].current) == {"vm-hours", "flights-2024"}
    assert keys(items["personnel:vm"].previous) == {"vm-crew-1"}
    assert keys(items["personnel:vm"].current) == {"vm-crew-2"}
    assert keys(items["spending:vm"].previous) == {"vm-2023"}
    assert keys(items["incidents:minor"].previous) == {"vm-inc-1", "vm-inc-2"}
    assert keys(items["incidents:serious"].current) == {"vm-inc-4"}
    assert {"vm-schedule", "vm-report-0", "vm-report-1"} <= keys(items["compliance:all"].previous)
    assert "vm-report-3" not in keys(items["compliance:all"].previous)
    assert keys(items["objective-progress:vm-lto-1"].previous) >= {"vm-lto-1", "vm-a0"}
    assert "vm-a2" not in keys(items["objective-progress:vm-lto-1"].previous)


def test_only_what_the_user_may_see_is_compared(data):
    from missiemonitor.missions.models import Mission

    member = UserFactory(missions=[Mission.objects.get(key="vm2")])
    result = period_comparison(user=User.objects.get(pk=member.pk), start=START, end=END)
    assert {item.key for item in result.items} == {"personnel:vm2"}
    scoped = period_comparison(user=SYSTEM, start=START, end=END, mission_keys=["vm2"])
    assert {item.key for item in scoped.items} == {"personnel:vm2"}


def section(language: str):
    report = report_build(user=SYSTEM, start=START, end=END, mission_keys=MISSIONS, language=language,
                          audience="public")
    return next(s for s in report.sections if s.key == "comparison"), report


def texts(block) -> list[str]:
    if isinstance(block, BulletList):
        return [plain(item) for item in block.items]
    return [plain(block.runs)]


DUTCH = [
    "De cijfers over deze periode zijn vergeleken met die over de vorige periode van gelijke lengte, "
    "mei 2023 tot en met april 2024.",
    "De grootste veranderingen:",
    "Incidenten (ernstig): van 0 naar 1, een toename van 1.",
    "Veldrapportages die op tijd binnenkwamen: van 25% naar 100%, een toename van 75 procentpunten.",
    "Voortgang op LTO 1: van 33,3% naar 100%, een toename van 66,7 procentpunten.",
    "Vlieguren: van 200 naar 320, een toename van 60%.",
    "Incidenten (licht): van 2 naar 1, een afname van 50%.",
    "Over de vorige periode zijn geen gegevens over vlieguren nieuw en het uitgezonden personeel bij VM2 "
    "vastgelegd.",
    "Over deze periode zijn geen gegevens over vlieguren oud vastgelegd, over de vorige periode wel.",
]
ENGLISH = [
    "The figures of this period are compared with those of the previous period of the same length, "
    "May 2023 to April 2024.",
    "The largest changes:",
    "Incidents (serious): from 0 to 1, an increase of 1.",
    "Field reports received on time: from 25% to 100%, an increase of 75 percentage points.",
    "Progress on LTO 1: from 33.3% to 100%, an increase of 66.7 percentage points.",
    "Flight hours: from 200 to 320, an increase of 60%.",
    "Incidents (minor): from 2 to 1, a decrease of 50%.",
    "For the previous period, no data were recorded on flight hours new and personnel deployed with VM2.",
    "For this period, no data were recorded on flight hours old, unlike the previous period.",
]


@pytest.mark.parametrize(("language", "expected"), [("nl", DUTCH), ("en", ENGLISH)])
def test_the_report_names_the_largest_changes_and_what_is_missing(data, language, expected):
    found, report = section(language)
    assert found.title == {"nl": "Ontwikkelingen ten opzichte van de vorige rapportage",
                           "en": "Changes since the previous report"}[language]
    assert [text for block in found.blocks for text in texts(block)] == expected
    order = [s.key for s in report.sections]
    assert order.index("comparison") == order.index("essence") + 1


def test_every_figure_of_the_section_links_to_the_records_of_its_period(data):
    found, report = section("nl")
    items = next(block for block in found.blocks if isinstance(block, BulletList)).items
    flight = next(item for item in items if plain(item).startswith("Vlieguren"))
    before, after, change = [run for run in flight if isinstance(run, Fact) and run.kind == "number"]
    assert {ref.key for ref in before.sources} == {"vm-hours", "flights-2023"}
    assert {ref.key for ref in after.sources} == {"vm-hours", "flights-2024"}
    assert {ref.key for ref in change.sources} == {"vm-hours", "flights-2023", "flights-2024"}
    numbered = {entry.number: entry for entry in report.sources}
    for fact in (before, after, change):
        assert fact.source_no in numbered
        assert all(ref.kind and ref.title for ref in fact.sources)
    nothing_before = next(block for block in found.blocks if isinstance(block, Paragraph)
                          and plain(block.runs).startswith("Over de vorige periode"))
    assert not [run for run in nothing_before.runs if isinstance(run, Fact) and run.kind == "number"]


def test_a_scope_without_data_says_so(db):
    from missiemonitor.testing import factories as f

    f.ContributionFactory(mission=f.MissionFactory(key="leeg"), start=START)
    found, _report = (lambda r: (next(s for s in r.sections if s.key == "comparison"), r))(
        report_build(user=SYSTEM, start=START, end=END, mission_keys=["leeg"], language="nl", audience="public"))
    assert [plain(b.runs) for b in found.blocks][-1] == (
        "De gegevens bevatten geen cijfers om met de vorige periode te vergelijken.")


def test_a_contributions_look_back_uses_the_same_previous_period(data):
    """The flight log's first entry, on 1 May 2023, is the first day of the previous period."""
    report = report_build(user=SYSTEM, start=START, end=END, mission_keys=MISSIONS, language="nl",
                          audience="public")
    heli = next(s for s in report.walk() if s.key == "contribution-vm-heli")
    sentences = [plain(block.runs) for block in heli.blocks if isinstance(block, Paragraph)]
    assert "Vlieguren: 320 vlieguren in de rapportageperiode (vorige periode: 200)." in sentences


def test_a_mission_the_user_may_not_see_is_not_named_and_its_spending_is_compared(data, client):
    """Records the user may see in a mission they may not (classified above their clearance):
    figures about them name no mission, and the dashboard says "a mission you may not see"
    (the authorisation matrix found the mission's key in the API's comparison and the
    dashboard answering 500)."""
    from missiemonitor.core.models import Classification
    from missiemonitor.missions.models import Mission

    Mission.objects.filter(key="vm").update(classification=Classification.STG_CONFIDENTIEEL)
    reader = User.objects.get(pk=UserFactory(all_missions=True, password=None).pk)
    result = period_comparison(user=reader, start=START, end=END)
    assert {item.key for item in result.items if item.subject == "flight-hours"} == {
        "flight-hours:vm-hours", "flight-hours:vm-hours-new", "flight-hours:vm-hours-old"}
    assert {item.mission for item in result.items} == {None, Mission.objects.get(key="vm2")}
    spending = [item for item in result.items if item.subject == "spending"]
    assert [(item.mission, item.current.value, item.previous.value) for item in spending] == [
        (None, Decimal(12_000_000), Decimal(10_000_000))]
    client.force_login(reader)
    html = client.get("/?start=2024-05-01&end=2025-04-30").content.decode()
    assert "Uitgaven voor een missie die u niet mag zien" in html and "Vergelijkmissie" not in html
    body = client.get("/api/v1/comparison?period_start=2024-05-01&period_end=2025-04-30").json()
    assert {figure["mission"] for figure in body["figures"]} == {None, "vm2"}
