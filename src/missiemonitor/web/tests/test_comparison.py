"""The dashboard shows each figure beside the same figure for the previous period of the same
length, with the change in words (not colour alone), and "no data" where the data hold none."""

from __future__ import annotations

import re

import pytest

from missiemonitor.testing import two_periods
from missiemonitor.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/?start=2024-05-01&end=2025-04-30"


def cells(html: str, key: str) -> list[str]:
    row = re.search(rf'<tr[^>]*data-testid="comparison-{re.escape(key)}">(.*?)</tr>', html, re.S).group(1)
    found = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", cell).split()) for cell in found]


def test_the_dashboard_compares_with_the_previous_period(client):
    two_periods.build()
    client.force_login(UserFactory(all_missions=True, password=None))
    html = client.get(URL).content.decode()
    assert "Vergeleken met de vorige periode" in html
    assert "1 mei 2023 tot en met 30 april 2024" in html
    assert cells(html, "personnel:vm") == ["Uitgezonden personen bij VM op de laatste dag", "100", "80",
                                           "toename: 25%"]
    assert cells(html, "personnel:vm2") == ["Uitgezonden personen bij VM2 op de laatste dag", "circa 10",
                                            "geen gegevens", "–"]
    assert cells(html, "spending:vm") == ["Uitgaven voor VM", "€ 12 miljoen", "€ 10 miljoen", "toename: 20%"]
    assert cells(html, "incidents:minor") == ["Incidenten (licht)", "1", "2", "afname: 50%"]
    assert cells(html, "incidents:serious") == ["Incidenten (ernstig)", "1", "0", "toename: 1"]
    assert cells(html, "compliance:all") == ["Veldrapportages op tijd ontvangen", "100%", "25%",
                                             "toename: 75 procentpunt"]
    assert cells(html, "objective-progress:vm-lto-1") == ["Voortgang op LTO 1", "100%", "33%",
                                                          "toename: 66,7 procentpunt"]
    assert cells(html, "flight-hours:vm-hours-new") == ["Vlieguren nieuw", "40", "geen gegevens", "–"]


def test_in_english_too(client):
    two_periods.build()
    client.force_login(UserFactory(all_missions=True, password=None))
    client.post("/taal/", {"language": "en", "next": "/"})
    html = client.get(URL).content.decode()
    assert "Compared with the previous period" in html
    assert cells(html, "compliance:all") == ["Field reports received on time", "100%", "25%",
                                             "increase: 75 percentage points"]
    assert cells(html, "personnel:vm2")[2] == "no data"
