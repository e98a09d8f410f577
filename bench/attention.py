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

import json
import time
from pathlib import Path

from _common import domain_rows, load_synthetic, run_scale, scale_arguments, setup_django

START, END, AS_OF = "2024-05-01", "2025-04-30", "2025-06-01"


def child(missions: int, years: int, directory: Path) -> dict:
    setup_django(directory)
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from missiemonitor.core.principals import SYSTEM
    from missiemonitor.monitoring.attention import attention_points

    prepared = load_synthetic(directory, missions=missions, years=years)
    rows = domain_rows()

    def run() -> list:
        return attention_points(
            user=SYSTEM,
            start=dt.date.fromisoformat(START),
            end=dt.date.fromisoformat(END),
            as_of=dt.date.fromisoformat(AS_OF),
        )

    run()  # warm-up
    timings = []
    for _ in range(3):
        began = time.perf_counter()
        points = run()
        timings.append(time.perf_counter() - began)
    with CaptureQueriesContext(connection) as queries:
        run()
    return {
        "missions": missions,
        "rows": rows,
        "seconds": min(timings),
        "points": len(points),
        "queries": len(queries),
        "prepare_seconds": round(prepared, 1),
    }


def measure(missions: int, args) -> dict:
    return run_scale(__file__, missions, args, prefix="mm-bench", label=f"{missions} mission(s)")


def main() -> None:
    args = scale_arguments(__doc__.splitlines()[0])
    if args.child is not None:
        print(json.dumps(child(args.child, args.years, args.dir)))
        return
    print(
        f"attention points: 1x against {args.scale}x synthetic missions ({args.years} years each)"
    )
    small = measure(1, args)
    large = measure(args.scale, args)
    for run in (small, large):
        print(
            f"  {run['missions']:>4} mission(s): {run['rows']:>9,} rows, {run['points']:>5} points, "
            f"{run['queries']} queries, {run['seconds'] * 1000:8.1f} ms "
            f"(data prepared in {run['prepare_seconds']} s)"
        )
    data_ratio = large["rows"] / small["rows"]
    time_ratio = large["seconds"] / small["seconds"]
    verdict = "no faster than the data" if time_ratio <= data_ratio else "FASTER than the data"
    print(
        f"  data-size ratio {data_ratio:.1f}x, time ratio {time_ratio:.1f}x "
        f"(time/data {time_ratio / data_ratio:.2f}): time grows {verdict}; "
        f"queries {small['queries']} -> {large['queries']}"
    )


if __name__ == "__main__":
    main()
