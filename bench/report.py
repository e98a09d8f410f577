"""Benchmark: the progress report in all five formats, for the demo dataset and for synthetic
scopes at 1x, 10x and 100x.

Run as ``python bench/report.py`` (``make bench``). Each scope runs in its own process with its
own SQLite database: the bundled dataset is loaded, or the synthetic generator (``missiemonitor
generate``) writes N missions over two years with their activity logs, which are loaded and
imported. Then the report over May 2024 - April 2025 is built and rendered in every format:
once cold (the first report of the process, with its imports and font loading, as ``missiemonitor
report`` does it) and once warm. Printed per scope: seconds to build and per format, database
queries, the number of facts rendered and the time per fact. The goals: the demo in all formats
well under 5 s; the query count the same at every size; time growing no faster than the
report's length (time per fact not rising).

Options: ``--scales 1,10,100`` (synthetic missions), ``--keep DIR`` to keep the databases and
reports, ``--formats odt,pdf,docx,html,md``.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from _common import load_synthetic, run_child, setup_django

START, END = "2024-05-01", "2025-04-30"
FORMATS = ("odt", "pdf", "docx", "html", "md")


def prepare(scope: str, directory: Path) -> None:
    if scope == "demo":
        from django.core.management import call_command

        from missiemonitor.datasets import dataset_path
        from missiemonitor.interchange.dataset import dataset_load

        call_command("migrate", verbosity=0)
        dataset_load(path=dataset_path())
        return
    load_synthetic(directory, missions=int(scope))


def child(scope: str, directory: Path, formats: list[str]) -> dict:
    setup_django(directory)
    began = time.perf_counter()
    prepare(scope, directory)
    prepared = time.perf_counter() - began

    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from missiemonitor.core.principals import SYSTEM
    from missiemonitor.reporting.render import render
    from missiemonitor.reporting.render.charts import ChartImages
    from missiemonitor.reporting.selectors import report_build
    from missiemonitor.reporting.services import report_generate

    period = {"start": dt.date.fromisoformat(START), "end": dt.date.fromisoformat(END)}
    out = directory / "out"

    def whole() -> dict:
        """``report_generate``, as ``missiemonitor report`` runs it: wall and CPU seconds."""
        wall, cpu = time.perf_counter(), time.process_time()
        report_generate(
            user=SYSTEM,
            **period,
            mission_keys=None,
            language="nl",
            audience="public",
            formats=formats,
            out_dir=out,
        )
        return {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}

    def steps() -> dict:
        """Each step on its own, one after the other."""
        timings, cpu = {}, {}
        began, began_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            report = report_build(
                user=SYSTEM, **period, mission_keys=None, language="nl", audience="public"
            )
        timings["build"], cpu["build"] = (
            time.perf_counter() - began,
            time.process_time() - began_cpu,
        )
        charts = ChartImages()
        with CaptureQueriesContext(connection) as render_queries:
            for fmt in formats:
                began, began_cpu = time.perf_counter(), time.process_time()
                data = render(report, fmt, charts=charts)
                timings[fmt], cpu[fmt] = (
                    time.perf_counter() - began,
                    time.process_time() - began_cpu,
                )
                out.mkdir(exist_ok=True)
                (out / f"report.{fmt}").write_bytes(data)
        return {
            "steps": timings,
            "cpu": cpu,
            "queries": len(queries),
            "render_queries": len(render_queries),
            "facts": sum(1 for _ in report.facts()),
            "sources": len(report.sources),
        }

    if scope == "demo":
        cold, warm = whole(), whole()
    else:  # each format once, after a warm-up on an empty period (imports, fonts), to keep it short
        warmup = directory / "warmup"
        warmup.mkdir()
        report_generate(
            user=SYSTEM,
            start=dt.date(1900, 1, 1),
            end=dt.date(1900, 1, 1),
            mission_keys=None,
            language="nl",
            audience="public",
            formats=formats,
            out_dir=warmup,
        )
        cold = warm = None
    detail = steps()
    pdf = next(out.glob("*.pdf"), None)
    pages = None
    if pdf is not None:
        from pypdf import PdfReader

        pages = len(PdfReader(pdf).pages)
    return {
        "scope": scope,
        "prepare_seconds": round(prepared, 1),
        "cold": cold,
        "warm": warm,
        "detail": detail,
        "pages": pages,
    }


def measure(scope: str, keep: Path | None, formats: list[str]) -> dict:
    label = "the demo dataset" if scope == "demo" else f"{scope} synthetic mission(s)"
    return run_child(
        __file__,
        ["--child", scope, "--formats", ",".join(formats)],
        prefix=f"mm-bench-report-{scope}-",
        label=label,
        keep=keep,
    )


def line(name: str, run: dict, formats: list[str]) -> str:
    detail = run["detail"]
    steps, cpu = detail["steps"], detail["cpu"]
    per_format = "  ".join(f"{fmt} {steps[fmt]:6.2f} ({cpu[fmt]:5.2f})" for fmt in formats)
    facts = detail["facts"]
    total = sum(steps.values())
    whole = ""
    if run["warm"] is not None:
        whole = (
            f" | report_generate: cold {run['cold']['wall']:5.2f} s (CPU here {run['cold']['cpu']:4.2f}), "
            f"warm {run['warm']['wall']:5.2f} s"
        )
    return (
        f"  {name:<5} build {steps['build']:5.2f} ({cpu['build']:4.2f})  {per_format} | one after the other "
        f"{total:6.2f} s{whole} | {detail['queries']:>3} queries | {facts:>6} facts, "
        f"{total / facts * 1000:5.2f} ms/fact"
        + (f" | {run['pages']} PDF pages" if run.get("pages") else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    if args.child is not None:
        print(json.dumps(child(args.child, args.dir, formats)))
        return
    scopes = ["demo", *[s.strip() for s in args.scales.split(",") if s.strip()]]
    print(
        f"progress report, {START}..{END}, Dutch, public. Seconds (CPU seconds in brackets) to build and "
        f"per format, one after the other, after a warm-up; for the demo also report_generate as the "
        f"report command runs it (the PDF printed in parallel where it can), cold (the first report of "
        f"a process, with its imports) and warm"
    )
    print(
        f"  load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs "
        f"(other work on the machine slows the wall-clock times; CPU seconds are steadier)"
    )
    runs = {scope: measure(scope, args.keep, formats) for scope in scopes}
    for scope, run in runs.items():
        print(line("demo" if scope == "demo" else f"{scope}x", run, formats))
        assert run["detail"]["render_queries"] == 0, "a renderer queried the database"
    demo = runs["demo"]
    print(
        f"  demo, all five formats with report_generate: {demo['cold']['wall']:.2f} s cold, "
        f"{demo['warm']['wall']:.2f} s warm (goal: well under 5 s)"
    )
    synthetic = [runs[s] for s in scopes if s != "demo"]
    if len(synthetic) > 1:
        base = synthetic[0]
        for top in synthetic[1:]:
            fact_ratio = top["detail"]["facts"] / base["detail"]["facts"]
            time_ratio = sum(top["detail"]["steps"].values()) / sum(
                base["detail"]["steps"].values()
            )
            verdict = "no faster than" if time_ratio <= fact_ratio else "FASTER than"
            print(
                f"  {base['scope']}x -> {top['scope']}x: report length (facts) {fact_ratio:.1f}x, time "
                f"{time_ratio:.1f}x (time/length {time_ratio / fact_ratio:.2f}): time grows {verdict} the "
                f"report's length; queries {base['detail']['queries']} -> {top['detail']['queries']}"
            )


if __name__ == "__main__":
    main()
