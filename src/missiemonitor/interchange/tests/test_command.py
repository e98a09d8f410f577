"""`missiemonitor onboard`: proposals, the draft file, and the measure against a dataset."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from missiemonitor.interchange.dataset.load import validate_text
from missiemonitor.interchange.tests import letter
from missiemonitor.testing.bundled import BUNDLED_DATASET

SEED = Path(__file__).parent / "data" / "seed-progress-report.txt"
pytestmark = pytest.mark.django_db


def test_onboard_the_seed_prints_recall_and_precision():
    out = StringIO()
    call_command("onboard", str(SEED), "--compare", str(BUNDLED_DATASET), stdout=out)
    text = out.getvalue()
    assert "reporting period 2024-05-01..2025-04-30" in text
    overall = next(line for line in text.splitlines() if line.startswith("overall"))
    recall, precision = (float(v) for v in overall.split()[-2:])
    assert recall >= 0.8 and precision >= 0.9
    assert "dated figures" in text and "Kamerstuk references" in text


def test_onboard_writes_a_valid_draft_and_nothing_else(tmp_path):
    from missiemonitor.missions.models import Mission

    source = tmp_path / "valdoria.pdf"
    source.write_bytes(letter.pdf_bytes())
    out = StringIO()
    call_command("onboard", str(source), "--out", str(tmp_path / "draft.yaml"), "--show", stdout=out)
    assert "(valid)" in out.getvalue()
    assert 'page 2, paragraph' in out.getvalue()
    validate_text((tmp_path / "draft.yaml").read_text(), filename="draft.yaml")
    assert not Mission.objects.exists()


def test_a_file_that_cannot_be_read_names_the_file(tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(CommandError, match=r"scan\.pdf: cannot read this PDF file"):
        call_command("onboard", str(bad))
    with pytest.raises(CommandError, match=r"missing\.txt: cannot read the file"):
        call_command("onboard", str(tmp_path / "missing.txt"))
