"""Benchmark of the REST API, on loopback, stopping by itself.

1. **Lists against the framework floor.** The busiest list, ``GET /api/v1/observations``
   (analysts pulling figures; 100 rows a page, with their references), served by gunicorn
   with 2 workers to 32 concurrent clients for 30 s; then the same rows from a bare Django
   view (token check, visibility rule, ``values()``, ``JsonResponse``) under the same load.
   Prints throughput and p50/p99 latency of both and their ratio (goal: at least 0.5).
2. **Bulk-log ingestion.** 1,000,000 flight-log rows as one CSV request to
   ``POST /api/v1/log-imports`` (streamed, validated per row, one transaction), against the
   database's own bulk load of the same rows: SQLite ``executemany`` in one transaction, and
   PostgreSQL ``COPY`` when PostgreSQL binaries are available (a throwaway server is started).
   Prints the rate ratio (goal: at least 0.5) and the import's peak memory (RSS of the worker)
   against a run a tenth of the size, to show that memory stays flat.

The data is synthetic, from ``missiemonitor generate`` (helper B's generator). Options:
``--seconds``, ``--clients``, ``--rows``, ``--missions``, ``--skip-postgres``, ``--lists-only``,
``--ingestion-only``, ``--keep DIR``.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import http.client
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from api_support.rawload import raw_postgres, raw_sqlite, start_postgres
from api_support.serving import Gunicorn

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
API_PATH = "/api/v1/observations?page_size=100"
FLOOR_PATH = "/bench/floor/observations"


# -- preparing the data ------------------------------------------------------------------------
def _django(database_url: str, directory: Path) -> None:
    os.environ["MM_VAR_DIR"] = str(directory)
    os.environ["MM_DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "missiemonitor.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def prepare(
    database_url: str, directory: Path, missions: int, rows: int, logs: bool = True
) -> dict:
    """Migrate, load a synthetic dataset, create the benchmark user and token, and write the
    flight logs to import (``rows`` and a tenth of it). Runs in a child process."""
    _django(database_url, directory)
    from django.core.management import call_command

    from missiemonitor.accounts.models import Role
    from missiemonitor.accounts.services import user_create
    from missiemonitor.accounts.tokens import token_create
    from missiemonitor.core.models import Classification
    from missiemonitor.interchange.dataset import dataset_load
    from missiemonitor.missions.models import Contribution
    from missiemonitor.results.models import DimensionValue, Indicator, Observation
    from missiemonitor.synthetic.generator import generate_document, make_options, write_document

    call_command("migrate", verbosity=0)
    document = generate_document(make_options(missions=missions, years=2, seed=11, start=None))
    dataset = directory / "dataset.yaml"
    with dataset.open("w", encoding="utf-8") as out:
        write_document(document, out)
    del document
    dataset_load(path=dataset, max_bytes=1 << 31)
    user = user_create(
        username="bench",
        password=secrets.token_urlsafe(),
        role=Role.COORDINATOR,
        clearance=Classification.STG_GEHEIM,
        all_missions=True,
    )
    _token, secret = token_create(user=user, name="bench", scope="read-write")
    # Flight rows spread over the contributions' active days, with their tasking codes.
    today = dt.date.today()
    targets = []
    for contribution in Contribution.objects.order_by("key"):
        start = contribution.start or dt.date(2024, 1, 1)
        end = min(contribution.end or today, today)
        if end < start:
            continue
        dimension_ids = Indicator.objects.filter(
            contribution=contribution, log_kind="flight", log_dimension__isnull=False
        ).values("log_dimension_id")
        codes = sorted(
            DimensionValue.objects.filter(dimension_id__in=dimension_ids).values_list(
                "code", flat=True
            )
        )
        targets.append((contribution.key, start, (end - start).days + 1, codes or ["national"]))
    files = {}
    for name, count in (("small", max(rows // 10, 1)), ("large", rows)) if logs else ():
        path = directory / f"flight-{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["contribution", "date", "aircraft", "hours", "tasking"])
            for i in range(count):
                key, start, days, codes = targets[i % len(targets)]
                day = start + dt.timedelta(days=(i // len(targets)) % days)
                writer.writerow(
                    [
                        key,
                        day.isoformat(),
                        f"AC-{i % 7}",
                        f"{1 + (i % 40) / 4:.2f}",
                        codes[i % len(codes)],
                    ]
                )
        files[name] = str(path)
    return {
        "token": secret,
        "files": files,
        "observations": Observation.objects.count(),
        "contributions": len(targets),
    }


# -- load ----------------------------------------------------------------------------------------
async def _client(
    port: int, request: bytes, deadline: float, latencies: list[float], errors: list[str]
) -> None:
    while time.perf_counter() < deadline:
        began = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
            writer.write(request)
            await writer.drain()
            response = await reader.read()
            writer.close()
        except OSError as exc:
            errors.append(str(exc))
            continue
        if not response.startswith(b"HTTP/1.1 200"):
            errors.append(response[:80].decode(errors="replace"))
            continue
        latencies.append(time.perf_counter() - began)


def load(port: int, path: str, token: str, clients: int, seconds: float) -> dict:
    """``clients`` concurrent clients requesting ``path`` for ``seconds``."""
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nAuthorization: Bearer {token}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    latencies: list[float] = []
    errors: list[str] = []

    async def run() -> None:
        deadline = time.perf_counter() + seconds
        await asyncio.gather(
            *(_client(port, request, deadline, latencies, errors) for _ in range(clients))
        )

    began = time.perf_counter()
    asyncio.run(run())
    elapsed = time.perf_counter() - began
    latencies.sort()
    if not latencies:
        sys.exit(f"no request to {path} succeeded: {errors[:3]}")
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "rps": len(latencies) / elapsed,
        "p50": latencies[len(latencies) // 2] * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


def import_log(port: int, token: str, path: Path, batch: str) -> tuple[float, dict]:
    size = path.stat().st_size
    connection = http.client.HTTPConnection(HOST, port, timeout=3600)
    began = time.perf_counter()
    with path.open("rb") as body:
        connection.request(
            "POST",
            f"/api/v1/log-imports?kind=flight&batch={batch}",
            body=body,
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "text/csv",
                "Content-Length": str(size),
            },
        )
        response = connection.getresponse()
        data = json.loads(response.read())
    elapsed = time.perf_counter() - began
    if response.status != 201:
        sys.exit(f"the import failed ({response.status}): {json.dumps(data)[:500]}")
    return elapsed, data


def child_service(args: argparse.Namespace) -> None:
    """The import service alone, in-process, without HTTP: what the API adds is the rest."""
    _django(args.database_url, Path(args.dir))
    from missiemonitor.core.principals import SYSTEM
    from missiemonitor.interchange.logs import log_import_csv

    with open(args.service, encoding="utf-8", newline="") as stream:
        began = time.perf_counter()
        result = log_import_csv(
            kind="flight", stream=stream, user=SYSTEM, batch=f"service-{time.time_ns()}"
        )
        elapsed = time.perf_counter() - began
    print(json.dumps({"seconds": elapsed, "rows": result.rows}))


def service_seconds(database_url: str, directory: Path, path: Path) -> float:
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            __file__,
            "--database-url",
            database_url,
            "--dir",
            str(directory),
            "--service",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"the service import failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])["seconds"]


# -- the runs ----------------------------------------------------------------------------------
def child_prepare(args: argparse.Namespace) -> None:
    result = prepare(
        args.database_url, Path(args.dir), args.missions, args.rows, logs=not args.no_logs
    )
    print(json.dumps(result))


def run_prepare(
    database_url: str, directory: Path, args: argparse.Namespace, logs: bool = True
) -> dict:
    print(
        f"  preparing {args.missions} synthetic missions"
        + (f" and {args.rows:,} log rows" if logs else "")
        + "…",
        file=sys.stderr,
        flush=True,
    )
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            __file__,
            "--prepare",
            "--database-url",
            database_url,
            "--dir",
            str(directory),
            "--missions",
            str(args.missions),
            "--rows",
            str(args.rows),
            *([] if logs else ["--no-logs"]),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"preparing failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench_lists(database_url: str, directory: Path, data: dict, args: argparse.Namespace) -> None:
    server = Gunicorn(database_url, directory)
    try:
        for path in (API_PATH, FLOOR_PATH):  # warm up both workers
            load(server.port, path, data["token"], 4, 2)
        api = load(server.port, API_PATH, data["token"], args.clients, args.seconds)
        floor = load(server.port, FLOOR_PATH, data["token"], args.clients, args.seconds)
    finally:
        server.stop()
    print(
        f"  list: {args.clients} clients for {args.seconds:.0f} s, gunicorn 2 workers, "
        f"{data['observations']:,} observations, 100 a page"
    )
    for name, result in (
        ("API  GET /api/v1/observations", api),
        ("bare Django view (floor)", floor),
    ):
        print(
            f"    {name:<31} {result['rps']:7.1f} req/s  p50 {result['p50']:7.1f} ms  "
            f"p99 {result['p99']:7.1f} ms  ({result['requests']} requests, {result['errors']} errors)"
        )
    ratio = api["rps"] / floor["rps"]
    print(
        f"  list throughput ratio API/floor: {ratio:.2f} (goal >= 0.5: {'met' if ratio >= 0.5 else 'NOT met'})"
    )


def bench_ingestion(
    label: str, database_url: str, directory: Path, data: dict, raw, service=None
) -> None:
    """The database's own load first (into a copy, or removed again), then the API's."""
    small, large = Path(data["files"]["small"]), Path(data["files"]["large"])
    raw_seconds = raw(large)
    service_time = service(large) if service is not None else None
    rows_small = sum(1 for _ in small.open()) - 1
    rows_large = sum(1 for _ in large.open()) - 1
    peaks = {}
    seconds = {}
    for name, path, rows in (("small", small, rows_small), ("large", large, rows_large)):
        server = Gunicorn(
            database_url, directory
        )  # fresh workers: their peak memory is this import's
        try:
            load(server.port, API_PATH, data["token"], 2, 1)  # both workers loaded
            before = server.peak_rss_mb()
            elapsed, result = import_log(
                server.port, data["token"], path, f"bench-{name}-{time.time_ns()}"
            )
            assert result["rows"] == rows, result
            peaks[name] = (before, server.peak_rss_mb())
            seconds[name] = elapsed
        finally:
            server.stop()
    api_rate, raw_rate = rows_large / seconds["large"], rows_large / raw_seconds
    print(f"  ingestion on {label}: {rows_large:,} flight rows, one CSV request")
    print(
        f"    API  POST /api/v1/log-imports    {seconds['large']:7.1f} s  {api_rate:10,.0f} rows/s"
    )
    if service_time is not None:
        print(
            f"    service alone (log_import_csv)   {service_time:7.1f} s  {rows_large / service_time:10,.0f} rows/s"
            "  (in-process, no HTTP: the API adds the difference)"
        )
    print(
        f"    database bulk load ({'executemany' if label == 'SQLite' else 'COPY'}) {raw_seconds:7.1f} s  "
        f"{raw_rate:10,.0f} rows/s"
    )
    ratio = api_rate / raw_rate
    print(
        f"  ingestion rate ratio API/database: {ratio:.2f} (goal >= 0.5: {'met' if ratio >= 0.5 else 'NOT met'})"
    )
    (b_small, p_small), (b_large, p_large) = peaks["small"], peaks["large"]
    print(
        f"  peak RSS of the importing worker: {p_small:.0f} MB for {rows_small:,} rows, "
        f"{p_large:.0f} MB for {rows_large:,} rows (idle {b_large:.0f} MB); "
        f"{(p_large - b_large) / max(p_small - b_small, 1):.1f}x the growth for 10x the rows"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--missions", type=int, default=20)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--lists-only", action="store_true", help="Skip the ingestion part.")
    parser.add_argument("--ingestion-only", action="store_true", help="Skip the list part.")
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    parser.add_argument("--no-logs", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--service", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        child_prepare(args)
        return
    if args.service:
        child_service(args)
        return
    directory = Path(tempfile.mkdtemp(prefix="mm-bench-api-", dir=args.keep))
    directory.chmod(0o755)
    (directory / "static").mkdir()
    print("API benchmark (loopback)")
    postgres = None
    try:
        database = directory / "bench.sqlite3"
        sqlite_url = f"sqlite:///{database}"
        data = run_prepare(sqlite_url, directory, args, logs=not args.lists_only)
        pristine = directory / "pristine.sqlite3"
        shutil.copy(database, pristine)
        if not args.ingestion_only:
            bench_lists(sqlite_url, directory, data, args)
        if args.lists_only:
            return
        service_copy = directory / "service.sqlite3"
        shutil.copy(pristine, service_copy)
        bench_ingestion(
            "SQLite",
            sqlite_url,
            directory,
            data,
            lambda path: raw_sqlite(pristine, path),
            lambda path: service_seconds(f"sqlite:///{service_copy}", directory, path),
        )
        if args.skip_postgres:
            print("  PostgreSQL: skipped (--skip-postgres)")
        else:
            started = start_postgres(directory)
            if started is None:
                print("  PostgreSQL: skipped (no server binaries found)")
            else:
                pg_url, postgres = started
                pg_data = {
                    **run_prepare(pg_url, directory, args, logs=False),
                    "files": data["files"],
                }
                bench_ingestion(
                    "PostgreSQL",
                    pg_url,
                    directory,
                    pg_data,
                    lambda path: raw_postgres(pg_url, path),
                )
    finally:
        if postgres is not None:
            postgres.stop()
        if args.keep is None:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
