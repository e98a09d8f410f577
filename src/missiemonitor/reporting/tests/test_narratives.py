"""Narrative placeholders, with the semantics of docs/dataset-format.md: figures in digits with
"circa" or a bound in words, dates at the precision the data has (or less, on request), the
block's own period, event figures, money, citations as footnotes, text in the report's language,
and sentences about records the reader may not see left out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from missiemonitor.core.models import Classification
from missiemonitor.core.principals import SYSTEM
from missiemonitor.reporting.errors import ReportError
from missiemonitor.reporting.render import render
from missiemonitor.reporting.selectors import report_build
from missiemonitor.reporting.viewmodel import BulletList
from missiemonitor.testing import factories as f

START, END = dt.date(2024, 5, 1), dt.date(2025, 4, 30)


@pytest.fixture
def world(db):
    mission = f.MissionFactory(key="m", name="Testlandmissie", acronym="TLM")
    contribution = f.ContributionFactory(key="c", mission=mission, name="Eenheid", actual_headcount=145,
                                         headcount_approximately=True, start=dt.date(2024, 1, 1),
                                         start_precision="month")
    hours = f.IndicatorFactory(key="hours", mission=mission, contribution=contribution, name="Vlieguren",
                               name_en="Flight hours", unit="vlieguren")
    f.ObservationFactory(key="obs-hours", indicator=hours, value=Decimal("1300"), approximately=True)
    f.ObservationFactory(key="obs-fighters", indicator=hours, value=Decimal("1000"), bound="just-under",
                         start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    f.ObservationFactory(key="obs-secret", indicator=hours, value=Decimal("8765"),
                         classification=Classification.STG_CONFIDENTIEEL)
    mandate = f.MandateFactory(key="mandate", number=943, date=dt.date(2023, 7, 7),
                               short_title="de artikel 100-brief over de inzet",
                               short_title_en="the article 100 letter on the deployment")
    mandate.missions.add(mission)
    event = f.ContextEventFactory(key="attacks", mission=mission, title="Aanvallen", title_en="Attacks",
                                  start=dt.date(2024, 7, 16))
    event.figures.create(value=7, unit="aanvallen", order=1)
    event.figures.create(value=4, unit="doden", approximately=True, order=2)
    f.ExpenditureFactory(key="spend", mission=mission, amount=Decimal("41400000"),
                         budget_article="artikel 31.1")
    return mission


def narrate(text: str, *, language: str = "nl", user=SYSTEM, audience: str = "restricted"):
    f.NarrativeBlockFactory(key=f"n-{language}", section="essence", language=language, text=text)
    report = report_build(user=user, start=START, end=END, language=language, audience=audience)
    essence = next(s for s in report.sections if s.key == "essence")
    return report, essence


def text_of(section) -> str:
    from missiemonitor.reporting.viewmodel import plain

    return " | ".join(plain(b.runs) if hasattr(b, "runs") else " / ".join(plain(i) for i in b.items)
                      for b in section.blocks)


def test_figures_are_digits_with_circa_or_their_bound_in_words(world):
    _report, essence = narrate("Uren: {observation:obs-hours}. Strijders: {observation:obs-fighters}. "
                               "Eenheid van {contribution:c.actual_headcount} militairen.")
    assert text_of(essence) == "Uren: circa 1.300. Strijders: een kleine 1.000. Eenheid van circa 145 militairen."


def test_english_uses_english_conventions_and_english_text(world):
    _report, essence = narrate("Hours: {observation:obs-hours}; {observation:obs-fighters}; "
                               "{event:attacks.title}; {mandate:mandate}; {expenditure:spend}.", language="en")
    assert text_of(essence) == ("Hours: about 1,300; just under 1,000; Attacks; the article 100 letter on the "
                                "deployment; €41.4 million.")


def test_dates_keep_the_datas_precision_or_less_on_request(world):
    _report, essence = narrate("Vanaf {contribution:c.start}; brief van {mandate:mandate.date}, "
                               "in {mandate:mandate.date_month}, uit {mandate:mandate.date_year}; "
                               "aanvallen op {event:attacks.start}; periode {period:start} tot en met {period:end}.")
    assert text_of(essence) == ("Vanaf januari 2024; brief van 7 juli 2023, in juli 2023, uit 2023; "
                                "aanvallen op 16 juli 2024; periode mei 2024 tot en met april 2025.")


def test_event_figures_money_text_fields_and_citations(world):
    report, essence = narrate("Er waren {event:attacks.figure} aanvallen en {event:attacks.figure2} doden. "
                              "Kosten {expenditure:spend}, via {expenditure:spend.budget_article}. "
                              "Zie de brief{cite:mandate}.")
    assert text_of(essence) == ("Er waren 7 aanvallen en circa 4 doden. Kosten € 41,4 miljoen, via artikel 31.1. "
                                "Zie de brief.")
    assert [n.runs[0].text for n in report.footnotes] == ["Kamerstuk 27 925, nr. 943 – d.d. 7 juli 2023."]
    assert "Zie de brief[^1]." in render(report, "md").decode()


def test_lines_starting_with_a_dash_are_list_items(world):
    _report, essence = narrate("De inzet:\n- eerste bijdrage;\n- tweede bijdrage.\n\nSlot.")
    kinds = [type(b).__name__ for b in essence.blocks]
    assert kinds == ["Paragraph", "BulletList", "Paragraph"]
    assert isinstance(essence.blocks[1], BulletList) and len(essence.blocks[1].items) == 2


def test_a_sentence_about_a_record_the_reader_may_not_see_is_left_out(world):
    report, essence = narrate("Openbaar: {observation:obs-hours}. Geheim: {observation:obs-secret}. Slot.",
                              audience="public")
    assert text_of(essence) == "Openbaar: circa 1.300. Slot."
    assert report.restricted_annex


@pytest.mark.parametrize(("text", "error"), [
    ("Fout: {observation:obs-hours.colour}.", r"narrative 'n-nl': observation 'obs-hours' has no field 'colour'"),
    ("Fout: {event:attacks.figure3}.", r"narrative 'n-nl': event 'attacks' has no figure3"),
])
def test_a_placeholder_that_cannot_be_written_names_the_block(world, text, error):
    with pytest.raises(ReportError, match=error):
        narrate(text)
