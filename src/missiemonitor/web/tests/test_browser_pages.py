"""Every page in headless Chromium: a screenshot under test-artifacts/screenshots/, zero
axe-core WCAG 2.1 A/AA violations, no console errors (a CSP violation is one), and the
classification banner at top and bottom."""

from __future__ import annotations

import pytest

from missiemonitor.web.tests.conftest import violations_text
from missiemonitor.web.tests.world import build_world

# What axe checks is the HTML and CSS as the browser renders them, which are the same on either
# engine; that every page answers on PostgreSQL is checked by test_pages and the authorisation
# matrix, which run in both passes. So the PostgreSQL pass leaves this sweep out.
pytestmark = [pytest.mark.browser, pytest.mark.engine_independent,
              pytest.mark.django_db(transaction=True)]

PAGES = [
    ("dashboard", "/?start=2024-05-01&end=2025-04-30"),
    ("missions", "/missies/"),
    ("mission", "/missies/mission-alpha/"),
    ("mission-history", "/geschiedenis/missions.mission/mission-alpha/?terug=/missies/mission-alpha/"),
    ("contribution", "/bijdragen/contribution-alpha/"),
    ("objectives", "/doelstellingen/"),
    ("objective", "/doelstellingen/lto/?start=2024-05-01&end=2025-04-30"),
    ("assessment-form", "/voorwaarden/condition/beoordeling/"),
    ("assessment", "/beoordelingen/assessment/"),
    ("monitoring", "/monitoring/?start=2024-05-01&end=2025-04-30"),
    ("visit", "/monitoring/bezoeken/visit/"),
    ("fieldreport-inbox", "/monitoring/veldrapportages/"),
    ("fieldreport", "/monitoring/veldrapportages/fieldreport-may/"),
    ("fieldreport-form", "/monitoring/veldrapportages/nieuw/"),
    ("action-form", "/monitoring/acties/action-overdue/bewerken/"),
    ("context", "/context/"),
    ("finance", "/financien/"),
    ("report-builder", "/rapportage/"),
    ("posting-form", "/plaatsingen/posting-a/bewerken/"),
    ("report-texts", "/rapportage/tekst/?start=2024-05-01&end=2025-04-30&audience=public&language=nl"),
    ("data", "/gegevens/"),
    ("search", "/zoeken/?q=overdracht"),
    ("accessibility", "/toegankelijkheid/"),
    ("event-form", "/context/gebeurtenissen/nieuw/"),
    ("expenditure-form", "/financien/uitgaven/nieuw/"),
    ("mission-form", "/missies/mission-alpha/bewerken/"),
    ("mission-delete", "/missies/mission-alpha/verwijderen/"),
    ("mandate", "/mandaten/mandate-alpha/"),
    ("event-form-figures", "/context/gebeurtenissen/event-political/bewerken/"),
    ("frameworks", "/kaders/"),
    ("programmes", "/programmas/"),
    ("condition-form", "/doelstellingen/lto/voorwaarde/"),
    ("indicator", "/indicatoren/indicator-advice/"),
    ("indicator-form", "/indicatoren/indicator-advice/bewerken/"),
    ("signatories", "/rapportage/ondertekening/"),
    ("reference", "/referentie/"),
    ("sources", "/referentie/bronnen/"),
    ("rating-scale-form", "/referentie/beoordelingsschalen/scale-test/bewerken/"),
]
ADMIN_PAGES = [
    ("users", "/gebruikers/"),
    ("user-new", "/gebruikers/nieuw/"),
    ("user-edit", "/gebruikers/reporter/"),
]
PREVIEW = "/rapportage/voorbeeld/?start=2024-05-01&end=2025-04-30&audience=public&language=nl"


def test_every_page_is_accessible_and_screenshotted(browser_page, tmp_path):
    build_world()
    bp = browser_page
    page = bp.page
    page.goto("/")
    assert "/inloggen/" in page.url
    problems = {}
    violations = bp.check("sign-in")
    if violations:
        problems["sign-in"] = violations
    bp.sign_in("coordinator")
    for name, url in PAGES:
        page.goto(url)
        if name != "report-preview":  # the report file itself, which carries its own marking
            assert page.locator("[data-testid=classification-top]").is_visible(), name
            assert page.locator("[data-testid=classification-bottom]").count() == 1, name
        violations = bp.check(name)
        if violations:
            problems[name] = violations
    # The report preview runs in a CSP sandbox without scripts, where axe cannot run: check the
    # same HTML as loaded into a blank page instead.
    preview = page.request.get(PREVIEW)
    assert preview.ok and "sandbox" in preview.headers["content-security-policy"]
    assert not bp.console_errors, bp.console_errors  # the pages of the application
    page.goto("about:blank")  # no policy of the application applies here
    page.set_content(preview.text())
    violations = bp.check("report-preview")
    if violations:
        problems["report-preview"] = violations
    bp.console_errors.clear()
    page.goto("/missies/")
    bp.sign_out()
    from missiemonitor.accounts.models import Role
    from missiemonitor.core.models import Classification
    from missiemonitor.testing.factories import UserFactory

    UserFactory(username="beheerder", role=Role.COORDINATOR, is_staff=True, all_missions=True,
                clearance=Classification.STG_GEHEIM)
    bp.sign_in("beheerder")
    for name, url in ADMIN_PAGES:
        page.goto(url)
        assert page.locator("[data-testid=classification-top]").is_visible(), name
        violations = bp.check(name)
        if violations:
            problems[name] = violations
    # onboarding (only for who may load datasets): the upload page and the review of a letter
    from missiemonitor.interchange.tests import letter

    document = tmp_path / "valdoria.txt"
    document.write_text(letter.plain_text(), encoding="utf-8")
    page.goto("/gegevens/onboarding/")
    for name in ("onboard-upload", "data-with-onboarding"):
        violations = bp.check(name)
        if violations:
            problems[name] = violations
        page.goto("/gegevens/")
    page.locator("input[type=file][name=file]").last.set_input_files(str(document))
    with page.expect_navigation():
        page.get_by_role("button", name="Lezen en voorstellen").click()
    assert page.locator("article[data-kind=contribution]").count() == 3
    violations = bp.check("onboard-review")
    if violations:
        problems["onboard-review"] = violations
    assert not bp.console_errors, bp.console_errors
    page.goto("/?start=2024-05-01&end=2025-04-30")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    violations = bp.check("dashboard-en")
    if violations:
        problems["dashboard-en"] = violations
    assert not problems, violations_text(problems)
    assert not bp.console_errors, bp.console_errors


def test_sign_in_set_up_and_account_pages_are_accessible(browser_page):
    """The pages of two-factor sign-in and API tokens: set-up (with its QR code), backup codes,
    the account page, a new token, and the code step of signing in; and the report preview,
    loaded as it is (sandboxed, its stylesheet allowed by hash), without a refused style."""
    from missiemonitor.accounts.models import Role
    from missiemonitor.core.models import Classification
    from missiemonitor.testing.factories import UserFactory
    from missiemonitor.testing.otp import code_from_secret
    from missiemonitor.web.tests.world import PASSWORD

    build_world()
    UserFactory(username="nieuw", role=Role.COORDINATOR, clearance=Classification.STG_CONFIDENTIEEL,
                all_missions=True, password=PASSWORD)
    bp, page = browser_page, browser_page.page
    problems = {}

    def check(name):
        violations = bp.check(name)
        if violations:
            problems[name] = violations

    bp.sign_in("nieuw", app=False)
    check("two-factor-setup")
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.locator("input[name=code]").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    check("two-factor-setup-error")
    page.locator("input[name=code]").fill(code_from_secret(secret))
    page.get_by_role("button", name="Bevestigen").click()
    check("backup-codes")
    page.goto("/mijn-account/")
    page.locator("input[name=name]").fill("maandcijfers")
    page.get_by_role("button", name="Token aanmaken").click()
    assert page.get_by_test_id("api-token").inner_text().startswith("mm_")
    check("token-created")
    page.goto("/mijn-account/")
    assert page.get_by_test_id("api-tokens").is_visible()
    check("account")
    page.goto(PREVIEW)
    page.goto("/mijn-account/")
    assert not bp.console_errors, bp.console_errors  # the preview's stylesheet was not refused
    bp.sign_out()
    bp.sign_in("nieuw", app=False)
    check("sign-in-code")
    page.locator("input[name=code]").fill(code_from_secret(secret, offset_steps=1))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert "/inloggen/" not in page.url
    assert not problems, violations_text(problems)
    assert not bp.console_errors, bp.console_errors
