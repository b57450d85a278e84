"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

The live server runs the app in a thread of this process against the test database, so the
tests share its settings, cache and in-memory SMS outbox. Static files come through Django's
StaticFilesHandler (the finders, like `runserver`), which answers /static/ before whitenoise
is reached: no `collectstatic` is needed.

Chromium is /usr/bin/chromium (`apt-get install chromium`); Playwright's own browser downloads
are never used. Without it the tests skip; REQUIRE_BROWSER=1 (CI) makes that a failure.
Screenshots of every page checked go to test-artifacts/screenshots/, the axe report to
test-artifacts/axe-report.txt.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from django.utils.translation import gettext

from subscribers.demo import demo_data_load
from tests.conftest import last_code_sent_to, reference_data_ensure

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
FAILURES = ARTIFACTS / "failures"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TIMEOUT_MS = 60_000

# --- the demo world (integrations/registry/demo.py) ---------------------------------------------

AYSEL = "2AB3C4D"  # buys Rauf's flat in Nəsimi: transfer succeeds
ELCIN = "3CD4E5F"  # the Gəncə account he takes over owes 45.20 AZN
LEYLA = "4EF5G6H"  # née Həsənova: rename succeeds
RAUF_ACCOUNT = "100100200300401"
GENCE_ACCOUNT = "200200300400502"
LEYLA_ACCOUNT = "300300400500603"
NESIMI_FLAT = {
    "property_kind": "apartment",
    "district": "baki-nesimi",
    "registry_number": "608011001798",
    "registration_number": "1725022423",
}
SUMQAYIT_FLAT = {
    "property_kind": "apartment",
    "district": "sumqayit-city",
    "registry_number": "701122003344",
    "registration_number": "1509876543",
}
MOBILE = "050 123 45 67"
MOBILE_E164 = "+994501234567"
APPLICATION_NUMBER = re.compile(r"AZI-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}")


# --- the browser ----------------------------------------------------------------------


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser required (REQUIRE_BROWSER=1) but {reason}", pytrace=False)
    pytest.skip(f"no browser: {reason}")


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for all the browser tests; every test opens its own context in it.
    (Package scope: it closes after the last of them, so the tests after them run without it.)"""
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import Error, sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=60_000)
    except Error as error:
        playwright.stop()
        _unavailable(f"{CHROMIUM} did not start: {error}")
    # Playwright's sync API keeps an asyncio loop in this thread; the ORM calls the tests make
    # between browser calls are still synchronous (Django's own advice for Playwright).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def portal(live_server, settings):
    """The portal's address, serving the demo world; links in SMS and documents point to it."""
    settings.PUBLIC_BASE_URL = live_server.url
    reference_data_ensure()
    demo_data_load()
    return live_server.url


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


@pytest.fixture
def new_context(request, browser, portal):
    """`new_context(**options)`: a fresh browser profile (own cookies) on the portal. When the
    test fails, its pages are saved to test-artifacts/failures/."""
    contexts = []

    def open_context(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(base_url=portal, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context
    if getattr(request.node, "browser_test_failed", False):
        pages = [page for context in contexts for page in context.pages]
        for index, page in enumerate(pages):
            FAILURES.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(FAILURES / f"{request.node.name}-{index}.png"), full_page=True)
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


# --- axe and screenshots -----------------------------------------------------------------


class AccessibilityLog:
    """Every page and state axe checked in this run, in order (one screenshot each)."""

    def __init__(self):
        self.checks: list[str] = []
        self.axe = Axe()

    def check(self, page, name: str) -> None:
        """Save a screenshot of the page as `name`, run axe with the WCAG 2.0/2.1/2.2 A and AA
        rules and fail on any violation."""
        screenshot(page, name)
        results = self.axe.run(
            page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        )
        self.checks.append(name)
        violations = results.response["violations"]
        assert not violations, f"axe found violations on {name} ({page.url}):\n" + "\n".join(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}; nodes: "
            + "; ".join(", ".join(node["target"]) for node in violation["nodes"])
            for violation in violations
        )

    def report(self) -> str:
        lines = [f"{index:3}. {name}" for index, name in enumerate(self.checks, start=1)]
        return "\n".join([f"axe-core checks ({', '.join(AXE_TAGS)}): {len(self.checks)}", *lines])


_LOG = AccessibilityLog()


@pytest.fixture
def axe():
    """`axe.check(page, "name")`: screenshot, then zero WCAG A/AA violations."""
    return _LOG


_ASCII = str.maketrans("əƏıİşŞçÇğĞöÖüÜ", "eEiIsScCgGoOuU")


def screenshot(page, name: str) -> None:
    """Save the whole page as test-artifacts/screenshots/<name, in ASCII>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    filename = re.sub(r"[^a-z0-9]+", "-", name.translate(_ASCII).lower()).strip("-")
    page.screenshot(path=str(SCREENSHOTS / f"{filename}.png"), full_page=True)


def pytest_terminal_summary(terminalreporter):
    if not _LOG.checks:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    report = _LOG.report()
    (ARTIFACTS / "axe-report.txt").write_text(report + "\n", encoding="utf-8")
    terminalreporter.write_sep("-", "axe-core")
    terminalreporter.write_line(report)


# --- signing in and the wizard -------------------------------------------------------------


def sign_in(page, fin: str) -> None:
    """ "Başla" on the start page, then the emulated ASAN Login: lands on step 1."""
    page.goto("/")
    page.locator("a.btn-start").click()
    page.wait_for_url(re.compile(r"/signin/asan/"))
    page.locator("#id_fin").fill(fin)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/apply/basic/$"))


def continue_button(page):
    """The step's primary button ("Davam et", "Müraciəti göndər") in any language."""
    return page.locator("main form button.btn-primary")


def press_continue(page) -> None:
    with page.expect_navigation():
        continue_button(page).click()


def fill_application(page, kind: str, code: str) -> None:
    page.locator(f"input[name='application-kind'][value='{kind}']").check()
    page.locator("#id_application-subscriber_code").fill(code)


def fill_property(page, place: dict) -> None:
    page.locator(f"input[name='property-property_kind'][value='{place['property_kind']}']").check()
    page.locator("#id_property-district").select_option(place["district"])
    page.locator("#id_property-registry_number").fill(place["registry_number"])
    page.locator("#id_property-registration_number").fill(place["registration_number"])


def fill_contact_and_confirm(page, mobile: str = MOBILE, phone_e164: str = MOBILE_E164) -> None:
    """Type the mobile, press "Davam et", type the SMS code that arrives, press "Davam et"."""
    page.locator("#id_contact-mobile_phone").fill(mobile)
    press_continue(page)
    page.locator("#id_contact-otp_code").fill(last_code_sent_to(phone_e164))
    press_continue(page)


def wizard_to_check(page, kind: str, code: str, place: dict) -> None:
    """From step 1 to "check your answers", every step valid."""
    press_continue(page)
    fill_application(page, kind, code)
    press_continue(page)
    fill_property(page, place)
    press_continue(page)
    fill_contact_and_confirm(page)
    page.wait_for_url(re.compile(r"/apply/check/$"))


def send_application(page) -> str:
    """Tick the declaration, press "Müraciəti göndər"; returns the number on the confirmation."""
    page.locator("#id_check-declaration").check()
    press_continue(page)
    page.wait_for_url(re.compile(r"/apply/submitted/$"))
    return APPLICATION_NUMBER.search(page.locator(".application-number").inner_text()).group(0)


def switch_language(page, code: str) -> None:
    with page.expect_navigation():
        page.locator(f".language-switch button[value='{code}']").click()
    assert page.locator("html").get_attribute("lang") == code


def in_language(language: str, text: str) -> str:
    """`text` (an Azerbaijani msgid) as the portal shows it in `language`: the translation once
    the catalogue has one, else the Azerbaijani text itself."""
    with translation.override(language):
        return gettext(text)


def main_text(page) -> str:
    return " ".join(page.locator("main").inner_text().split())


def title_of(page) -> str:
    return " ".join(page.title().split())
