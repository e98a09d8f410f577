"""Benchmark: every attention point over a 100x synthetic dataset against the 1x run.

Run as ``python bench/attention.py`` (``make bench``). Each scale runs in its own process with
its own SQLite database: the synthetic generator (``missiemonitor generate``) writes N
missions over two years with their activity logs, the dataset is loaded and the logs are
imported, and ``attention_points`` is timed (best of three, after a warm-up). The report gives
the data-size ratio (rows in the database), the time ratio and the query counts; the goal is
that time grows no faster than the data.

Options: ``--scale N`` (default 100), ``--years Y`` (default 2), ``--keep DIR`` to keep the
databases.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START, END, AS_OF = "2024-05-01", "2025-04-30", "2025-06-01"


def child(missions: int, years: int, directory: Path) -> dict:
    os.environ["MM_VAR_DIR"] = str(directory)
    os.environ["MM_DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "missiemonitor.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import datetime as dt

    import django

    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from missiemonitor.core.generate import LogSink, generate_document, make_options, write_document
    from missiemonitor.core.principals import SYSTEM
    from missiemonitor.core.services import dataset_load
    from missiemonitor.monitoring.attention import attention_points
    from missiemonitor.results.services import log_import_csv

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    sink = LogSink(directory / "logs")
    document = generate_document(make_options(missions=missions, years=years, seed=7, start=None), sink=sink)
    sink.close()
    dataset = directory / "dataset.yaml"
    with dataset.open("w", encoding="utf-8") as out:
        write_document(document, out)
    del document
    dataset_load(path=dataset, max_bytes=1 << 31)
    for kind, path in sink.paths.items():
        with path.open(encoding="utf-8", newline="") as stream:
            log_import_csv(kind=kind, stream=stream, user=SYSTEM, batch=f"bench-{kind}")
    prepared = time.perf_counter() - began
    rows = sum(model.objects.count() for model in apps.get_models()
               if model._meta.app_label in {"missions", "results", "monitoring", "context", "finance",
                                            "programmes", "reporting", "core"})

    def run() -> list:
        return attention_points(user=SYSTEM, start=dt.date.fromisoformat(START),
                                end=dt.date.fromisoformat(END), as_of=dt.date.fromisoformat(AS_OF))

    run()  # warm-up
    timings = []
    for _ in range(3):
        began = time.perf_counter()
        points = run()
        timings.append(time.perf_counter() - began)
    with CaptureQueriesContext(connection) as queries:
        run()
    return {"missions": missions, "rows": rows, "seconds": min(timings), "points": len(points),
            "queries": len(queries), "prepare_seconds": round(prepared, 1)}


def measure(missions: int, years: int, keep: Path | None) -> dict:
    directory = Path(tempfile.mkdtemp(prefix=f"mm-bench-{missions}x-", dir=keep))
    command = [sys.executable, __file__, "--child", str(missions), "--years", str(years),
               "--dir", str(directory)]
    print(f"  preparing and timing {missions} mission(s)…", file=sys.stderr, flush=True)
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        sys.exit(f"the {missions}x run failed:\n{result.stderr}")
    if keep is None:
        for path in sorted(directory.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        directory.rmdir()
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.years, args.dir)))
        return
    print(f"attention points: 1x against {args.scale}x synthetic missions ({args.years} years each)")
    small = measure(1, args.years, args.keep)
    large = measure(args.scale, args.years, args.keep)
    for run in (small, large):
        print(f"  {run['missions']:>4} mission(s): {run['rows']:>9,} rows, {run['points']:>5} points, "
              f"{run['queries']} queries, {run['seconds'] * 1000:8.1f} ms "
              f"(data prepared in {run['prepare_seconds']} s)")
    data_ratio = large["rows"] / small["rows"]
    time_ratio = large["seconds"] / small["seconds"]
    verdict = "no faster than the data" if time_ratio <= data_ratio else "FASTER than the data"
    print(f"  data-size ratio {data_ratio:.1f}x, time ratio {time_ratio:.1f}x "
          f"(time/data {time_ratio / data_ratio:.2f}): time grows {verdict}; "
          f"queries {small['queries']} -> {large['queries']}")


if __name__ == "__main__":
    main()
