"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

The live server runs the app in a thread of this process against the test database, so the
tests share its settings, cache and in-memory SMS outbox. Static files come through Django's
StaticFilesHandler (the finders, like `runserver`), which answers /static/ before whitenoise
is reached: no `collectstatic` is needed.

Chromium is /usr/bin/chromium (`apt-get install chromium`); Playwright's own browser downloads
are never used. Without it the tests skip; REQUIRE_BROWSER=1 (CI) makes that a failure.
Screenshots of every page checked go to test-artifacts/screenshots/, the axe report to
test-artifacts/axe-report.txt."""

import os

import pytest

from subscribers.demo import demo_data_load
from tests.support.browser import (
    _LOG,
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    FAILURES,
    TIMEOUT_MS,
    _unavailable,
)
from tests.support.world import reference_data_ensure


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


@pytest.fixture
def axe():
    """`axe.check(page, "name")`: screenshot, then zero WCAG A/AA violations."""
    return _LOG


def pytest_terminal_summary(terminalreporter):
    if not _LOG.checks:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    report = _LOG.report()
    (ARTIFACTS / "axe-report.txt").write_text(report + "\n", encoding="utf-8")
    terminalreporter.write_sep("-", "axe-core")
    terminalreporter.write_line(report)
