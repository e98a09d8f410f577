from pathlib import Path

import pytest

from missiemonitor.interchange.dataset.reference import BEGIN, END, field_reference

pytestmark = pytest.mark.engine_independent

DOC = Path(__file__).resolve().parents[4] / "docs" / "dataset-format.md"


def test_field_reference_in_the_documentation_is_current():
    text = DOC.read_text()
    current = text[text.index(BEGIN): text.index(END) + len(END)]
    assert current == field_reference(), (
        "docs/dataset-format.md is out of date: regenerate its field reference from "
        "missiemonitor.interchange.dataset.reference.field_reference()"
    )
