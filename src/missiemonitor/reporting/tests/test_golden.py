"""Fidelity to the seed: the Dutch report generated from the bundled dataset states exactly the
figures of the checked-in golden list (every figure of the seed report, in Dutch formatting,
with "circa" where the seed says so, and nothing else), in the Markdown and in the PDF's text
layer, and it is signed by the seed's signatories."""

from __future__ import annotations

from pathlib import Path

import pytest

from missiemonitor.reporting.tests.figures import figures, markdown_body, normalise, pdf_text
from missiemonitor.testing.bundled import BUNDLED_DATASET, NAMES_WITH_DIGITS

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden" / f"{BUNDLED_DATASET.stem}-figures.txt"
SEED = Path("/work/shared/seed/000_e3c0c53e0898a8e8.txt")


def golden() -> tuple[set[str], list[str], list[str]]:
    """(figures, signatory lines, seed passages)."""
    wanted, names, passages = set(), [], []
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        first, second, *_reason = line.split("\t")
        if first == "name":
            names.append(second)
        else:
            wanted.add(first)
            if second != "-":
                passages.append(second)
    return wanted, names, passages


def differences(found: set[str], wanted: set[str]) -> str:
    return f"missing: {sorted(wanted - found)}; not in the golden list: {sorted(found - wanted)}"


def test_the_markdown_states_exactly_the_golden_figures(demo):
    report = demo.reports["nl"]
    text = markdown_body(demo.files[("nl", "md")].decode(), report.labels["sources"])
    found = set(figures(text, names=NAMES_WITH_DIGITS))
    wanted = golden()[0]
    assert found == wanted, differences(found, wanted)


def test_the_pdf_text_layer_states_exactly_the_golden_figures(demo):
    found = set(figures(pdf_text(demo.files[("nl", "pdf")]), names=NAMES_WITH_DIGITS))
    wanted = golden()[0]
    assert found == wanted, differences(found, wanted)


def test_the_signatories_sign_in_every_text_format(demo):
    names = golden()[1]
    for text in (demo.files[("nl", "md")].decode(), pdf_text(demo.files[("nl", "pdf")])):
        flat = normalise(text.replace("\\", ""))
        for name in names:
            assert name in flat


def test_approximate_figures_carry_circa_and_exact_ones_do_not(demo):
    facts = {fact.text: fact for fact in demo.reports["nl"].facts() if fact.kind == "number"}
    assert facts["circa 1.300"].approximately and facts["circa 145"].approximately
    assert facts["een kleine 1.000"].bound == "just-under"
    assert not facts["15.000"].approximately and not facts["32"].approximately


@pytest.mark.skipif(not SEED.exists(), reason="the seed report is not on this machine")
def test_the_golden_passages_are_the_seeds_own_words():
    seed = normalise(SEED.read_text(encoding="utf-8"))
    missing = [p for p in golden()[2] if normalise(p) not in seed]
    assert not missing
