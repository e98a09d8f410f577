from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from missiemonitor.audit.context import cli_command
from missiemonitor.core.progress import command_progress
from missiemonitor.interchange.dataset import dataset_load
from missiemonitor.interchange.dataset.errors import DatasetError
from missiemonitor.interchange.management.commands._halfway import counting


class Command(BaseCommand):
    help = ("Load a dataset file. The whole file is validated first and every error is reported "
            "with its line; only a valid file is written, in one transaction.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Only validate.")
        parser.add_argument("--max-bytes", type=int, default=None,
                            help="Refuse larger files (default: MM_DATASET_MAX_BYTES).")

    @cli_command("load")
    def handle(self, *args, file: Path, dry_run: bool, max_bytes: int | None, **options):
        bar = command_progress(self, options, f"validating {file.name}")
        step = None

        def on_validated(total: int) -> None:
            nonlocal step
            bar.phase(f"loading {file.name}", total=total, unit="records")
            step = counting(total, bar.update)

        def progress(n: int) -> None:
            if step is not None:
                step(n)

        try:
            with bar:
                stats = dataset_load(path=file, max_bytes=max_bytes, dry_run=dry_run,
                                     progress=progress, on_validated=on_validated)
        except DatasetError as exc:
            raise CommandError(exc.summary()) from None
        if stats is None:
            self.stdout.write(f"{file}: valid")
            return
        self.stdout.write(
            f"{file}: {stats.total_created} created, {stats.total_updated} updated, "
            f"{stats.total_unchanged} unchanged"
        )
