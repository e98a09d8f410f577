"""The renderers: each turns the report view-model into one format and never reads the
database. ``render_all`` writes them, each file complete or not at all.

Because rendering needs only the view-model, the PDF (the slowest format: WeasyPrint lays out
every page) can be printed in a forked worker process while this process writes the other
formats, which uses a second core. That is done only where forking is safe: on a platform with
``fork``, in a process that runs no other threads, with more than one CPU.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from missiemonitor.reporting.errors import ReportError
from missiemonitor.reporting.render.charts import ChartImages
from missiemonitor.reporting.viewmodel import Report

FORMATS: dict[str, str] = {"odt": "odt", "pdf": "pdf", "docx": "docx", "html": "html", "md": "md"}


def render(report: Report, fmt: str, *, charts: ChartImages | None = None) -> bytes:
    charts = charts or ChartImages()
    if fmt == "html":
        from missiemonitor.reporting.render.html import render_html

        return render_html(report, charts=charts).encode()
    if fmt == "md":
        from missiemonitor.reporting.render.markdown import render_markdown

        return render_markdown(report).encode()
    if fmt == "pdf":
        from missiemonitor.reporting.render.pdf import render_pdf

        return render_pdf(report, charts=charts)
    if fmt == "odt":
        from missiemonitor.reporting.render.odt import render_odt

        return render_odt(report, charts=charts)
    if fmt == "docx":
        from missiemonitor.reporting.render.docx import render_docx

        return render_docx(report, charts=charts)
    raise ValueError(f"unknown format {fmt!r}")


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it: the file is complete or absent.
    Reports may hold classified text, so only the owner of the process may read them (0600)."""
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def can_fork() -> bool:
    from django.conf import settings

    return (settings.MM_REPORT_PARALLEL and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1 and (os.cpu_count() or 1) > 1)


def _pdf_worker(report: Report, path: Path, charts: ChartImages, errors) -> None:
    """In the forked process: print the PDF and write it. Nothing here touches the database."""
    try:
        write_atomically(path, render(report, "pdf", charts=charts))
    except BaseException:
        errors.send(traceback.format_exc())
        raise


def render_all(report: Report, *, formats: list[str], out_dir: Path, stem: str,
               progress: Callable[[str], None] | None = None) -> list[Path]:
    paths = {fmt: out_dir / f"{stem}.{FORMATS[fmt]}" for fmt in formats}
    worker, receive = None, None
    here = list(formats)
    charts = ChartImages()
    if "pdf" in formats and len(formats) > 1 and can_fork():
        if "html" in formats:
            charts.draw_all(report, "svg")  # once, for the worker and for the HTML

        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        worker = context.Process(target=_pdf_worker, args=(report, paths["pdf"], charts, send), daemon=True)
        worker.start()
        send.close()
        here.remove("pdf")
        if progress:
            progress("pdf")
    try:
        for fmt in here:
            if progress:
                progress(fmt)
            write_atomically(paths[fmt], render(report, fmt, charts=charts))
    finally:
        if worker is not None:
            worker.join()
    if worker is not None and worker.exitcode != 0:
        detail = receive.recv() if receive.poll() else f"exit code {worker.exitcode}"
        raise ReportError(f"the PDF could not be written: {detail}")
    return [paths[fmt] for fmt in formats]
