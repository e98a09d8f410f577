"""Benchmark: the server time of every page at 1x and 100x synthetic data, each as a ratio to
the time its own SQL takes.

Run as ``python bench/pages.py`` (``make bench``). Each scale runs in its own process with its
own SQLite database: the synthetic generator (``missiemonitor generate``) writes N missions over
two years with their activity logs, which are loaded and imported. Every page is then requested
through Django's test client as a coordinator who may see everything: one warm-up, then the
best of three. For each request the SQL time is the sum of the time spent executing its
queries (``connection.execute_wrapper``); the rest is Python: views, selectors, templates. The
ratio server/SQL shows where the time goes, and comparing 1x with 100x shows how each page
grows with the data (the query counts must not grow: see web/tests/test_pages.py).

Options: ``--scale N`` (default 100), ``--years Y`` (default 2), ``--keep DIR``.
"""

from __future__ import annotations

import json
import secrets
import time
from pathlib import Path

from _common import domain_rows, load_synthetic, run_scale, scale_arguments, setup_django

PERIOD = "start=2024-05-01&end=2025-04-30"


def child(missions: int, years: int, directory: Path) -> dict:
    setup_django(directory)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from missiemonitor.accounts.services import user_create
    from missiemonitor.core.models import Classification
    from missiemonitor.missions.models import Contribution, Mission
    from missiemonitor.results.models import LongTermObjective

    settings.ALLOWED_HOSTS = ["testserver"]
    prepared = load_synthetic(directory, missions=missions, years=years)
    rows = domain_rows()
    user = user_create(
        username="bench",
        password=secrets.token_urlsafe(16),
        role="coordinator",
        clearance=max(Classification.values),
        all_missions=True,
    )
    client = Client()
    client.force_login(user)
    mission = Mission.objects.order_by("key").first()
    contribution = Contribution.objects.order_by("key").first()
    objective = LongTermObjective.objects.order_by("key").first()
    pages = {
        "dashboard": f"/?{PERIOD}",
        "missions": "/missies/",
        "mission": f"/missies/{mission.key}/",
        "contribution": f"/bijdragen/{contribution.key}/?{PERIOD}",
        "objectives": f"/doelstellingen/?{PERIOD}",
        "objective": f"/doelstellingen/{objective.key}/?{PERIOD}",
        "monitoring": f"/monitoring/?{PERIOD}",
        "field reports": "/monitoring/veldrapportages/",
        "context": f"/context/?{PERIOD}",
        "finance": "/financien/",
        "search": "/zoeken/?q=advies",
        "data": "/gegevens/",
        "report builder": "/rapportage/",
    }
    sql = {"seconds": 0.0, "count": 0}

    def timed_sql(execute, sql_text, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql_text, params, many, context)
        finally:
            sql["seconds"] += time.perf_counter() - began
            sql["count"] += 1

    results = {}
    with connection.execute_wrapper(timed_sql):
        for name, url in pages.items():
            client.get(url)  # warm-up
            best = None
            for _ in range(3):
                sql["seconds"], sql["count"] = 0.0, 0
                began = time.perf_counter()
                response = client.get(url)
                total = time.perf_counter() - began
                if response.status_code != 200:
                    raise SystemExit(f"{url} answered {response.status_code}")
                if best is None or total < best[0]:
                    best = (total, sql["seconds"], sql["count"])
            results[name] = {"seconds": best[0], "sql_seconds": best[1], "queries": best[2]}
    return {
        "missions": missions,
        "rows": rows,
        "pages": results,
        "prepare_seconds": round(prepared, 1),
    }


def measure(missions: int, args) -> dict:
    return run_scale(__file__, missions, args, prefix="mm-bench-pages", label=f"the pages over {missions} mission(s)")


def main() -> None:
    args = scale_arguments(__doc__.splitlines()[0])
    if args.child is not None:
        print(json.dumps(child(args.child, args.years, args.dir)))
        return
    print(
        f"pages: server time as a ratio to its own SQL time, 1x against {args.scale}x synthetic "
        f"missions ({args.years} years each)"
    )
    small = measure(1, args)
    large = measure(args.scale, args)
    print(
        f"  data: {small['rows']:,} rows at 1x, {large['rows']:,} at {args.scale}x "
        f"({large['rows'] / small['rows']:.0f}x)"
    )
    header = (
        f"  {'page':<15} {'1x ms':>8} {'SQL ms':>8} {'ratio':>6} {'q':>4}   "
        f"{f'{args.scale}x ms':>9} {'SQL ms':>8} {'ratio':>6} {'q':>4}   {f'time {args.scale}x/1x':>12}"
    )
    print(header)
    for name, one in small["pages"].items():
        big = large["pages"][name]
        print(
            f"  {name:<15} {one['seconds'] * 1000:8.1f} {one['sql_seconds'] * 1000:8.1f} "
            f"{one['seconds'] / max(one['sql_seconds'], 1e-9):6.1f} {one['queries']:>4}   "
            f"{big['seconds'] * 1000:9.1f} {big['sql_seconds'] * 1000:8.1f} "
            f"{big['seconds'] / max(big['sql_seconds'], 1e-9):6.1f} {big['queries']:>4}   "
            f"{big['seconds'] / one['seconds']:11.1f}x"
        )


if __name__ == "__main__":
    main()
