"""Audience: a public report holds nothing above Ongerubriceerd, nor any figure derived from it,
in any format (charts included) and says that a restricted annex exists; a restricted report
holds what its reader may see, each classified passage marked at its level."""

from __future__ import annotations

import io
import zipfile

import pytest

from missiemonitor.core.models import Classification
from missiemonitor.core.principals import SYSTEM
from missiemonitor.reporting.render import FORMATS, render
from missiemonitor.reporting.render.charts import ChartImages
from missiemonitor.reporting.selectors import report_build
from missiemonitor.reporting.tests import scenario
from missiemonitor.reporting.tests.figures import normalise, pdf_text
from missiemonitor.reporting.viewmodel import Chart, Report
from missiemonitor.testing.factories import UserFactory

# What only the classified records of the scenario say, as a Dutch report would write it: the
# values themselves and the total they would be part of (€ 41,4 + 7,3 miljoen).
SECRETS = ("4.321", "8.765", "€ 7,3 miljoen", "€ 48,7 miljoen", scenario.SECRET_EVENT,
           "Geheime eenheid", "tm-sof", "tm-ops-secret")


def text_of(fmt: str, data: bytes) -> str:
    """Everything a format shows as text."""
    if fmt == "pdf":
        return normalise(pdf_text(data))
    if fmt in {"odt", "docx"}:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(name).decode() for name in archive.namelist()
                             if name.endswith(".xml"))
    return data.decode()


def charts(report: Report) -> list[Chart]:
    return [block for section in report.walk() for block in section.blocks if isinstance(block, Chart)]


@pytest.fixture
def built(db):
    scenario.build()


def build(user, audience: str) -> Report:
    return report_build(user=user, start=scenario.START, end=scenario.END, language="nl", audience=audience)


def test_a_public_report_holds_no_classified_value_in_any_format_or_chart(built):
    report = build(SYSTEM, "public")
    images = ChartImages()
    for fmt in FORMATS:
        text = text_of(fmt, render(report, fmt, charts=images))
        leaked = [secret for secret in SECRETS if secret in text]
        assert not leaked, f"{fmt}: {leaked}"
    assert charts(report)
    for chart in charts(report):
        values = [v for series in chart.series for v in series.values if v is not None]
        assert not {scenario.SECRET_HEADCOUNT, scenario.SECRET_OBSERVATION, scenario.SECRET_AMOUNT} & set(values)
        assert all(v < scenario.SECRET_HEADCOUNT for v in values if chart.chart_id == "headcount")
        assert not any(secret in label for secret in SECRETS for label in chart.categories)
        assert chart.classification == 0
    assert all(fact.classification == 0 for fact in report.facts())
    # ... and says that a restricted annex exists
    assert "gerubriceerde bijlage" in text_of("md", render(report, "md"))


def test_a_restricted_report_holds_them_each_marked_at_its_level(built):
    report = build(SYSTEM, "restricted")
    text = render(report, "md").decode()
    for secret in ("4.321", "8.765", "€ 7,3 miljoen", "€ 48,7 miljoen", scenario.SECRET_EVENT):
        line = next(line for line in text.splitlines() if secret in line and "`" not in line)
        assert "\\[Stg." in line or "\\[Departementaal Vertrouwelijk\\]" in line, line
    assert "**Rubricering: Stg. Geheim**" in text  # the document carries its highest level
    assert "(`tm-ops-secret`)" in text  # record keys in the source appendix
    assert "gerubriceerde bijlage" not in text
    assert max(v for c in charts(report) if c.chart_id == "headcount"
               for s in c.series for v in s.values) >= scenario.SECRET_HEADCOUNT
    images = ChartImages()
    for fmt in ("html", "odt", "docx", "pdf"):
        shown = text_of(fmt, render(report, fmt, charts=images))
        for marking in ("[Stg. Confidentieel]", "[Stg. Geheim]", "[Departementaal Vertrouwelijk]"):
            assert marking in shown, (fmt, marking)


def test_a_reader_sees_up_to_their_clearance_and_no_annex_notice_about_what_they_cannot_know(built):
    confidential = UserFactory(clearance=Classification.DEPARTEMENTAAL_VERTROUWELIJK, all_missions=True)
    text = render(build(confidential, "restricted"), "md").decode()
    assert "8.765" in text  # Departementaal Vertrouwelijk
    assert "4.321" not in text and "€ 7,3 miljoen" not in text  # Stg. Confidentieel and Stg. Geheim
    unclassified = UserFactory(clearance=Classification.ONGERUBRICEERD, all_missions=True)
    text = render(build(unclassified, "public"), "md").decode()
    assert "8.765" not in text and "gerubriceerde bijlage" not in text


def test_a_public_report_without_classified_records_in_scope_has_no_annex_notice(db):
    scenario.build()
    from missiemonitor.reporting.models import NarrativeBlock

    for model in scenario.classified_models():
        model.objects.filter(classification__gt=0).delete()
    NarrativeBlock.objects.all().delete()
    report = build(SYSTEM, "public")
    assert not report.restricted_annex
    assert "gerubriceerde bijlage" not in render(report, "md").decode()
