"""Every figure is traceable: it is a Fact that names the records it came from, no digit of the
report's text stands outside a fact, and the source list numbers each figure once."""

from __future__ import annotations

import re

import pytest

from missiemonitor.core.periods import previous_period
from missiemonitor.reporting.viewmodel import (
    BulletList,
    Chart,
    Fact,
    Notice,
    Paragraph,
    Report,
    Run,
    Table,
)
from missiemonitor.testing.bundled import NAMES_WITH_DIGITS

pytestmark = pytest.mark.django_db


def loose_text(report: Report) -> list[str]:
    """The report's text that is not a fact: template words and authored prose."""
    texts: list[str] = []

    def add(runs: list[Run]) -> None:
        texts.extend(run for run in runs if isinstance(run, str))

    add(report.subtitle)
    for section in report.walk():
        texts.append(section.title)
        for block in section.blocks:
            if isinstance(block, Paragraph | Notice):
                add(block.runs)
            elif isinstance(block, BulletList):
                for item in block.items:
                    add(item)
            elif isinstance(block, Table):
                texts += [h for h in block.header if isinstance(h, str)]
                for row in [*block.rows, *([block.footer] if block.footer else [])]:
                    for cell in row:
                        add(cell.runs)
            elif isinstance(block, Chart):
                texts.append(block.title)
                add(block.alt)
    return texts


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_digit_stands_outside_a_fact(demo, language):
    stray = []
    for text in loose_text(demo.reports[language]):
        for name in NAMES_WITH_DIGITS:
            text = text.replace(name, "")
        if re.search(r"\d", text):
            stray.append(text)
    assert not stray


def test_every_figure_names_its_records_or_is_the_reports_own_period(demo):
    """A figure without records is the report's own period, or the previous period of the same
    length that the comparison derives from it."""
    report = demo.reports["nl"]
    own = {report.start, report.end, previous_period(report.start, report.end)[0]}
    for fact in report.facts():
        if fact.kind == "name":
            continue
        if not fact.sources:
            assert fact.kind == "date" and fact.value in own, fact
            continue
        assert fact.source_no is not None
        assert all(ref.label and ref.key and ref.kind and ref.title for ref in fact.sources)


def test_the_source_list_numbers_each_figure_once_in_reading_order(demo):
    report = demo.reports["nl"]
    assert [entry.number for entry in report.sources] == list(range(1, len(report.sources) + 1))
    numbers = [f.source_no for f in report.facts() if isinstance(f, Fact) and f.source_no]
    first_seen = list(dict.fromkeys(numbers))
    assert first_seen == sorted(first_seen)
    total = next(e for e in report.sources if e.text == "€ 45,9 miljoen")
    assert sorted(ref.key for ref in total.records) == ["nmi-2024-biv", "oir-2024-biv"]


def test_the_data_conflict_on_the_election_date_is_an_attention_point(demo):
    report = demo.reports["nl"]
    points = next(s for s in report.walk() if s.key == "attention-rules")
    conflict = [item for block in points.blocks for item in block.items
                if "oktober 2025" in item[0].text and "november 2025" in item[0].text]
    assert conflict and {ref.label for ref in conflict[0][0].sources} == {"context.ContextEvent"}
