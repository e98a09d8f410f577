"""Writes of the reporting app: the progress report as files."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings

from missiemonitor.reporting.render import FORMATS, render_all
from missiemonitor.reporting.selectors import ReportError, report_build


def report_filename(*, start: dt.date, end: dt.date, mission_keys: list[str], language: str,
                    audience: str) -> str:
    missions = "-".join(mission_keys[:4]) + ("-etc" if len(mission_keys) > 4 else "")
    return f"voortgangsrapportage-{missions or 'all'}-{start:%Y%m%d}-{end:%Y%m%d}-{language}-{audience}"


def report_user_dir(*, user: Any, batch: str) -> Path:
    """Where the web interface and the API keep one generated batch of ``user``'s reports:
    a directory per user under ``MM_REPORT_DIR``, removed after ``MM_REPORT_MAX_AGE_HOURS``."""
    return Path(settings.REPORT_OUTPUT_DIR) / "users" / str(user.pk) / batch


def report_files_prune(*, now: float | None = None) -> int:
    """Remove the generated batches (see :func:`report_user_dir`) older than
    ``MM_REPORT_MAX_AGE_HOURS``. Returns how many were removed. Files the ``report`` command
    writes elsewhere are left alone."""
    root = Path(settings.REPORT_OUTPUT_DIR) / "users"
    if not root.is_dir():
        return 0
    cutoff = (now if now is not None else time.time()) - settings.MM_REPORT_MAX_AGE_HOURS * 3600
    removed = 0
    for user_dir in root.iterdir():
        if not user_dir.is_dir():
            continue
        for batch in user_dir.iterdir():
            if batch.is_dir() and batch.stat().st_mtime < cutoff:
                shutil.rmtree(batch, ignore_errors=True)
                removed += 1
    return removed


def report_generate(*, user: Any, start: dt.date, end: dt.date, mission_keys: list[str] | None = None,
                    language: str = "nl", audience: str = "public", formats: list[str] | None = None,
                    out_dir: Path, progress: Callable[[str], None] | None = None) -> list[Path]:
    """Build the report once and write it in each format to ``out_dir``. Returns the paths
    written. Each file is written to a temporary name and renamed when complete, so no
    half-written report is left behind."""
    formats = list(formats or FORMATS)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ReportError(f"unknown format {', '.join(unknown)}; use any of {', '.join(FORMATS)}")
    report = report_build(user=user, start=start, end=end, mission_keys=mission_keys,
                          language=language, audience=audience)
    report_files_prune()
    out_dir.mkdir(parents=True, exist_ok=True)
    out_dir.chmod(0o700)
    stem = report_filename(start=start, end=end, mission_keys=report.mission_keys, language=language,
                           audience=audience)
    return render_all(report, formats=formats, out_dir=out_dir, stem=stem, progress=progress)
