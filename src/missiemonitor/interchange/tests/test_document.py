"""Recovering headings, paragraphs, list items and footnotes from plain text."""

from __future__ import annotations

import pytest

from missiemonitor.interchange.onboard.document import layout_text
from missiemonitor.interchange.tests.letter import wrap

pytestmark = pytest.mark.engine_independent

WIDE = "x" * 90  # a full line, so that the text has a margin to measure against


BODY = wrap("Ook in de afgelopen rapportageperiode droeg Nederland met een bilaterale bijdrage bij aan de "
            "hervorming van het ministerie. Het proces beoogt de gewapende vleugels van de partijen onder te "
            "brengen in het ministerie en daarmee partijpolitieke controle sterk te reduceren.")


def blocks(text: str, **kwargs):
    document = layout_text(text, filename="t.txt", **kwargs)
    return document, [(b.kind, b.text) for b in document.blocks]


def test_a_short_line_before_a_paragraph_is_a_heading():
    _d, found = blocks(f"Force protection\nSinds januari 2024 draagt een eenheid zorg voor de beveiliging {WIDE}\n"
                       "van de adviseurs.\n")
    assert found[0] == ("heading", "Force protection")
    assert found[1][0] == "paragraph"


def test_a_numbered_heading_and_a_heading_of_two_lines():
    text = (f"{BODY}\n\nVoortgang bilaterale militaire bijdrage aan de hervorming van het ministerie in de regio (MIN\n"
            f"Reform)\n{BODY}\n\n2. Militaire adviseurs\nNederland leverde twee adviseurs.\n")
    _d, found = blocks(text)
    assert found[1] == ("heading", "Voortgang bilaterale militaire bijdrage aan de hervorming van het "
                                   "ministerie in de regio (MIN Reform)")
    assert ("heading", "2. Militaire adviseurs") in found


def test_footnotes_are_taken_out_and_cited_where_their_number_is_glued():
    text = (f"De brief over de inzet in Testland1 en de brief over de verlenging2 ontvangt u hierbij {WIDE}\n"
            "met de rapportage.\n\n"
            "1 Kamerstuk 12 345, nr. 6 – d.d. 7 juli 2023.\n2 Kamerstuk 12 345, nr. 9 – d.d. 1 mei 2024.\n")
    document, _found = blocks(text)
    assert document.footnotes == {"1": "Kamerstuk 12 345, nr. 6 – d.d. 7 juli 2023.",
                                  "2": "Kamerstuk 12 345, nr. 9 – d.d. 1 mei 2024."}
    paragraph = document.blocks[0]
    assert "Testland en" in paragraph.text and "Kamerstuk" not in paragraph.text
    assert [(paragraph.text[:offset].split()[-1], note) for offset, note in paragraph.notes] == [
        ("Testland", "1"), ("verlenging", "2")]


def test_a_sentence_cut_by_a_page_break_and_its_footnotes_is_joined_again():
    text = (f"Samenwerking blijft van belang vanwege het bevorderen van de {WIDE}\n\n"
            "1 Kamerstuk 12 345, nr. 6 – d.d. 7 juli 2023.\n\n2\n\n"
            " internationale rechtsorde. Andere landen staan klaar.\n")
    _document, found = blocks(text)
    assert [kind for kind, _t in found] == ["paragraph"]
    assert "van de " + WIDE + " internationale rechtsorde." in found[0][1]


def test_a_wrapped_date_is_no_footnote_and_page_numbers_go():
    text = f"{BODY}\n\nDit geldt voor het conflict sinds {WIDE}\n7 oktober 2023, de val van het regime.\n\n3\n"
    _d, found = blocks(text)
    assert found[1] == ("paragraph", f"Dit geldt voor het conflict sinds {WIDE} 7 oktober 2023, de val van het regime.")
    assert len(found) == 2


def test_list_items_and_a_lead_in():
    text = ("De inzet zag er over deze rapportageperiode als volgt uit:\n"
            "\uf0b7 Militaire bijdrage aan de missie (MA);\n• Civiele bijdrage aan de missie (MB).\n")
    _d, found = blocks(text)
    assert found == [("paragraph", "De inzet zag er over deze rapportageperiode als volgt uit:"),
                     ("item", "Militaire bijdrage aan de missie (MA);"),
                     ("item", "Civiele bijdrage aan de missie (MB).")]


def test_pages_of_a_pdf_give_page_numbers_and_bottom_footnotes_with_a_period():
    text = (f"Eerste pagina met een verwijzing1 {WIDE}\nen nog meer tekst.\n\n1. Kamerstuk 1 234, nr. 5.\n"
            f"\fTweede pagina.\n2. Militaire adviseurs\nNederland leverde twee adviseurs.\n")
    document, found = blocks(text, paged=True)
    assert document.footnotes == {"1": "Kamerstuk 1 234, nr. 5."}
    assert [b.page for b in document.blocks] == [1, 2, 2, 2]
    assert ("heading", "2. Militaire adviseurs") in found
