"""The ``report`` command: it writes the formats asked for and prints their paths, and bad
input gets a clear error before anything is written."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from missiemonitor.reporting.tests import scenario
from missiemonitor.testing.factories import UserFactory


def run(*args: str) -> list[Path]:
    out = StringIO()
    call_command("report", *args, stdout=out)
    return [Path(line) for line in out.getvalue().splitlines()]


def test_it_writes_the_formats_asked_for_and_prints_their_paths(db, tmp_path):
    scenario.build()
    paths = run("--period", "2024-05-01..2025-04-30", "--mission", "tm", "--lang", "en",
                "--audience", "restricted", "--format", "md,html", "--out", str(tmp_path))
    assert [p.suffix for p in paths] == [".md", ".html"]
    assert all(p.parent == tmp_path and p.stat().st_size > 0 for p in paths)
    assert "about 145" in paths[0].read_text()
    assert not list(tmp_path.glob(".*.part"))  # nothing half-written is left behind


def test_it_builds_the_report_as_the_given_user_sees_it(db, tmp_path):
    scenario.build()
    UserFactory(username="analist", clearance=0, all_missions=True)
    (path,) = run("--period", "2024-05-01..2025-04-30", "--format", "md", "--audience", "restricted",
                  "--user", "analist", "--out", str(tmp_path))
    assert "4.321" not in path.read_text()


@pytest.mark.parametrize(("args", "message"), [
    (["--period", "2024-13..2025"], "--period '2024-13..2025'"),
    (["--period", "2025..2024"], "ends (2024-12-31) before it starts (2025-01-01)"),
    (["--period", "2024", "--format", "odt,rtf"], "--format: unknown format rtf"),
    (["--period", "2024", "--mission", "nope"], "no such mission, or not visible to system: nope"),
    (["--period", "2024", "--user", "nobody"], "--user: no user 'nobody'"),
])
def test_bad_input_is_refused_with_a_clear_error_and_nothing_written(db, tmp_path, args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(*args, "--out", str(tmp_path))
    assert not list(tmp_path.iterdir())
