"""A second government letter, clearly fictional: an artikel 100-brief about a Dutch
contribution to a UN mission in a country that does not exist. The tests build it as ODT
(odfpy), DOCX (python-docx), PDF (WeasyPrint) and plain text from this one definition, to show
that the readers work and that a mission other than the bundled one onboards.

Each part is (kind, text); "[1]" in a text marks footnote 1 of FOOTNOTES.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

TITLE = "Artikel 100-brief over de Nederlandse bijdrage aan de VN-missie in Valdoria"
FOOTNOTES = {"1": "Kamerstuk 36 999, nr. 7 – d.d. 3 december 2025."}
PARTS: list[tuple[str, str]] = [
    ("heading", TITLE),
    ("paragraph", "FICTIEF VOORBEELD. Deze brief is verzonnen voor de tests van Missiemonitor: Valdoria, de "
                  "missie, de Kamerstukken en alle cijfers bestaan niet."),
    ("paragraph", "Datum 14 maart 2026"),
    ("paragraph", "Met deze brief informeert het kabinet uw Kamer, conform artikel 100 van de Grondwet, over het "
                  "besluit om van 1 april 2026 tot en met 31 maart 2027 bij te dragen aan de United Nations "
                  "Stabilisation Mission in Valdoria (UNSMV). Deze brief bouwt voort op de artikel 100-brief over "
                  "de verkenning van een bijdrage in Valdoria (Kamerstukken II 2024/25, 36999-4, van 12 juni 2025) "
                  "en op de brief over de situatie in de regio[1]."),
    ("heading", "Politieke en veiligheidssituatie"),
    ("paragraph", "Sinds medio 2024 is de veiligheidssituatie in het noorden van Valdoria verslechterd. De regering "
                  "en de oppositie sloten eind oktober 2025 een staakt-het-vuren. Op 2 februari 2026 werd een "
                  "konvooi van de VN aangevallen, waarbij drie vredeshandhavers gewond raakten. Verkiezingen zijn "
                  "voorzien voor medio 2027."),
    ("paragraph", "Volgens de VN zijn sinds januari 2025 circa 45.000 mensen ontheemd geraakt. In 2025 voerden de "
                  "eenheden van UNSMV ruim 1.650 patrouilles uit, waarvan ruim 30 procent in het noorden."),
    ("heading", "Doelstellingen"),
    ("paragraph", "De doelstelling van UNSMV is het beschermen van burgers en het ondersteunen van de hervorming "
                  "van de veiligheidssector. Het kabinet beoogt met deze bijdrage de stabiliteit in de regio te "
                  "vergroten."),
    ("paragraph", "UNSMV heeft met de autoriteiten van Valdoria 12 lange termijndoelstellingen vastgesteld, "
                  "waarvan de voortgang wordt gemeten aan vastgestelde voorwaarden. Voor LTO 3, gericht op een "
                  "professionele nationale politie, gelden de volgende voorwaarden: (a) een goedgekeurd "
                  "opleidingsplan, (b) een landelijk registratiesysteem en (c) een onafhankelijke "
                  "klachtencommissie."),
    ("heading", "Voortgang UNSMV"),
    ("paragraph", "Het hoofdkwartier van de missie is gevestigd in de hoofdstad."),
    ("heading", "Stafofficieren"),
    ("paragraph", "Nederland levert vanaf april 2026 zes stafofficieren aan het hoofdkwartier van UNSMV."),
    ("heading", "Force protection"),
    ("paragraph", "Een Nederlandse eenheid van circa 120 militairen beveiligt vanaf mei 2026 het kamp van de "
                  "missie in het noorden."),
    ("heading", "Politie"),
    ("paragraph", "Daarnaast draagt Nederland met ruim 20 politiefunctionarissen bij aan de politiecomponent van "
                  "de missie."),
    ("heading", "Financiën"),
    ("paragraph", "De geraamde kosten van de Nederlandse bijdrage bedragen in 2026 € 12,5 miljoen voor UNSMV, te "
                  "financieren uit het Budget Internationale Veiligheid."),
    ("paragraph", "De minister van Buitenlandse Zaken, De minister van Defensie,"),
]


def plain_text() -> str:
    """The letter as a PDF-to-text tool would give it: footnote numbers glued to the word,
    the footnotes at the bottom after a blank line."""
    lines = []
    for kind, text in PARTS:
        text = re.sub(r"\[(\d+)\]", r"\1", text)
        lines.append(text if kind == "heading" else wrap(text))
        if kind != "heading":
            lines.append("")
    lines.append("")
    lines.extend(f"{number} {note}" for number, note in FOOTNOTES.items())
    return "\n".join(lines) + "\n"


def odt_bytes() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, Note, NoteBody, NoteCitation, P

    document = OpenDocumentText()
    for kind, text in PARTS:
        element = H(outlinelevel=1 if text == TITLE else 2) if kind == "heading" else P()
        for piece in re.split(r"(\[\d+\])", text):
            marker = re.fullmatch(r"\[(\d+)\]", piece)
            if marker:
                note = Note(id=f"ftn{marker[1]}", noteclass="footnote")
                note.addElement(NoteCitation(text=marker[1]))
                body = NoteBody()
                body.addElement(P(text=FOOTNOTES[marker[1]]))
                note.addElement(body)
                element.addElement(note)
            elif piece:
                element.addText(piece)
        document.text.addElement(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    """The letter as DOCX; python-docx writes no footnotes, so the reference is inline."""
    from docx import Document

    document = Document()
    document.core_properties.title = TITLE
    for kind, text in PARTS:
        text = re.sub(r"\[(\d+)\]", lambda m: f" ({FOOTNOTES[m[1]].rstrip('.')})", text)
        if kind == "heading":
            document.add_heading(text, level=1 if text == TITLE else 2)
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    from weasyprint import HTML

    body = []
    for kind, text in PARTS:
        escaped = html.escape(text)
        escaped = re.sub(r"\[(\d+)\]", lambda m: f'<span class="fn">{html.escape(FOOTNOTES[m[1]])}</span>', escaped)
        tag = ("h1" if text == TITLE else "h2") if kind == "heading" else "p"
        body.append(f"<{tag}>{escaped}</{tag}>")
    style = ("@page { size: A4; margin: 2.5cm } body { font-family: sans-serif; font-size: 11pt } "
             ".fn { float: footnote } ::footnote-call { content: counter(footnote); vertical-align: super; "
             "font-size: 70% } ::footnote-marker { content: counter(footnote) ' ' }")
    document = (f"<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>{html.escape(TITLE)}</title>"
                f"<style>{style}</style></head><body>{''.join(body)}</body></html>")
    return HTML(string=document).write_pdf()


def write_all(directory: Path) -> dict[str, Path]:
    paths = {"txt": directory / "valdoria.txt", "odt": directory / "valdoria.odt",
             "docx": directory / "valdoria.docx", "pdf": directory / "valdoria.pdf"}
    paths["txt"].write_text(plain_text(), encoding="utf-8")
    paths["odt"].write_bytes(odt_bytes())
    paths["docx"].write_bytes(docx_bytes())
    paths["pdf"].write_bytes(pdf_bytes())
    return paths


def wrap(text: str, width: int = 95) -> str:
    """A paragraph as a PDF-to-text tool gives it: lines broken near the margin."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])
