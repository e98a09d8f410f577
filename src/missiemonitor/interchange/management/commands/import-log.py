"""``missiemonitor import-log --kind flight FILE``: import an activity log from CSV."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext
from tqdm import tqdm

from missiemonitor.core.principals import SYSTEM
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
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", required=True, choices=LogKind.values,
                            help="Which log the file holds.")
        parser.add_argument("--batch", default=None,
                            help="A name for this import (default: the file name and a hash of "
                                 "its content, so the same file cannot be imported twice).")

    def handle(self, *args, file: Path, kind: str, batch: str | None, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        batch = batch or _default_batch(file)
        total = _count_rows(file)
        bar = tqdm(total=total, unit=" rows", desc=f"importing {kind} log", disable=None, leave=False)
        try:
            with file.open(encoding="utf-8-sig", newline="") as stream:
                result = log_import_csv(kind=kind, stream=stream, user=SYSTEM, batch=batch,
                                        filename=str(file), progress=counting(total, bar.update))
        except LogImportError as exc:
            raise CommandError(exc.summary()) from None
        except UnicodeDecodeError:
            raise CommandError(f"{_first_bad_byte(file)}: not UTF-8 text; nothing was written.") from None
        finally:
            bar.close()
        per = ", ".join(f"{key}: {count}" for key, count in sorted(result.by_contribution.items()))
        self.stdout.write(ngettext(
            "%(file)s: %(rows)s %(kind)s row imported as batch %(batch)r (%(per)s)",
            "%(file)s: %(rows)s %(kind)s rows imported as batch %(batch)r (%(per)s)", result.rows,
        ) % {"file": file, "rows": result.rows, "kind": kind, "batch": result.batch, "per": per})
