"""Text from data alone: without authored narrative blocks, the sentences of the small Dutch
templates tell the figures, compare them with the previous period where the data has it, and
the charts show what the data holds."""

from __future__ import annotations

import pytest

from missiemonitor.core.principals import SYSTEM
from missiemonitor.reporting.render import render
from missiemonitor.reporting.selectors import report_build
from missiemonitor.reporting.tests import scenario
from missiemonitor.reporting.viewmodel import Chart


@pytest.fixture
def report(db):
    scenario.build()
    from missiemonitor.reporting.models import NarrativeBlock

    NarrativeBlock.objects.all().delete()
    return report_build(user=SYSTEM, start=scenario.START, end=scenario.END, language="nl", audience="public")


def test_sentences_from_data_read_as_dutch_and_compare_periods(report):
    text = render(report, "md").decode()
    for sentence in (
        "Operaties: circa 400 operaties in 2024; circa 100 tot nu toe in 2025.",
        "Beveiligingseenheid: circa 145 personen, januari 2024 tot en met 30 juni 2025.",
        "Verplaatsingen: circa 3.000 verplaatsingen in de rapportageperiode.",
        "Materieel: 3 transporthelikopters.",
        "Op 1 april 2025: Laatste vlucht van het detachement.",
        "Incident in december 2024: Een militair raakte gewond tijdens een oefening. De militair hervatte de uitzending.",
        "In 2024 bedroegen de uitgaven voor TM € 41,4 miljoen. In 2023 was dit € 38,1 miljoen.",
        "In december 2024 is de dreiging van indirect vuur naar beneden bijgesteld tot niveau 3",
        "De Nederlandse inzet zag er over deze rapportageperiode als volgt uit:",
        "Vlieguren: circa 1.300 vlieguren in de rapportageperiode; naar taakstelling: ALPHA 390, BETA 780 en HOME 130.",
        "| 2 van 3 voorwaarden vervuld (bij het begin van de periode: 0) |",
    ):
        assert sentence in text, sentence
    assert "{" not in text and " people" not in text and "spending" not in text


def test_charts_with_text_alternatives_where_the_data_has_something_to_show(report):
    charts = {block.chart_id: block for section in report.walk() for block in section.blocks
              if isinstance(block, Chart)}
    assert {"headcount", "threat-levels", "spending", "breakdown-tm-heli-hours", "conditions"} <= set(charts)
    for chart in charts.values():
        assert chart.alt and all(len(s.values) == len(chart.categories) for s in chart.series)
    assert "LTO 1: 2 van 3 voorwaarden vervuld" in "".join(
        r if isinstance(r, str) else r.text for r in charts["conditions"].alt)


def test_a_chart_is_left_out_when_the_data_has_nothing_for_it(db):
    mission = scenario.f.MissionFactory(key="quiet")
    scenario.f.ContributionFactory(key="quiet-c", mission=mission, actual_headcount=None, start=None)
    report = report_build(user=SYSTEM, start=scenario.START, end=scenario.END, language="nl", audience="public")
    assert not [b for s in report.walk() for b in s.blocks if isinstance(b, Chart)]
    text = render(report, "md").decode()
    assert "De gegevens bevatten voor deze periode geen cijfers over deze bijdrage." in text
