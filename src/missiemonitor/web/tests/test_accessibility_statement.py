"""The accessibility statement follows the Dutch model statement (modelverklaring
toegankelijkheid): status, standard, how it was checked, known limitations, contact,
where to turn next, and dates; in Dutch and in English, without signing in."""

from __future__ import annotations

import re

from django.conf import settings


def _text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_statement_in_dutch(client, db):
    response = client.get("/toegankelijkheid/")
    assert response.status_code == 200
    text = _text(response)
    for part in ("Toegankelijkheidsverklaring", "voldoet gedeeltelijk aan de toegankelijkheidseisen",
                 "WCAG) 2.1 op niveau AA", "EN 301 549", "axe-core", "Bekende beperkingen",
                 "functioneel beheerder", "Nationale ombudsman",
                 "Deze verklaring is opgesteld op 28 november 2026 en het laatst herzien op 4 december 2026"):
        assert part in text, part


def test_the_statement_in_english(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = _text(client.get("/toegankelijkheid/"))
    for part in ("Accessibility statement", "partially complies with the accessibility requirements",
                 "WCAG) 2.1 at level AA", "EN 301 549", "axe-core", "Known limitations",
                 "functional administrator", "National Ombudsman",
                 "This statement was drawn up on 28 November 2026 and last reviewed on 4 December 2026"):
        assert part in text, part
