"""The rules per kind of fact, on small texts in Dutch and English."""

from __future__ import annotations

import pytest

from missiemonitor.interchange.onboard import onboard_document

pytestmark = pytest.mark.engine_independent

WIDE = "Dit is een lange regel tekst die tot aan de kantlijn doorloopt zoals in een brief aan de Kamer."


def onboard(text: str, name: str = "brief.txt"):
    return onboard_document(data=text.encode(), filename=name)


def fields(proposals, kind):
    return [p.fields for p in proposals.of_kind(kind)]


NL_LETTER = f"""Voortgangsrapportage over de bijdrage aan de missie in Testland van mei 2024 tot en met april 2025

De Nederlandse inzet zag er over deze rapportageperiode als volgt uit:
• Militaire en civiele bijdrage aan de NAVO Missie Testland (NMT);
• Civiele bijdrage aan de Europese Unie Adviesmissie (EUAT) Testland.

Voortgang NAVO Missie Testland
{WIDE}
De doelstelling van NMT is tweeledig: (1) de veiligheidssector versterken en (2) de ministeries adviseren.

Force protection
Sinds januari 2024 draagt een Nederlandse eenheid van circa honderdvijftig militairen zorg voor de beveiliging.
Sinds het begin van de rapportageperiode voerde de eenheid circa 3000 verplaatsingen uit.
Wel raakte in december 2024 een Nederlandse militair gewond tijdens een oefening.

Stafofficieren
Zo werd één stafofficier ingezet in de hoofdstad en werden twee militairen ingezet op het hoofdkwartier.

Voortgang EUAT
Nederland leverde gedurende de rapportageperiode vier politiefunctionarissen aan EUAT, waaronder het hoofd.

Milities
Op 30 juli 2024 voerden milities een aanval uit waarbij vier burgers omkwamen.
De milities kondigden in februari 2024 een bestand aan.

Financiën
De uitgaven bedroegen in 2024 € 45,9 miljoen, waarvan € 4,5 miljoen voor EUAT en € 41,4 miljoen voor NMT.
Dit betreft uitgaven die worden gefinancierd uit het Budget Internationale Veiligheid.
"""


def test_missions_from_the_list_of_contributions():
    proposals = onboard(NL_LETTER)
    assert sorted((f["acronym"], f["name"], f["lead"], f["kind"], f["area"]) for f in fields(proposals, "mission")) == [
        ("EUAT", "Europese Unie Adviesmissie", "eu", "civil", "Testland"),
        ("NMT", "NAVO Missie Testland", "nato", "mixed", "Testland"),
    ]
    assert proposals.reporting_period == "2024-05-01..2025-04-30"


def test_contributions_from_sections_and_from_sentences_with_their_sizes():
    proposals = onboard(NL_LETTER)
    found = sorted((f["mission"], f["kind"], f.get("actual_headcount"), f.get("headcount_approximately", False),
                    f.get("start")) for f in fields(proposals, "contribution"))
    assert found == [
        ("euat", "police", 4, False, None),
        ("nmt", "force-protection", 150, True, "2024-01"),
        ("nmt", "staff-officers", None, False, None),  # two groups of people counted: posts, not a size
    ]
    assert all("ministry" in p.assumed for p in proposals.of_kind("contribution"))


def test_dated_figures_and_expenditure_for_a_named_mission_only():
    proposals = onboard(NL_LETTER)
    observations = [(f["value"], f["unit"], f["period"], f["approximately"]) for f in fields(proposals, "observation")]
    assert observations == [("3000", "verplaatsingen", "2024-05-01..2025-04-30", True)]
    spending = sorted((f["mission"], f["amount"], f["period"], f["budget_source"]) for f in fields(proposals, "expenditure"))
    assert spending == [("euat", "4500000", "2024", "biv"), ("nmt", "41400000", "2024", "biv")]  # no total


def test_events_incidents_and_event_figures():
    proposals = onboard(NL_LETTER)
    events = {f["start"]: f for f in fields(proposals, "event")}
    assert events["2024-07-30"]["category"] == "militias"
    assert events["2024-02"]["title"] == "De milities kondigden in februari 2024 een bestand aan"
    figures = fields(proposals, "event-figure")
    assert [(f["value"], f["unit"]) for f in figures] == [("4", "burgers")]
    incident = fields(proposals, "incident")[0]
    assert (incident["date"], incident["incident_type"], incident["casualties"], incident["contribution"]) == (
        "2024-12", "injury", 1, "nmt-force-protection")


def test_objectives_of_a_mission():
    proposals = onboard(NL_LETTER)
    assert [(f["mission"], f["code"], f["title"]) for f in fields(proposals, "objective")] == [
        ("nmt", "1", "De veiligheidssector versterken."), ("nmt", "2", "De ministeries adviseren.")]


def test_a_mandate_is_a_kamerstuk_cited_as_an_artikel_100_brief():
    text = ("Onder verwijzing naar de aanvullende artikel 100-brief over de verlenging van de bijdrage aan de "
            "missie1 en de\nbrief over de regio2 ontvangt u deze rapportage.\n\n"
            "1 Kamerstuk 12 345, nr. 67 – d.d. 22 november 2024.\n2 Kamerstukken II 2024/25, 12345-70.\n")
    proposals = onboard(text)
    mandate = fields(proposals, "mandate")
    assert mandate == [{"kind": "article-100-supplement", "dossier": "12345", "number": 67, "date": "2024-11-22",
                        "title": "Aanvullende artikel 100-brief over de verlenging van de bijdrage aan de missie",
                        "short_title": "aanvullende artikel 100-brief over de verlenging van de bijdrage aan de missie"}]
    assert sorted((f["number"], f.get("date", "")) for f in fields(proposals, "kamerstuk")) == [(67, "2024-11-22"), (70, "")]


def test_a_figure_cited_from_a_dated_kamerstuk_takes_its_date():
    text = ("Het kabinet steunt de nog 1.1 miljoen intern ontheemden in het land4, onder meer via partners.\n\n"
            "4 Kamerstuk 12 345, nr. 6 – d.d. 7 juli 2023.\n")
    observation = fields(onboard(text), "observation")[0]
    assert (observation["value"], observation["unit"], observation["period"]) == (
        "1100000", "intern ontheemden", "2023-07-07..2023-07-07")


def test_an_english_letter():
    text = f"""Progress report on the Dutch contribution to the missions in Testland from May 2024 to April 2025

The Dutch deployment in this reporting period was:
• Military contribution to the NATO Mission Testland (NMT);

Progress of NMT
{WIDE}
The Netherlands contributed about 120 service members to NMT during the reporting period.
In 2024 the helicopters flew some 1,300 flight hours.
The costs in 2024 were €12.5 million for NMT.
"""
    proposals = onboard(text)
    assert proposals.language == "en"
    mission = fields(proposals, "mission")[0]
    assert (mission["acronym"], mission["lead"], mission["kind"], mission["name_en"]) == (
        "NMT", "nato", "military", "NATO Mission Testland")
    contribution = fields(proposals, "contribution")[0]
    assert (contribution["kind"], contribution["actual_headcount"], contribution["headcount_approximately"]) == (
        "unit", 120, True)
    assert [(f["value"], f["unit"], f["period"]) for f in fields(proposals, "observation")] == [
        ("1300", "flight hours", "2024")]
    assert [(f["amount"], f["period"]) for f in fields(proposals, "expenditure")] == [("12500000", "2024")]


def test_every_proposal_quotes_its_passage():
    proposals = onboard(NL_LETTER)
    for proposal in proposals.items:
        assert proposal.passage.sentence.strip(), proposal
        assert proposal.passage.paragraph >= 1, proposal
        if proposal.kind in {"observation", "contribution", "event", "expenditure", "incident"}:
            assert proposal.passage.sentence in NL_LETTER.replace("\n", " ") or proposal.passage.sentence in NL_LETTER


def test_an_amount_of_the_one_mission_its_sentence_names():
    text = NL_LETTER + "\nDe geraamde kosten van de bijdrage aan EUAT bedragen in 2025 € 3,1 miljoen.\n"
    spending = sorted((f["mission"], f["amount"], f["period"]) for f in fields(onboard(text), "expenditure"))
    assert ("euat", "3100000", "2025") in spending
    total = NL_LETTER + "\nDe totale kosten van NMT bedragen in 2025 € 9 miljoen.\n"
    assert ("nmt", "9000000", "2025") not in [(f["mission"], f["amount"], f["period"])
                                              for f in fields(onboard(total), "expenditure")]
