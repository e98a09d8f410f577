"""Fixtures of the page tests: a small world of records, a signed-in test client, and for the
browser tests one headless Chromium per session (Debian's /usr/bin/chromium through Playwright,
kept off the network), with axe-core injected into every page."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from missiemonitor.web.tests.world import PASSWORD, build_world

CHROMIUM = os.environ.get("MM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The world has four users; hashing their passwords with the production hasher would
    cost seconds per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def coordinator_client(client, world):
    client.force_login(world.coordinator)
    return client


# --- Browser ----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def axe_source(pytestconfig) -> str:
    path = pytestconfig.rootpath / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        message = f"axe-core not installed at {path}: run `make venv` (npm ci)"
        if _in_ci():
            pytest.fail("CI=true: " + message)
        pytest.skip(message)
    return path.read_text()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)"
        if _in_ci():
            pytest.fail("CI=true: " + message.replace("skipped", "cannot run"))
        pytest.skip(message)
    # Playwright's sync API keeps an event loop on this thread; the tests still use the ORM
    # synchronously (to arrange data and check what was written), which Django allows only
    # when told so.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()
    if previous is None:  # leave the environment as found, for tests that start subprocesses
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
    playwright.stop()


class BrowserPage:
    """A page in a fresh browser context, with helpers to sign in and to check a page:
    a screenshot, axe-core, and no console errors (such as CSP violations)."""

    def __init__(self, browser, base_url: str, axe_source: str, screenshots: Path):
        self.context = browser.new_context(base_url=base_url, locale="nl-NL",
                                           viewport={"width": 1280, "height": 900},
                                           accept_downloads=True)
        self.context.add_init_script(script=axe_source)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.console_errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.screenshots = screenshots

    def _console(self, message) -> None:
        # A form answered 400 (invalid input) or 409 (conflict) on purpose; anything else
        # logged as an error, such as a refused inline script, fails the test.
        if message.type == "error" and not re.search(r"responded with a status of 40[09]", message.text):
            self.console_errors.append(message.text)

    def sign_in(self, username: str, password: str = PASSWORD, *, app: bool = True) -> None:
        """Sign in through the pages. A user who must use two-factor sign-in is given an
        authenticator app first (unless ``app`` is false), and the code page is answered with
        the code that app shows."""
        from missiemonitor.accounts.models import User
        from missiemonitor.accounts.twofactor import two_factor_required
        from missiemonitor.testing.otp import app_for, code_for

        user = User.objects.get(username=username)
        if app and two_factor_required(user):
            app_for(user)
        page = self.page
        page.goto("/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        if "/inloggen/code/" in page.url and app:
            page.locator("input[name=code]").fill(code_for(app_for(user)))
            page.get_by_role("button", name="Inloggen").click()
            page.wait_for_load_state()

    def sign_out(self) -> None:
        self.page.locator("summary.mm-usermenu__summary").click()
        self.page.get_by_role("button", name="Uitloggen").click()
        self.page.wait_for_load_state()

    def check(self, name: str) -> list[dict]:
        """Screenshot the page (with ``MM_SCREENSHOTS=1``: a full-page screenshot of every page
        costs a third of the sweep) and return axe-core's WCAG 2.1 A/AA violations."""
        page = self.page
        page.wait_for_load_state("load")
        if os.environ.get("MM_SCREENSHOTS") == "1":
            self.screenshots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(self.screenshots / f"{name}.png"), full_page=True)
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            AXE_TAGS,
        )
        return [
            {"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def browser_page(browser, live_server, axe_source, pytestconfig):
    bp = BrowserPage(browser, live_server.url, axe_source,
                     pytestconfig.rootpath / "test-artifacts" / "screenshots")
    yield bp
    bp.close()


def violations_text(violations: list[dict]) -> str:
    return json.dumps(violations, indent=2, ensure_ascii=False)
