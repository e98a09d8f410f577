"""The four journeys of the web application, in headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from missiemonitor.web.tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DASHBOARD = "/?start=2024-05-01&end=2025-04-30"
BOARD = "/doelstellingen/?start=2024-05-01&end=2025-04-30"


def _compliance(page) -> str:
    page.goto(DASHBOARD)
    return page.get_by_test_id("compliance-rate-contribution-alpha").inner_text().strip()


def test_field_report_submitted_returned_resubmitted_approved_changes_compliance(browser_page):
    build_world()
    bp, page = browser_page, browser_page.page
    bp.sign_in("reporter")
    before = _compliance(page)
    page.goto("/bijdragen/contribution-alpha/")
    page.get_by_role("link", name="Nieuwe veldrapportage").click()
    page.get_by_label("Begin periode").fill("2024-07-01")
    page.get_by_label("Einde periode").fill("2024-07-31")
    page.get_by_label("Samenvatting").fill("Rustige maand, twee adviesgesprekken")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_test_id("fieldreport-status").inner_text().strip() == "concept"
    report_url = page.url
    page.get_by_role("button", name="Indienen ter toetsing").click()
    assert page.get_by_test_id("fieldreport-status").inner_text().strip() == "ingediend"
    bp.sign_out()

    bp.sign_in("reviewer")
    page.goto("/monitoring/veldrapportages/")
    page.get_by_test_id("inbox-submitted").get_by_role("link", name=re.compile("juli 2024")).click()
    page.get_by_role("button", name="Terugsturen met toelichting").click()  # without a comment
    assert page.get_by_test_id("form-errors").is_visible()
    page.get_by_label("Toelichting").fill("Noem ook het aantal patrouilles.")
    page.get_by_role("button", name="Terugsturen met toelichting").click()
    assert page.get_by_test_id("fieldreport-status").inner_text().strip() == "teruggestuurd"
    bp.sign_out()

    bp.sign_in("reporter")
    page.goto(report_url)
    assert "Noem ook het aantal patrouilles." in page.get_by_test_id("review-comment").inner_text()
    page.get_by_role("link", name="Bewerken").click()
    page.get_by_label("Samenvatting").fill("Rustige maand, twee adviesgesprekken en vier patrouilles")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("button", name="Indienen ter toetsing").click()
    assert page.get_by_test_id("fieldreport-status").inner_text().strip() == "ingediend"
    bp.sign_out()

    bp.sign_in("reviewer")
    page.goto(report_url)
    page.get_by_role("button", name="Goedkeuren").click()
    assert page.get_by_test_id("fieldreport-status").inner_text().strip() == "goedgekeurd"
    after = _compliance(page)
    assert (before, after) == ("8%", "17%")
    assert not bp.console_errors, bp.console_errors


def test_assessment_with_evidence_approved_changes_progress(browser_page):
    build_world()
    bp, page = browser_page, browser_page.page
    bp.sign_in("coordinator")
    page.goto(BOARD)
    assert page.get_by_test_id("progress-lto").inner_text() == "0%"
    page.get_by_test_id("condition-condition").get_by_role("link", name="Beoordelen").click()
    page.get_by_label("Niveau").select_option("met")
    page.get_by_label("Datum van de beoordeling").fill("2025-03-01")
    page.get_by_label("Onderbouwing", exact=True).fill("Het hervormingsplan is door de minister vastgesteld.")
    page.get_by_label("Onderbouwend stuk", exact=True).select_option("finding:finding")
    page.get_by_role("button", name="Opslaan en indienen ter toetsing").click()
    assert page.get_by_test_id("assessment-state").inner_text().strip() == "ingediend"
    assert "Overdracht tussen rotaties" in page.content()
    assessment_url = page.url
    bp.sign_out()

    bp.sign_in("reviewer")
    page.goto(assessment_url)
    page.get_by_role("button", name="Goedkeuren").click()
    assert page.get_by_test_id("assessment-state").inner_text().strip() == "goedgekeurd"
    page.goto(BOARD)
    assert page.get_by_test_id("progress-lto").inner_text() == "50%"
    assert not bp.console_errors, bp.console_errors


def test_report_generated_from_the_builder_and_downloaded(browser_page, tmp_path, settings):
    settings.REPORT_OUTPUT_DIR = tmp_path / "reports"
    build_world()
    bp, page = browser_page, browser_page.page
    bp.sign_in("coordinator")
    page.goto("/rapportage/")
    page.get_by_label("Periode van").fill("2024-05-01")
    page.get_by_label("Periode tot en met").fill("2025-04-30")
    page.get_by_label("ODT").check()
    page.get_by_label("PDF/A").check()
    page.get_by_role("button", name="Bestanden maken").click()
    files = page.get_by_test_id("report-files")
    for suffix, magic in ((".odt", b"PK"), (".pdf", b"%PDF")):
        with page.expect_download() as download_info:
            files.get_by_role("link", name=re.compile(re.escape(suffix) + "$")).click()
        download = download_info.value
        path = Path(download.path())
        assert download.suggested_filename.endswith(suffix)
        assert path.read_bytes()[:4].startswith(magic), suffix
    assert not bp.console_errors, bp.console_errors


def test_bad_activity_log_shows_line_numbered_errors_and_writes_nothing(browser_page, tmp_path):
    from missiemonitor.results.models import LogEntry

    build_world()
    bad = tmp_path / "vluchten.csv"
    bad.write_text(
        "contribution,date,aircraft,hours,tasking\n"
        "contribution-alpha,2024-06-01,H-1,2.5,a\n"
        "contribution-alpha,2024-13-01,H-1,2.5,a\n"
        "onbekend,2024-06-02,H-2,-1,a\n"
    )
    bp, page = browser_page, browser_page.page
    bp.sign_in("coordinator")
    page.goto("/gegevens/")
    page.get_by_label("Soort log").select_option("flight")
    page.get_by_label("Naam importpartij").fill("vluchten-juni")
    page.get_by_label("Activiteitenlog (CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Controleren en importeren").click()
    issues = page.get_by_test_id("upload-issues")
    assert issues.is_visible()
    lines = [cell.strip() for cell in issues.locator("tbody tr td:first-child").all_inner_texts()]
    assert "3" in lines and "4" in lines
    assert "Er is niets opgeslagen" in issues.inner_text() or "Nothing was written" in issues.inner_text() or "niets" in issues.inner_text()
    assert LogEntry.objects.count() == 0
    bp.check("data-upload-errors")
    assert not bp.console_errors, bp.console_errors


def test_a_new_user_onboards_a_letter_of_another_mission_and_reports_on_it(browser_page, tmp_path, settings):
    """Issue 11: a letter about another mission (the fictional Valdoria letter, as PDF) is read in
    the pages, its proposals reviewed beside their passages, accepted, edited or rejected,
    loaded, and a report of that mission generated: without touching code."""
    from odf.opendocument import load
    from odf.teletype import extractText

    from missiemonitor.accounts.models import Role
    from missiemonitor.context.models import ContextEvent
    from missiemonitor.core.models import Classification
    from missiemonitor.interchange.tests import letter
    from missiemonitor.missions.models import Contribution, Mission
    from missiemonitor.testing.factories import UserFactory

    settings.REPORT_OUTPUT_DIR = tmp_path / "reports"
    build_world()
    # the rating scales a data migration installs; an earlier transactional test flushed them
    import importlib

    from django.apps import apps

    importlib.import_module("missiemonitor.results.migrations.0002_builtin_scales").install(apps, None)
    UserFactory(username="beheerder", role=Role.COORDINATOR, all_missions=True, clearance=Classification.STG_GEHEIM)
    document = tmp_path / "valdoria.pdf"
    document.write_bytes(letter.pdf_bytes())
    bp, page = browser_page, browser_page.page
    bp.sign_in("beheerder")
    page.goto("/gegevens/")
    section = page.get_by_test_id("onboard-section")
    section.get_by_label("Document (ODT, DOCX, PDF of tekst)").set_input_files(str(document))
    with page.expect_navigation():
        section.get_by_role("button", name="Lezen en voorstellen").click()
    assert "Pagina 2, alinea" in page.content()  # each proposal beside its passage
    assert not Mission.objects.filter(key="unsmv").exists()  # nothing written yet
    mission = page.locator("article[data-kind=mission]")
    assert "United Nations Stabilisation Mission in Valdoria (UNSMV)" in mission.inner_text()
    mission.locator("input[name$='-area']").fill("Valdoria (fictief)")
    for event in page.locator("article[data-kind=event]").all():
        event.get_by_label("Afwijzen").check()
    with page.expect_navigation():  # the review page posts to itself: wait for the answer
        page.get_by_role("button", name="Alle onbesliste accepteren").click()
    assert "Nog niet besloten: 0." in page.get_by_test_id("onboard-counts").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Geaccepteerde laden").click()
    page.get_by_test_id("onboard-loaded").wait_for()
    assert Mission.objects.get(key="unsmv").area == "Valdoria (fictief)"
    assert Contribution.objects.filter(mission__key="unsmv").count() == 3
    assert not ContextEvent.objects.filter(title__startswith="Verkiezingen zijn voorzien").exists()

    page.get_by_test_id("onboard-report-link").click()
    assert page.get_by_label("UNSMV", exact=True).is_checked()
    page.get_by_label("Periode van").fill("2026-01-01")
    page.get_by_label("Periode tot en met").fill("2026-12-31")
    page.get_by_label("ODT").check()
    page.get_by_role("button", name="Bestanden maken").click()
    files = page.get_by_test_id("report-files")
    with page.expect_download() as download_info:
        files.get_by_role("link", name=re.compile(r"\.odt$")).click()
    text = extractText(load(download_info.value.path()).text)
    assert "UNSMV" in text and "Stafofficieren" in text


def test_a_new_user_sets_up_an_authenticator_app_and_signs_in_with_it(browser_page):
    """Issue 9: cleared Stg. Confidentieel, so two-factor sign-in is required. The password
    leads to the set-up page; the code is computed from the key the page shows, as an
    authenticator app would; after signing out, the password and a code sign in."""
    from missiemonitor.accounts.models import Role
    from missiemonitor.core.models import Classification
    from missiemonitor.testing.factories import UserFactory
    from missiemonitor.testing.otp import code_from_secret
    from missiemonitor.web.tests.world import PASSWORD

    build_world()
    UserFactory(username="nieuw", role=Role.ANALYST, clearance=Classification.STG_CONFIDENTIEEL,
                password=PASSWORD)
    bp, page = browser_page, browser_page.page
    bp.sign_in("nieuw", app=False)
    assert page.url.endswith("/mijn-account/tweestapsverificatie/")
    assert page.get_by_test_id("setup-required").is_visible()
    assert page.get_by_role("img", name="QR-code om Missiemonitor aan uw authenticator-app toe te voegen").is_visible()
    page.goto("/missies/")  # nothing else until the app is set up
    assert page.url.endswith("/mijn-account/tweestapsverificatie/")
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.locator("input[name=code]").fill(code_from_secret(secret))
    page.get_by_role("button", name="Bevestigen").click()
    assert page.get_by_test_id("two-factor-on").is_visible()
    assert page.get_by_test_id("backup-codes").locator("li").count() == 10
    page.get_by_role("link", name="Ik heb ze bewaard: verder").click()
    assert page.get_by_role("heading", level=1).count() == 1 and "/inloggen/" not in page.url
    bp.sign_out()

    bp.sign_in("nieuw", app=False)
    assert page.url.endswith("/inloggen/code/")
    # the code of the next time step: the app's current one was taken by the set-up
    page.locator("input[name=code]").fill(code_from_secret(secret, offset_steps=1))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith(page.url.split("/", 3)[2])  # the dashboard, "/"
    page.goto("/mijn-account/")
    assert "aan" in page.get_by_test_id("two-factor-status").inner_text()
    assert not bp.console_errors, bp.console_errors
