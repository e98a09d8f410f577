"""``missiemonitor restore FILE``: bring a backup back into an empty database."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from missiemonitor.core.progress import command_progress
from missiemonitor.interchange.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = ("Restore a backup made by 'backup' into an empty database (a new one, or one that only "
            "'migrate' has written to), then migrate it to this release. A backup of a newer "
            "release, or a database that holds data, is refused and nothing is changed.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file.")

    def handle(self, *args, file: Path, **options):
        try:
            with command_progress(self, options) as bar:
                result = backup_restore(path=file, progress=bar)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = "" if result.rows is None else f", {result.rows} rows"
        migrated = (f", then migrated forward: {', '.join(result.migrated)}" if result.migrated
                    else "")
        self.stdout.write(f"{file}: {result.format} backup restored{rows}{migrated}")
