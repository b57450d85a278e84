"""The send button cannot send twice: a fast double click (the script ignores the second
submit), the same check page open in two tabs (the server recognises the submission key), and
a double click without JavaScript."""

import pytest

from applications.models import Application
from tests.support.browser import continue_button, sign_in, wizard_to_check
from tests.support.demo import AYSEL, NESIMI_FLAT, RAUF_ACCOUNT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def posts_to(page, path: str) -> list:
    """The POST requests the page will send to `path`, recorded as they leave."""
    sent = []
    page.on(
        "request",
        lambda request: sent.append(request) if request.method == "POST" and path in request.url else None,
    )
    return sent


def test_a_fast_double_click_sends_one_application(page):
    sign_in(page, AYSEL)
    wizard_to_check(page, "transfer", RAUF_ACCOUNT, NESIMI_FLAT)
    sends = posts_to(page, "/apply/check/")
    page.locator("#id_check-declaration").check()

    with page.expect_navigation():
        continue_button(page).dblclick()

    page.wait_for_url("**/apply/submitted/")
    assert len(sends) == 1, "the second click is not sent at all"
    assert Application.objects.count() == 1


def test_the_check_page_in_two_tabs_sends_one_application(new_context):
    context = new_context()
    first = context.new_page()
    sign_in(first, AYSEL)
    wizard_to_check(first, "transfer", RAUF_ACCOUNT, NESIMI_FLAT)
    second = context.new_page()
    second.goto("/apply/check/")
    for tab in (first, second):
        tab.locator("#id_check-declaration").check()

    with first.expect_navigation():
        continue_button(first).click()
    with second.expect_navigation():
        continue_button(second).click()

    first.wait_for_url("**/apply/submitted/")
    second.wait_for_url("**/apply/submitted/")
    application = Application.objects.get()
    for tab in (first, second):
        assert tab.locator(".application-number").inner_text() == application.number


def test_a_double_click_without_javascript_sends_one_application(new_context):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, AYSEL)
    wizard_to_check(page, "transfer", RAUF_ACCOUNT, NESIMI_FLAT)
    sends = posts_to(page, "/apply/check/")
    page.locator("#id_check-declaration").check()

    continue_button(page).dblclick()

    page.wait_for_url("**/apply/submitted/")
    # Chromium drops a second submission of a form whose first is still on its way; whichever
    # arrives, the submission key sends the application once (the two tabs above send twice).
    assert len(sends) >= 1
    assert Application.objects.count() == 1
    assert Application.objects.get().number in page.locator(".application-number").inner_text()
