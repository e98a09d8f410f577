"""The five formats of the bundled dataset's report: each valid for its kind, the ODT opening in
LibreOffice, the PDF a PDF/A with embedded fonts, the HTML self-contained and accessible, and
the English report in English conventions."""

from __future__ import annotations

import io
import itertools
import os
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser

import pytest
from docx import Document
from pypdf import PdfReader

from missiemonitor.reporting.tests.figures import pdf_text

pytestmark = pytest.mark.django_db


def test_rendering_reads_nothing_from_the_database(demo):
    assert demo.render_queries == 0


# --- ODT ----------------------------------------------------------------------------------------
def test_the_odt_is_an_opendocument_text_with_charts_footnotes_and_a_source_appendix(demo):
    data = demo.files[("nl", "odt")]
    with zipfile.ZipFile(io.BytesIO(data)) as odt:
        assert odt.namelist()[0] == "mimetype"
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = odt.read("content.xml").decode()
        pictures = [n for n in odt.namelist() if n.startswith("Pictures/") and n.endswith(".png")]
    report = demo.reports["nl"]
    assert len(pictures) == sum(1 for s in report.walk() for b in s.blocks if type(b).__name__ == "Chart")
    assert content.count("<text:note ") == len(report.footnotes)
    assert f'text:bookmark text:name="src-{len(report.sources)}"' in content
    assert 'xlink:href="#src-1"' in content  # a figure refers to its appendix entry
    assert "<svg:desc>" in content  # every chart has its text alternative


@pytest.mark.skipif(shutil.which("soffice") is None and os.environ.get("CI", "").lower() != "true",
                    reason="LibreOffice is not installed (CI installs it)")
def test_libreoffice_converts_the_odt(demo, tmp_path):
    source = tmp_path / "report.odt"
    source.write_bytes(demo.files[("nl", "odt")])
    profile = tmp_path / "profile"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180, check=False)
    converted = tmp_path / "report.pdf"
    assert result.returncode == 0 and converted.exists(), result.stderr
    text = pdf_text(converted.read_bytes())
    assert "€ 45,9 miljoen" in text and "Kamerstuk 27 925, nr. 943" in text


# --- DOCX ---------------------------------------------------------------------------------------
def test_the_docx_has_headings_real_footnotes_alt_texts_and_a_source_appendix(demo):
    data = demo.files[("nl", "docx")]
    document = Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    report = demo.reports["nl"]
    assert report.labels["sources"] in headings
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        footnotes = docx.read("word/footnotes.xml").decode()
        body = docx.read("word/document.xml").decode()
    assert footnotes.count("<w:footnote ") == len(report.footnotes) + 2  # and the two separators
    assert body.count("<w:footnoteReference ") == len(report.footnotes)
    assert 'w:anchor="src_1"' in body and 'w:name="src_1"' in body
    alts = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', body)
    assert alts and all(alts)


# --- PDF ----------------------------------------------------------------------------------------
def test_the_pdf_is_pdf_a_with_embedded_fonts_and_a_text_layer(demo):
    data = demo.files[("nl", "pdf")]
    reader = PdfReader(io.BytesIO(data))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part(?:="|>)3', xmp) and re.search(r'pdfaid:conformance(?:="|>)B', xmp)
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    fonts = []
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fonts.append(descendant["/FontDescriptor"].get_object())
    assert fonts and all({"/FontFile", "/FontFile2", "/FontFile3"} & set(d) for d in fonts)
    assert "Liberation" in " ".join(str(d["/FontName"]) for d in fonts)
    text = pdf_text(data)
    assert "circa 1.300" in text and "€ 45,9 miljoen" in text


# --- HTML ---------------------------------------------------------------------------------------
class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_html_is_self_contained_and_accessible(demo):
    html = demo.files[("nl", "html")].decode()
    page = Page()
    page.feed(html)
    tags = page.tags
    assert tags[0] == ("html", {"lang": "nl"})
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//|url\((?!["']?data:)|<link |<script""", html)
    levels = [int(tag[1]) for tag, _ in tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # no skipped level
    images = [attrs for tag, attrs in tags if tag == "img"]
    assert images and all(attrs.get("alt") and attrs["src"].startswith("data:image/svg+xml") for attrs in images)
    assert all(attrs.get("aria-describedby") for attrs in images)
    headers = [attrs for tag, attrs in tags if tag == "th"]
    assert headers and all(attrs.get("scope") in {"col", "row"} for attrs in headers)
    assert html.count("<table>") == html.count("<caption>")
    ids = {attrs["id"] for _tag, attrs in tags if "id" in attrs}
    targets = {attrs["href"][1:] for tag, attrs in tags if tag == "a" and attrs.get("href", "").startswith("#")}
    assert targets <= ids  # every figure's link reaches its source entry, every note its footnote
    facts = [attrs for tag, attrs in tags if tag == "a" and attrs.get("class") == "fact"]
    assert len(facts) > 50 and all(attrs.get("title") for attrs in facts)
    for colour in set(re.findall(r"(?<![-\w])color: (#[0-9a-fA-F]{6})", html)):
        contrast = 1.05 / (luminance(colour) + 0.05)  # on the white background
        assert contrast >= 4.5, colour


def test_the_markdown_defines_every_footnote_it_refers_to(demo):
    text = demo.files[("nl", "md")].decode()
    refs = set(re.findall(r"\[\^(\d+)\](?!:)", text))
    definitions = set(re.findall(r"^\[\^(\d+)\]:", text, re.M))
    assert refs == definitions and len(refs) == len(demo.reports["nl"].footnotes)


# --- English --------------------------------------------------------------------------------------
def test_the_english_report_renders_in_english_conventions(demo):
    report = demo.reports["en"]
    text = demo.files[("en", "md")].decode()
    html = demo.files[("en", "html")].decode()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert report.title == "Progress report"
    for figure in ("about 1,300", "about 145", "€45.9 million", "€41.4 million", "just under 1,000",
                   "15,000", "7 July 2023", "August 2024"):
        assert figure in text, figure
    for dutch in ("circa ", " miljoen", "Essentie", "Financiën", " juli 2023", "tot en met"):
        assert dutch not in text, dutch
