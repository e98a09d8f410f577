"""PDF/A (PDF/A-3b) printed by WeasyPrint from the report's HTML, with Liberation Sans (from the
Debian image) embedded and a text layer from which every figure can be extracted. Charts stay
vector (SVG)."""

from __future__ import annotations

import io

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from missiemonitor.reporting.render.charts import ChartImages
from missiemonitor.reporting.render.html import render_html
from missiemonitor.reporting.viewmodel import Report

PDF_VARIANT = "pdf/a-3b"
FONT_DIR = "file:///usr/share/fonts/"


class LocalOnly(URLFetcher):
    """Reads data: URLs and the system's font files; nothing is fetched from a network."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data", "file"})

    def fetch(self, url, headers=None):
        if not url.startswith(("data:", FONT_DIR)):
            raise ValueError(f"the report does not load {url!r}")
        return super().fetch(url, headers)


def render_pdf(report: Report, *, charts: ChartImages) -> bytes:
    html = render_html(report, charts=charts, for_pdf=True)
    document = HTML(string=html, url_fetcher=LocalOnly(), base_url="/")
    buffer = io.BytesIO()
    document.write_pdf(buffer, pdf_variant=PDF_VARIANT, pdf_identifier=b"missiemonitor-report")
    return buffer.getvalue()
