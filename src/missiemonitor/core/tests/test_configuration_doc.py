"""docs/configuration.md names every environment variable the settings and the server read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.engine_independent

SRC = Path(__file__).resolve().parents[2]
DOC = SRC.parents[1] / "docs" / "configuration.md"
READERS = [SRC / "settings.py", SRC / "web" / "management" / "commands" / "serve.py",
           SRC / "interchange" / "backup" / "pgdump.py"]


def test_every_variable_is_documented():
    documented = set(re.findall(r"`(MM_[A-Z_]+)`", DOC.read_text(encoding="utf-8")))
    read = {name for path in READERS
            for name in re.findall(r"\"(MM_[A-Z_]+)\"", path.read_text(encoding="utf-8"))}
    assert read, "no variables found"
    assert read <= documented, f"not in docs/configuration.md: {sorted(read - documented)}"
