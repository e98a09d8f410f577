"""Generated report files: private to the server's account, per user, and removed when old."""

from __future__ import annotations

import datetime as dt
import os
import stat
import time

import pytest

from missiemonitor.reporting.services import report_files_prune, report_generate, report_user_dir
from missiemonitor.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_report_files_are_private_and_old_batches_are_removed(settings, tmp_path):
    settings.REPORT_OUTPUT_DIR = tmp_path
    settings.MM_REPORT_MAX_AGE_HOURS = 24
    user = UserFactory()
    old = report_user_dir(user=user, batch="old")
    old.mkdir(parents=True)
    (old / "report.md").write_text("# old")
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    elsewhere = tmp_path / "cli-report.md"  # what the report command writes stays
    elsewhere.write_text("# cli")
    os.utime(elsewhere, (day_ago, day_ago))

    out_dir = report_user_dir(user=user, batch="new")
    (path,) = report_generate(user=user, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
                              formats=["md"], out_dir=out_dir)
    assert path.parent == tmp_path / "users" / str(user.pk) / "new"
    assert _mode(path) == 0o600 and _mode(out_dir) == 0o700
    assert not old.exists() and elsewhere.exists()
    assert report_files_prune(now=time.time() + 25 * 3600) == 1 and not out_dir.exists()
