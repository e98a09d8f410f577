"""publiccode.yml (standard 0.4), as Dutch government open-source projects carry it: the keys the
standard requires, and the facts it shares with pyproject.toml and the settings. No validator is
reachable without the network; this checks what the standard's schema makes mandatory."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
import yaml
from django.conf import settings

pytestmark = pytest.mark.engine_independent

ROOT = Path(__file__).resolve().parents[4]
DEVELOPMENT_STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
                  "standalone/backend", "standalone/other", "addon", "library", "configurationFiles"}
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}


def _load() -> dict:
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_publiccode_has_the_keys_the_standard_requires():
    code = _load()
    for key in ("publiccodeYmlVersion", "name", "url", "platforms", "categories",
                "developmentStatus", "softwareType", "description", "legal", "maintenance",
                "localisation"):
        assert code.get(key), f"publiccode.yml: {key} is required"
    assert code["publiccodeYmlVersion"] == "0.4"
    assert code["url"].startswith("https://")
    assert code["developmentStatus"] in DEVELOPMENT_STATUSES
    assert code["softwareType"] in SOFTWARE_TYPES
    assert code["platforms"] == ["web"]
    assert all(isinstance(c, str) and c == c.lower() for c in code["categories"])
    dt.date.fromisoformat(code["releaseDate"])
    assert code["maintenance"]["type"] in MAINTENANCE_TYPES
    if code["maintenance"]["type"] in {"internal", "community"}:
        assert all(contact["name"] for contact in code["maintenance"]["contacts"])
    assert code["localisation"]["localisationReady"] is True


def test_publiccode_describes_it_in_dutch_and_english():
    code = _load()
    assert set(code["description"]) == {"nl", "en"}
    for language, text in code["description"].items():
        assert len(text["shortDescription"]) <= 150, language
        assert 150 <= len(text["longDescription"]) <= 10_000, language
        assert text["features"], language


def test_publiccode_agrees_with_the_project():
    code = _load()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert code["softwareVersion"] == project["version"]
    assert code["legal"]["license"] == project["license"] == "EUPL-1.2"
    assert code["localisation"]["availableLanguages"] == [code for code, _name in settings.LANGUAGES]
    python = next(d for d in code["dependsOn"]["open"] if d["name"] == "Python")
    assert project["requires-python"] == f">={python['versionMin']}"
    postgres = next(d for d in code["dependsOn"]["open"] if d["name"] == "PostgreSQL")
    assert postgres["optional"] is True  # SQLite is embedded
