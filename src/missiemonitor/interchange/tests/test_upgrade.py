"""Upgrades: a database of the previous release, with data in it, migrated forward to this one
loses nothing (issue 10). And no app grows past ten unsquashed migrations.

The previous release's database is a fixture (testing/previous_release.py says how it was made):
a portable backup at exactly :data:`PREVIOUS_RELEASE`, restored here into an empty database at
that state and migrated forward by ``missiemonitor restore``, as an installation would be.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps

from missiemonitor.interchange.backup.portable import PortableReader
from missiemonitor.interchange.backup.state import code_loader, describe, latest_state
from missiemonitor.testing.previous_release import BACKUP_NAME, EXPORT_NAME, PREVIOUS_RELEASE
from missiemonitor.testing.scratch import ScratchDatabases, run_cli

DATA = Path(__file__).parent / "data"
MAX_UNSQUASHED = 10


def read_tables(path: Path) -> tuple[dict, dict[str, tuple[list[str], list[list]]]]:
    reader = PortableReader(path)
    try:
        tables = {entry["table"]: (entry["columns"], list(rows)) for entry, rows in reader.tables()}
        return reader.header, tables
    finally:
        reader.close()


@pytest.fixture
def scratch(tmp_path):
    databases = ScratchDatabases(tmp_path)
    yield databases
    databases.drop_all()


def test_the_fixture_is_the_previous_release():
    header, tables = read_tables(DATA / BACKUP_NAME)
    assert describe([tuple(key) for key in header["migrations"]]) == PREVIOUS_RELEASE
    counts = {name: len(rows) for name, (_columns, rows) in tables.items()}
    assert counts["accounts_user"] >= 2 and counts["results_logentry"] >= 300
    assert counts["reporting_narrativeblock"] > 0 and counts["accounts_apitoken"] >= 1


# Django's own bookkeeping, which migrate extends for every new model.
GROWS_WITH_THE_SCHEMA = frozenset({"django_content_type", "auth_permission", "django_migrations"})


@pytest.mark.slow
def test_the_previous_release_migrates_forward_without_losing_anything(scratch, tmp_path):
    url = scratch.new("previous_release")
    upgraded, export = tmp_path / "upgraded.backup", tmp_path / "upgraded.yaml"
    run_cli(["restore", DATA / BACKUP_NAME], ["export", export, "-v", "0"],
            ["backup", "--format", "portable", upgraded, "-v", "0"], url=url, folder=tmp_path)

    header, after = read_tables(upgraded)
    assert sorted(tuple(key) for key in header["migrations"]) == latest_state()
    _header, before = read_tables(DATA / BACKUP_NAME)
    for table, (columns, rows) in before.items():
        assert table in after, f"table {table} is gone"
        kept = [c for c in columns if c in after[table][0]]
        then = [[row[columns.index(c)] for c in kept] for row in rows]
        now = [[row[after[table][0].index(c)] for c in kept] for row in after[table][1]]
        if table in GROWS_WITH_THE_SCHEMA:  # new models add their content types and permissions
            assert all(row in now for row in then), f"{table}: rows of the previous release are gone"
            continue
        assert len(now) == len(then), f"{table}: {len(then)} rows before, {len(now)} after"
        assert now == then, f"{table}: values changed"
    assert export.read_text(encoding="utf-8") == (DATA / EXPORT_NAME).read_text(encoding="utf-8")


def test_no_app_has_more_than_ten_unsquashed_migrations():
    """Past ten, an app's migrations are squashed (squashmigrations), so that a new
    installation, and every test run, applies few of them."""
    loader = code_loader()
    replaced = {key for migration in loader.replacements.values() for key in migration.replaces}
    ours = {config.label for config in apps.get_app_configs()
            if config.name.startswith("missiemonitor.")}
    counts = Counter(app for app, name in loader.disk_migrations
                     if app in ours and (app, name) not in replaced)
    assert counts, "no migrations found"
    over = {app: n for app, n in counts.items() if n > MAX_UNSQUASHED}
    assert not over, f"squash the migrations of {over}"
