"""The system is general: the bundled dataset's missions are data, so no help text, model
description or API contract text names one of them (not even as an example)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.utils import translation

from missiemonitor.testing.bundled import BUNDLED_DATASET

pytestmark = pytest.mark.engine_independent

CONTRACT = Path(__file__).resolve().parents[4] / "docs" / "openapi.yaml"


def _mission_words() -> re.Pattern:
    data = yaml.safe_load(BUNDLED_DATASET.read_text())
    words = {m["key"] for m in data["missions"]} | {m["acronym"] for m in data["missions"]}
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words)) + r")\b", re.I)


def _model_texts(language: str) -> list[tuple[str, str]]:
    texts = []
    with translation.override(language):
        for model in apps.get_app_configs():
            if not model.name.startswith("missiemonitor"):
                continue
            for m in model.get_models():
                texts.append((m._meta.label, m.__doc__ or ""))
                for field in m._meta.get_fields():
                    for attr in ("help_text", "verbose_name"):
                        value = getattr(field, attr, "")
                        if value:
                            texts.append((f"{m._meta.label}.{field.name}.{attr}", str(value)))
    return texts


def test_no_help_text_or_contract_names_a_mission_of_the_bundled_dataset():
    pattern = _mission_words()
    found = [(where, match.group(0)) for language in ("en", "nl")
             for where, text in _model_texts(language) for match in [pattern.search(text)] if match]
    found += [("docs/openapi.yaml", m.group(0)) for m in pattern.finditer(CONTRACT.read_text())]
    assert found == []
