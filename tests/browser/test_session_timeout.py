"""The session timeout warning (WCAG 2.2.1): two minutes before the session ends an alert dialog
offers "Davam et", which restarts the idle time; when the session does end, the saved progress
is there after signing in again."""

import datetime
import re
import time

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.support.browser import fill_application, press_continue, sign_in
from tests.support.demo import AYSEL, RAUF_ACCOUNT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# The focus is in the dialog, or on no element at all (the browser's own controls).
IN_DIALOG_OR_NOWHERE = (
    "document.activeElement === document.body || !!document.activeElement.closest('[role=alertdialog]')"
)


def expires_in(page) -> int:
    return int(page.locator("#timeout-dialog").get_attribute("data-expires-in"))


def test_the_warning_comes_two_minutes_before_the_end_and_continue_extends_the_session(page, settings):
    settings.SESSION_COOKIE_AGE = 123  # the warning is due 3 seconds after the last request
    sign_in(page, AYSEL)
    dialog = page.get_by_role("alertdialog", name="Sessiyanız bitmək üzrədir")
    assert dialog.is_hidden()
    left_at_first = expires_in(page)
    opened_after = left_at_first - 120
    started = time.monotonic()

    # Generous: a loaded machine may run the page's timer late, never early.
    dialog.wait_for(state="visible", timeout=(opened_after + 60) * 1000)

    assert time.monotonic() - started >= opened_after - 1.5, "not before two minutes are left"
    assert dialog.get_attribute("aria-modal") == "true"
    assert "2 dəqiqədən sonra" in page.locator("#" + dialog.get_attribute("aria-describedby")).inner_text()
    assert page.evaluate("document.activeElement.innerText") == "Davam et"
    assert page.evaluate("!!document.activeElement.closest('[role=alertdialog]')"), "focus in the dialog"
    assert page.evaluate("getComputedStyle(document.activeElement).boxShadow") != "none"
    # Modal: Tab and Shift+Tab never reach the page under the overlay.
    for key in ("Tab", "Tab", "Shift+Tab", "Shift+Tab", "Tab"):
        page.keyboard.press(key)
        assert page.evaluate(IN_DIALOG_OR_NOWHERE), f"{key} left the dialog"
    assert page.evaluate("document.activeElement.innerText") == "Davam et"
    page.wait_for_timeout(1500)  # the idle time runs on, so that the reset can be seen

    with page.expect_response(re.compile(r"/signin/keep-alive/$")) as answer:
        page.keyboard.press("Enter")
    assert answer.value.status == 204
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.closest('[role=alertdialog]')") is None

    page.reload()
    assert page.url.endswith("/apply/basic/"), "still signed in"
    # Without the reset the time left would have kept falling since the first page; "Davam et"
    # came at least 4.5 s after it, and gave all of it back.
    left_without_reset = left_at_first - (time.monotonic() - started)
    assert expires_in(page) >= left_without_reset + 3, "the idle time started again at 'Davam et'"
    assert dialog.is_hidden()

    # Escape continues too (the dialog has nothing else to choose).
    dialog.wait_for(state="visible", timeout=60_000)
    with page.expect_response(re.compile(r"/signin/keep-alive/$")):
        page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")


def test_when_the_session_ends_the_saved_steps_are_kept(page):
    sign_in(page, AYSEL)
    press_continue(page)
    fill_application(page, "transfer", RAUF_ACCOUNT)
    press_continue(page)
    page.wait_for_url("**/apply/property/")

    # The idle time runs out: the server's session expires and the browser drops its cookie
    # (its Max-Age is the same SESSION_COOKIE_AGE).
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    page.context.clear_cookies(name=django_settings.SESSION_COOKIE_NAME)
    press_continue(page)

    page.wait_for_url(re.compile(r"/asan-login/authorize/"))
    page.locator("#id_fin").fill(AYSEL)
    press_continue(page)
    page.wait_for_url("**/apply/property/")
    assert RAUF_ACCOUNT in page.locator(".notice--success").inner_text()
