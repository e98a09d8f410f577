"""``missiemonitor import-log --kind flight FILE``: import an activity log from CSV."""

from __future__ import annotations

import hashlib
import io
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from missiemonitor.audit.context import cli_command
from missiemonitor.core.principals import SYSTEM
from missiemonitor.core.progress import command_progress
from missiemonitor.interchange.logs import LogImportError, log_import_csv
from missiemonitor.interchange.management.commands._halfway import counting
from missiemonitor.results.models.indicators import LogKind


def _default_batch(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return f"{path.name[:80]}@{digest.hexdigest()[:12]}"


def _first_bad_byte(path: Path) -> str:
    """``FILE:LINE`` of the first byte that is not UTF-8 (the stream reports it by chunk)."""
    raw = path.read_bytes()
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return f"{path}:{raw[: exc.start].count(b'\n') + 1} (byte {exc.start + 1})"
    return str(path)


def _count_rows(path: Path) -> int:
    with path.open("rb") as handle:
        return max(0, sum(1 for _ in handle) - 1)


class Command(BaseCommand):
    help = ("Import an activity log (flights, movements or events) from a CSV file. Every row is "
            "checked first; if any row is wrong, the errors are listed by line and nothing is "
            "written.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path,
                            help="The CSV file; '-' reads standard input (then --batch is needed).")
        parser.add_argument("--kind", required=True, choices=LogKind.values,
                            help="Which log the file holds.")
        parser.add_argument("--batch", default=None,
                            help="A name for this import (default: the file name and a hash of "
                                 "its content, so the same file cannot be imported twice).")

    @cli_command("import-log")
    def handle(self, *args, file: Path, kind: str, batch: str | None, **options):
        from_stdin = str(file) == "-"
        if from_stdin and not batch:
            raise CommandError("reading standard input: name the import with --batch")
        if not from_stdin and not file.is_file():
            raise CommandError(f"{file}: no such file")
        batch = batch or _default_batch(file)
        total = None if from_stdin else _count_rows(file)
        try:
            with command_progress(self, options, f"importing {kind} log", total=total,
                                  unit="rows") as bar:
                step = counting(total or 0, bar.update)
                if from_stdin:
                    stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")
                    result = log_import_csv(kind=kind, stream=stream, user=SYSTEM, batch=batch,
                                            filename="<stdin>", progress=step)
                else:
                    with file.open(encoding="utf-8-sig", newline="") as stream:
                        result = log_import_csv(kind=kind, stream=stream, user=SYSTEM,
                                                batch=batch, filename=str(file), progress=step)
        except LogImportError as exc:
            raise CommandError(exc.summary()) from None
        except UnicodeDecodeError:
            where = "<stdin>" if from_stdin else _first_bad_byte(file)
            raise CommandError(f"{where}: not UTF-8 text; nothing was written.") from None
        per = ", ".join(f"{key}: {count}" for key, count in sorted(result.by_contribution.items()))
        self.stdout.write(ngettext(
            "%(file)s: %(rows)s %(kind)s row imported as batch %(batch)r (%(per)s)",
            "%(file)s: %(rows)s %(kind)s rows imported as batch %(batch)r (%(per)s)", result.rows,
        ) % {"file": file, "rows": result.rows, "kind": kind, "batch": result.batch, "per": per})
