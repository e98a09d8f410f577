"""The renderers: each turns the report view-model into one format and never reads the
database. ``render_all`` writes them, each file complete or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

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


def render_all(report: Report, *, formats: list[str], out_dir: Path, stem: str,
               progress: Callable[[str], None] | None = None) -> list[Path]:
    charts = ChartImages()
    written = []
    for fmt in formats:
        if progress:
            progress(fmt)
        data = render(report, fmt, charts=charts)
        path = out_dir / f"{stem}.{FORMATS[fmt]}"
        handle, tmp = tempfile.mkstemp(dir=out_dir, prefix=f".{stem}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(path)
    return written
