"""Benchmark: ``missiemonitor audit verify`` at 100,000 and 1,000,000 audit entries.

Run as ``python bench/audit.py`` (``make bench``). For each size, one process builds a fresh
SQLite database with that many chained entries (hashed as the application hashes them, inserted
with a raw bulk insert, not through the model), and a second process runs only the verify
walk, so its peak memory (the process's maximum resident set) is verify's own. The report
gives the time and peak RSS per size: the time should grow with the entries, the memory
should stay flat (the walk streams).

Options: ``--sizes 100000,1000000``, ``--keep DIR`` to keep the databases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import setup_django

BATCH = 20_000


def build(directory: Path, size: int) -> float:
    setup_django(directory)
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction

    from missiemonitor.audit import chain
    from missiemonitor.audit.models import GENESIS, AuditChainHead, AuditEntry
    from missiemonitor.audit.services import type_label
    from missiemonitor.core.models import Organisation

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    content_type = ContentType.objects.get_for_model(Organisation).pk
    columns = ["sequence", "entry_hash", *chain.HASHED]
    meta = AuditEntry._meta
    quote = connection.ops.quote_name
    column_of = {f.attname: f.column for f in meta.concrete_fields}
    names = ", ".join(quote(column_of[c]) for c in columns)
    sql = (f"INSERT INTO {quote(meta.db_table)} ({names}) "  # noqa: S608 - the model's names
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    previous = GENESIS
    rows: list[tuple] = []
    with transaction.atomic(), connection.cursor() as cursor:
        for sequence in range(1, size + 1):
            changes = {"name": [f"Organisatie {sequence - 1}", f"Organisatie {sequence}"],
                       "acronym": [None, f"ORG{sequence}"]}
            values = [start + dt.timedelta(seconds=sequence), 1, content_type, str(sequence),
                      sequence, f"org-{sequence}", f"Organisatie {sequence}", changes, "", None,
                      None, None, "bench", None, None, None, None, "cli", "bench", 0, None,
                      previous]
            previous = chain.entry_hash(values, type_label)
            stored = list(values)
            stored[0] = stored[0].isoformat()
            stored[7] = json.dumps(changes)
            rows.append((sequence, previous, *stored))
            if len(rows) == BATCH:
                cursor.executemany(sql, rows)
                rows.clear()
        if rows:
            cursor.executemany(sql, rows)
        AuditChainHead.objects.update_or_create(pk=1, defaults={"sequence": size,
                                                                "entry_hash": previous})
    return time.perf_counter() - began


def verify(directory: Path) -> dict:
    setup_django(directory)
    from missiemonitor.audit.verify import chain_verify

    began = time.perf_counter()
    result = chain_verify()
    seconds = time.perf_counter() - began
    return {"entries": result.count, "ok": result.ok, "seconds": round(seconds, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def _child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,  # noqa: S603
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--child", choices=["build", "verify"], default=None)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--size", type=int, default=0)
    options = parser.parse_args()
    if options.child == "build":
        print(json.dumps({"seconds": round(build(options.dir, options.size), 1)}))
        return
    if options.child == "verify":
        print(json.dumps(verify(options.dir)))
        return
    base = options.keep or Path(tempfile.mkdtemp(prefix="mm-bench-audit-"))
    results = []
    for size in (int(s) for s in options.sizes.split(",")):
        directory = base / f"entries-{size}"
        directory.mkdir(parents=True, exist_ok=True)
        built = _child("--child", "build", "--dir", str(directory), "--size", str(size))
        checked = _child("--child", "verify", "--dir", str(directory))
        assert checked["ok"] and checked["entries"] == size, checked
        results.append((size, built["seconds"], checked))
        print(f"{size:>9,} entries: built in {built['seconds']:.1f} s; verify "
              f"{checked['seconds']:.1f} s, peak RSS {checked['peak_rss_mb']:.0f} MB", flush=True)
    if len(results) > 1:
        (small, _, a), (large, _, b) = results[0], results[-1]
        print(f"ratio {large // small}x entries: time {b['seconds'] / max(a['seconds'], 0.01):.1f}x, "
              f"peak RSS {b['peak_rss_mb'] / a['peak_rss_mb']:.2f}x")


if __name__ == "__main__":
    main()
