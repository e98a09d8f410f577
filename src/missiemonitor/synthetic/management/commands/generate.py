import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from missiemonitor.core.progress import command_progress
from missiemonitor.synthetic.generator import (
    GenerateArgumentError,
    LogSink,
    generate_document,
    make_options,
    write_document,
)


class Command(BaseCommand):
    help = (
        "Write a synthetic dataset of fictional missions, in the format that 'load' reads. "
        "The same options always give the same file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missions",
            type=int,
            required=True,
            metavar="N",
            help="Number of missions (1 or more).",
        )
        parser.add_argument(
            "--years",
            type=int,
            required=True,
            metavar="Y",
            help="Number of calendar years (1 to 50).",
        )
        parser.add_argument(
            "--seed", type=int, default=0, metavar="S", help="Random seed (0 or more; default 0)."
        )
        parser.add_argument(
            "--start",
            type=int,
            default=None,
            metavar="YEAR",
            help="First year (default: so that the last year is 2025).",
        )
        parser.add_argument(
            "--out",
            type=Path,
            required=True,
            metavar="FILE",
            help="Where to write the dataset; '-' for standard output.",
        )
        parser.add_argument(
            "--logs",
            type=Path,
            default=None,
            metavar="DIR",
            help="Also write activity logs (flight.csv, movement.csv, event.csv) here.",
        )

    def handle(self, *args, missions, years, seed, start, out: Path, logs: Path | None, **options):
        try:
            opts = make_options(missions=missions, years=years, seed=seed, start=start)
        except GenerateArgumentError as exc:
            raise CommandError(str(exc)) from None
        to_stdout = str(out) == "-"
        if not to_stdout and out.exists() and out.is_dir():
            raise CommandError(f"--out {out}: is a directory; give a file name")
        if logs is not None and logs.exists() and not logs.is_dir():
            raise CommandError(f"--logs {logs}: exists and is not a directory")
        sink = LogSink(logs) if logs is not None else None
        tmp = None if to_stdout else out.with_name(out.name + ".tmp")
        try:
            with command_progress(
                self, options, "generating", total=opts.missions, unit="missions"
            ) as bar:
                document = generate_document(opts, sink=sink, progress=bar.update)
                total = sum(len(items) for items in document.values() if isinstance(items, list))
                bar.phase("writing", total=total, unit="records")
                if to_stdout:
                    write_document(document, sys.stdout, progress=bar.update)
                else:
                    out.parent.mkdir(parents=True, exist_ok=True)
                    with tmp.open("w", encoding="utf-8", newline="\n") as handle:
                        write_document(document, handle, progress=bar.update)
                    tmp.replace(out)
        except BaseException:
            if sink is not None:
                sink.close(keep=False)
            if tmp is not None:
                tmp.unlink(missing_ok=True)
            raise
        if sink is not None:
            sink.close()
        if to_stdout:
            return
        size = out.stat().st_size
        self.stderr.write(f"wrote {out} ({size / 1_000_000:.1f} MB)")
        if sink is not None:
            rows = ", ".join(f"{count} {kind}" for kind, count in sink.rows.items())
            self.stderr.write(f"wrote logs to {logs} ({rows} rows)")
        limit = settings.MM_DATASET_MAX_BYTES
        if size > limit:
            self.stderr.write(
                self.style.WARNING(
                    f"the file is larger than the load limit of {limit / 1_000_000:.1f} MB; "
                    f"load it with --max-bytes {size} or set MM_DATASET_MAX_BYTES"
                )
            )
