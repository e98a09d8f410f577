"""The readers: the fictional letter as ODT, DOCX, PDF and text reads to the same facts, and a
file that cannot be read is refused with the reason."""

from __future__ import annotations

import io
import zipfile

import pytest

from missiemonitor.interchange.onboard import OnboardError, onboard_document
from missiemonitor.interchange.onboard.readers import read_document
from missiemonitor.interchange.tests import letter

pytestmark = pytest.mark.engine_independent

BUILDERS = {"odt": letter.odt_bytes, "docx": letter.docx_bytes, "pdf": letter.pdf_bytes,
            "txt": lambda: letter.plain_text().encode()}


@pytest.fixture(scope="module")
def files():
    return {kind: build() for kind, build in BUILDERS.items()}


def _facts(proposals):
    return {
        "missions": sorted((p.fields["acronym"], p.fields["lead"]) for p in proposals.of_kind("mission")),
        "contributions": sorted((p.fields["kind"], p.fields.get("planned_headcount")) for p in proposals.of_kind("contribution")),
        "kamerstukken": sorted((p.fields["dossier"], p.fields["number"], p.fields.get("date")) for p in proposals.of_kind("kamerstuk")),
        "mandates": sorted((p.fields["number"], p.fields["title"]) for p in proposals.of_kind("mandate")),
        "figures": sorted((p.fields["value"], p.fields["unit"], p.fields["period"]) for p in proposals.of_kind("observation")),
        "expenditures": [(p.fields["amount"], p.fields["period"], p.fields["budget_source"]) for p in proposals.of_kind("expenditure")],
        "conditions": [p.fields["text"] for p in proposals.of_kind("condition")],
    }


EXPECTED = {
    "missions": [("UNSMV", "un")],
    "contributions": [("force-protection", 120), ("police", 20), ("staff-officers", 6)],
    "kamerstukken": [("36999", 4, "2025-06-12"), ("36999", 7, "2025-12-03")],
    "mandates": [(4, "Artikel 100-brief over de verkenning van een bijdrage in Valdoria")],
    "figures": [("1650", "patrouilles", "2025"), ("30", "%", "2025"), ("45000", "mensen", "2025-01-01..2026-03-14")],
    "expenditures": [("12500000", "2026", "biv")],
    "conditions": ["Een goedgekeurd opleidingsplan.", "Een landelijk registratiesysteem.",
                   "Een onafhankelijke klachtencommissie."],
}


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_every_format_reads_to_the_same_facts(files, kind):
    proposals = onboard_document(data=files[kind], filename=f"valdoria.{kind}")
    assert _facts(proposals) == EXPECTED


def test_structure_comes_from_the_format(files):
    odt = read_document(files["odt"], filename="v.odt")
    assert odt.blocks[0].kind == "heading" and odt.blocks[0].text == letter.TITLE
    assert odt.footnotes == {"1": letter.FOOTNOTES["1"]}
    cited = next(b for b in odt.blocks if b.notes)
    offset, note = cited.notes[0]
    assert cited.text[:offset].endswith("in de regio") and note == "1"
    pdf = read_document(files["pdf"], filename="v.pdf")
    assert {b.page for b in pdf.blocks} == {1, 2}
    assert pdf.title == letter.TITLE
    docx = read_document(files["docx"], filename="v.docx")
    assert [b.text for b in docx.blocks if b.kind == "heading"][:2] == [letter.TITLE, "Politieke en veiligheidssituatie"]


def _docx_with_footnote() -> bytes:
    """python-docx writes no footnotes: add a footnotes part and a reference by hand."""
    from docx import Document

    document = Document()
    paragraph = document.add_paragraph("Zoals vermeld in de artikel 100-brief over de inzet in Testland")
    paragraph.add_run(".")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:t>.</w:t>", b"</w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r><w:r><w:t>.</w:t>")
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/'
                                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            target.writestr(item, data)
        target.writestr("word/footnotes.xml", (
            f'<w:footnotes xmlns:w="{w}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            f'</w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>Kamerstuk 12 345, nr. 6 – d.d. 7 juli 2023.</w:t></w:r>'
            f'</w:p></w:footnote></w:footnotes>').encode())
    return out.getvalue()


def test_a_docx_footnote_is_read_and_cited():
    document = read_document(_docx_with_footnote(), filename="f.docx")
    assert document.footnotes == {"2": "Kamerstuk 12 345, nr. 6 – d.d. 7 juli 2023."}
    assert document.blocks[0].notes == [(len("Zoals vermeld in de artikel 100-brief over de inzet in Testland"), "2")]
    proposals = onboard_document(data=_docx_with_footnote(), filename="f.docx")
    mandate = proposals.of_kind("mandate")[0]
    assert (mandate.fields["title"], mandate.fields["date"]) == ("Artikel 100-brief over de inzet in Testland", "2023-07-07")


@pytest.mark.parametrize(("data", "reason"), [
    (b"\x00\x01binary\x00", "binary"),
    (b"PK\x03\x04 not really a zip", "damaged"),
    ("tekst in latin-1: café".encode("latin-1"), "not UTF-8"),
    (b"   \n", "empty"),
])
def test_unreadable_files_are_refused_with_the_reason(data, reason):
    with pytest.raises(OnboardError, match=reason) as caught:
        onboard_document(data=data, filename="brief.bin")
    assert str(caught.value).startswith("brief.bin: ")


def test_a_pdf_without_text_is_refused():
    from weasyprint import HTML

    blank = HTML(string="<html><body></body></html>").write_pdf()
    with pytest.raises(OnboardError, match="holds no text"):
        onboard_document(data=blank, filename="scan.pdf")


def test_a_package_that_unpacks_to_too_much_is_refused(monkeypatch):
    from missiemonitor.interchange.onboard import readers

    monkeypatch.setattr(readers, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(OnboardError, match="unpacks to more than"):
        onboard_document(data=letter.docx_bytes(), filename="groot.docx")


def test_external_entities_in_a_docx_are_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM")
    source = zipfile.ZipFile(io.BytesIO(_docx_with_footnote()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/footnotes.xml":
                content = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>'.encode()
                           + content.replace(b"Kamerstuk 12 345", b"&s; Kamerstuk 12 345"))
            target.writestr(item, content)
    document = read_document(out.getvalue(), filename="f.docx")
    assert "GEHEIM" not in document.footnotes.get("2", "")
