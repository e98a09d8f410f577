"""Measured on a real text: the bundled seed report (the Dutch progress report behind the demo
dataset) is onboarded and its proposals are compared with the bundled dataset
(src/missiemonitor/datasets/iraq-2024-2025.yaml). The aims: recall >= 0.8 and precision >= 0.9,
per category and overall. How a proposal matches a record is defined in
missiemonitor.interchange.onboard.measure and docs/onboarding.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from missiemonitor.interchange.onboard import Passage, Proposals, onboard_document
from missiemonitor.interchange.onboard.measure import measure
from missiemonitor.testing.bundled import BUNDLED_DATASET

pytestmark = pytest.mark.engine_independent

SEED = Path(__file__).parent / "data" / "seed-progress-report.txt"
RECALL_AIM, PRECISION_AIM = 0.8, 0.9


def test_the_seed_report_onboards_within_the_aims(capsys):
    proposals = onboard_document(path=SEED)
    result = measure(proposals, BUNDLED_DATASET.read_text())
    with capsys.disabled():
        print(f"\nOnboarding {SEED.name} against {BUNDLED_DATASET.name}:\n{result.table()}\n{result.details()}")
    for score in [*result.scores, result.overall]:
        assert score.reference > 0, score.category
        assert score.recall >= RECALL_AIM, (score.category, score.recall, score.missed)
        assert score.precision >= PRECISION_AIM, (score.category, score.precision, score.unmatched)


def _proposals(*items) -> Proposals:
    proposals = Proposals(filename="t.txt", language="nl", title="t")
    passage = Passage(paragraph=1, sentence="…")
    proposals.add("mission", "ma", {"acronym": "MA", "name": "Missie A"}, passage)
    for kind, key, fields in items:
        proposals.add(kind, key, fields, passage)
    return proposals


DATASET = """
format: missiemonitor-dataset
version: 1
missions:
  - {key: mission-a, acronym: MA Reform, name: Missie A, lead: un, kind: civil, area: X}
mandates:
  - {key: m1, kind: article-100, title: T, dossier: "12 345", number: 6, date: 2023-07-07}
sources:
  - {key: s1, kind: kamerstuk, title: S, dossier: "12345", number: 9}
contributions:
  - {key: c1, mission: mission-a, name: P, kind: police, ministry: jenv, actual_headcount: 4}
  - {key: c2, mission: mission-a, name: E, kind: civil-experts, ministry: bz}
indicators:
  - {key: i1, name: Patrouilles, unit: patrouilles}
observations:
  - {key: o1, indicator: i1, period: 2025-01..2025-04, value: 100, approximately: true}
expenditures:
  - {key: e1, mission: mission-a, period: 2024, amount: 4500000, budget_source: biv}
context_events:
  - key: ev1
    category: militias
    start: 2024-07-16
    end: 2024-08-14
    area: X
    title: Aanvallen
    figures: [{value: 7, unit: aanvallen}]
"""


def test_how_proposals_match_records():
    proposals = _proposals(
        ("mandate", "m", {"dossier": "12345", "number": 6, "date": "2023-07-07"}),
        ("mandate", "wrong-date", {"dossier": "12345", "number": 6, "date": "2023-07-08"}),
        ("kamerstuk", "k", {"dossier": "12345", "number": 9}),
        ("contribution", "c", {"mission": "ma", "kind": "police", "actual_headcount": 4}),
        ("contribution", "c-size", {"mission": "ma", "kind": "civil-experts", "actual_headcount": 3}),
        ("observation", "o", {"value": "100", "unit": "operaties of patrouilles", "period": "2025",
                              "approximately": True, "bound": ""}),
        ("expenditure", "e", {"amount": "4500000", "period": "2024-01-01..2024-12-31"}),
    )
    event = proposals.add("event", "ev", {"start": "2024-07-16", "end": "2024-08-14"}, Passage(1, "…"))
    proposals.add("event-figure", "f", {"value": "7", "unit": "aanvallen"}, Passage(1, "…"), parent=event.id)
    scores = {s.category: s for s in measure(proposals, DATASET).scores}
    assert (scores["mandates"].matched, scores["mandates"].proposed, scores["mandates"].reference) == (1, 2, 1)
    assert (scores["Kamerstuk references"].matched, scores["Kamerstuk references"].reference) == (2, 2)
    assert (scores["contributions"].matched, scores["contributions"].missed) == (1, ["c2"])  # size differs
    assert (scores["dated figures"].matched, scores["dated figures"].reference) == (3, 3)


@pytest.mark.parametrize(("change", "matches"), [
    ({}, True),
    ({"approximately": False}, False),  # the vagueness is part of the figure
    ({"period": "2023"}, False),  # outside the period
    ({"period": "2024-12-15..2025-05-20"}, True),  # within a month at either end
    ({"unit": "%"}, False),
    ({"value": "101"}, False),
])
def test_a_figure_matches_on_value_vagueness_unit_and_period(change, matches):
    fields = {"value": "100", "unit": "patrouilles", "period": "2025", "approximately": True, "bound": "", **change}
    scores = {s.category: s for s in measure(_proposals(("observation", "o", fields)), DATASET).scores}
    assert (scores["dated figures"].matched == 1) is matches
