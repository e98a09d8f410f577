"""The draft dataset: the documented format, read by the normal loader, with the passage of every
record as a comment; only what was accepted when loading."""

from __future__ import annotations

import pytest

from missiemonitor.interchange.dataset.load import validate_text
from missiemonitor.interchange.onboard import draft_dataset, onboard_document, proposals_to_dataset
from missiemonitor.interchange.tests import letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposals():
    return onboard_document(data=letter.plain_text().encode(), filename="valdoria.txt")


def test_the_draft_of_every_proposal_validates_with_the_normal_loader(proposals):
    text = proposals_to_dataset(proposals)
    parsed = validate_text(text, filename="draft.yaml")
    assert {"missions", "mandates", "contributions", "observations", "expenditures", "context_events",
            "long_term_objectives", "frameworks", "indicators", "sources"} <= set(parsed.top)


def test_every_record_carries_its_passage_as_a_comment(proposals):
    text = proposals_to_dataset(proposals)
    staff = next(p for p in proposals.of_kind("contribution") if p.fields["kind"] == "staff-officers")
    assert (f'# {staff.id} · paragraph {staff.passage.paragraph}: '
            f'"Nederland levert vanaf april 2026 zes stafofficieren aan het hoofdkwartier van UNSMV."') in text
    assert "# not in the text, a default to check: ministry" in text
    assert text.count("\n  # p") + text.count("\n      # p") >= len(proposals.items) - 2  # period: no record


def test_only_accepted_proposals_and_children_of_accepted_parents(proposals):
    lto = proposals.of_kind("lto")[0]
    framework = proposals.get(lto.parent)
    conditions = proposals.of_kind("condition")
    mission = proposals.of_kind("mission")[0]
    for p in (lto, framework, mission, *conditions[:2]):
        p.decision = "accept"
    draft = draft_dataset(proposals, accepted_only=True)
    parsed = validate_text(draft.text, filename="draft.yaml")
    assert [item.key for item in parsed.top["long_term_objectives"]] == [lto.key]
    assert sorted(c.key for c in parsed.top["long_term_objectives"][0].children["conditions"]) == sorted(
        c.key for c in conditions[:2])
    assert "contributions" not in parsed.top
    conditions[2].decision = "accept"
    lto.decision = "reject"
    skipped = draft_dataset(proposals, accepted_only=True).skipped
    assert [p.id for p, _why in skipped] == [c.id for c in conditions]


def test_lines_name_their_proposal(proposals):
    for p in proposals.items:
        p.decision = "accept"
    draft = draft_dataset(proposals, accepted_only=True)
    lines = draft.text.split("\n")
    mission = proposals.of_kind("mission")[0]
    line = next(n for n, text in enumerate(lines, start=1) if text.strip() == "acronym: UNSMV")
    assert draft.owner_of(line) == mission.id
    assert draft.owner_of(3) == ""


def test_edited_values_are_written_with_the_types_of_the_format(proposals):
    contribution = proposals.of_kind("contribution")[0]
    contribution.fields["planned_headcount"] = "7"
    contribution.fields["headcount_approximately"] = True
    text = proposals_to_dataset(proposals)
    assert "planned_headcount: 7\n" in text
    validate_text(text, filename="draft.yaml")


def test_the_classification_of_the_document_goes_on_every_record(proposals):
    proposals.classification = 2
    text = proposals_to_dataset(proposals)
    parsed = validate_text(text, filename="draft.yaml")
    assert all(item.values.get("classification") == 2 for item in parsed.top["contributions"])
    assert text.count("classification: stg-confidentieel") > 20


def test_two_documents_share_only_the_keys_of_the_same_things(proposals):
    """Keys of missions, mandates and Kamerstukken name the thing (a second letter about it
    updates it); every other key is the document's own, so a second letter never overwrites
    the records of the first."""
    from pathlib import Path

    seed = onboard_document(path=Path(__file__).parent / "data" / "seed-progress-report.txt")
    shared = {"mission", "mandate", "kamerstuk"}
    own = {(p.kind, p.key) for p in seed.items if p.kind not in shared}
    assert not own & {(p.kind, p.key) for p in proposals.items if p.kind not in shared}
    indicator_keys = {line.split(": ")[1] for text in (proposals_to_dataset(seed), proposals_to_dataset(proposals))
                      for line in text.splitlines() if line.startswith("    indicator: ")}
    assert all(not key.startswith("doc-") for key in indicator_keys)
