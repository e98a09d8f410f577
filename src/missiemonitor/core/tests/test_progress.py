"""Long work shows progress (issue 10): a tqdm bar on a terminal, plain lines when standard error
is not one, nothing with --verbosity 0; and the long commands use it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from missiemonitor.core.progress import PlainProgress, TqdmProgress, progress_bar
from missiemonitor.testing.bundled import BUNDLED_DATASET
from missiemonitor.testing.populated import FLIGHT_HEADER, flight_rows


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_at_every_tenth_and_a_summary():
    out = io.StringIO()
    with progress_bar("loading", total=200, unit="rows", stream=out) as bar:
        assert isinstance(bar, PlainProgress)
        for _ in range(40):
            bar.update(5)
    lines = out.getvalue().splitlines()
    assert lines[:3] == ["loading: 20/200 rows (10%)", "loading: 40/200 rows (20%)",
                         "loading: 60/200 rows (30%)"]
    assert lines[9] == "loading: 200/200 rows (100%)"
    assert re.fullmatch(r"loading: done, 200 rows in \d+\.\d s", lines[10])
    assert len(lines) == 11


def test_plain_lines_without_a_total_come_with_time(monkeypatch):
    out = io.StringIO()
    clock = iter([0.0, 0.0, 5.0, 11.0, 12.0, 13.0, 14.0])
    monkeypatch.setattr("missiemonitor.core.progress.time.monotonic", lambda: next(clock))
    bar = progress_bar("importing", unit="rows", stream=out, interval=10)
    bar.update(100)  # t=5: too soon
    bar.update(100)  # t=11: a line
    bar.close()
    assert out.getvalue().splitlines() == ["importing: 200 rows", "importing: done, 200 rows in 13.0 s"]


def test_phases_and_a_failure():
    out = io.StringIO()
    bar = progress_bar(stream=out)
    bar.phase("copying", total=2, unit="pages")
    bar.update(2)
    bar.phase("writing", total=10, unit="rows")
    bar.update(3)
    bar.close(failed=True)
    lines = out.getvalue().splitlines()
    assert lines[0] == "copying: 2/2 pages (100%)" and lines[1].startswith("copying: done, 2 pages in")
    assert lines[2:] == ["writing: 3/10 rows (30%)", "writing: stopped after 3 rows"]


def test_a_bar_on_a_terminal_and_nothing_when_switched_off():
    terminal = Terminal()
    with progress_bar("loading", total=4, unit="rows", stream=terminal) as bar:
        assert isinstance(bar, TqdmProgress)
        bar.update(4)
    drawn = terminal.getvalue()
    assert drawn.startswith("\rloading:   0%|") and "0/4 [" in drawn and " rows/s]" in drawn
    assert drawn.endswith(" \r")  # cleared when done: the command's own summary follows
    quiet = io.StringIO()
    with progress_bar("loading", total=4, stream=quiet, enabled=False) as bar:
        bar.update(4)
    assert quiet.getvalue() == ""


def test_load_and_import_log_show_progress(db, tmp_path):
    err = io.StringIO()
    call_command("load", str(BUNDLED_DATASET), stdout=io.StringIO(), stderr=err)
    assert re.search(rf"^loading {re.escape(BUNDLED_DATASET.name)}: (\d+)/\1 records \(100%\)$",
                     err.getvalue(), re.M)
    log = tmp_path / "flights.csv"
    log.write_text(FLIGHT_HEADER + flight_rows(12_000))
    err = io.StringIO()
    call_command("import-log", str(log), kind="flight", stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert "importing flight log: 5000/12000 rows (41%)" in lines
    assert lines[-1].startswith("importing flight log: done, 12000 rows in")
    err = io.StringIO()
    call_command("load", str(BUNDLED_DATASET), stdout=io.StringIO(), stderr=err, verbosity=0)
    assert err.getvalue() == ""


def test_generate_shows_progress(tmp_path):
    err = io.StringIO()
    call_command("generate", missions=2, years=1, out=tmp_path / "x.yaml", stderr=err)
    lines = err.getvalue().splitlines()
    assert "generating: 2/2 missions (100%)" in lines
    assert any(re.fullmatch(r"writing: (\d+)/\1 records \(100%\)", line) for line in lines)


@pytest.mark.slow
def test_report_shows_progress(db, tmp_path):
    from missiemonitor.testing.bundled import load_bundled_dataset

    load_bundled_dataset()
    err = io.StringIO()
    call_command("report", "--period", "2024-05-01..2025-04-30", "--format", "md,html",
                 "--out", str(tmp_path), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("building the report 2024-05-01..2025-04-30: done in")
    assert "writing the report: 2/2 formats (100%)" in lines
    assert sorted(p.suffix for p in Path(tmp_path).iterdir()) == [".html", ".md"]
