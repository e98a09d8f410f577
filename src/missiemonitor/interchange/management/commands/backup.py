"""``missiemonitor backup FILE``: a consistent backup of the whole database, while it is in use."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from missiemonitor.core.progress import command_progress
from missiemonitor.interchange.backup import FORMATS, BackupError, backup_write


class Command(BaseCommand):
    help = ("Write a backup of the whole database (every table of every app: users, records, log "
            "entries, report texts) as one moment saw it; the application may keep running. "
            "SQLite: SQLite's online backup; PostgreSQL: pg_dump when it is found, else the "
            "portable format. 'restore' reads it back into an empty database.")
    # No system checks: one of them opens a transaction, which on SQLite waits for the writer
    # (a log import) that the backup is meant to run beside.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Where to write the backup (replaced when complete).")
        parser.add_argument("--format", choices=FORMATS, default=None,
                            help="sqlite (SQLite only), pgdump (PostgreSQL with pg_dump) or portable "
                                 "(any database; to move between SQLite and PostgreSQL). Default: the "
                                 "first that fits the database.")

    def handle(self, *args, file: Path, format: str | None, **options):
        try:
            with command_progress(self, options) as bar:
                result = backup_write(path=file, format=format, progress=bar)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{result.path}: {result.format} backup, {result.size} bytes")
