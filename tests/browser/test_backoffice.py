"""An operator approves in the back office, then the citizen sees "Təsdiq edildi" in the public
status lookup: both in real browsers, one each."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from applications.models import Application
from backoffice.roles import roles_sync
from backoffice.services import staff_demo_load
from backoffice.two_factor import current_code
from subscribers.models import Account
from tests.support.browser import main_text, press_continue, sign_in, wizard_to_check
from tests.support.demo import AYSEL, NESIMI_FLAT, RAUF_ACCOUNT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPERATOR = "operator.baki"
PASSWORD = "demo-operator-2026"


def authenticator_code(username: str) -> str:
    """What the operator's authenticator app shows now (the demo staff share a public secret)."""
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    return current_code(device)


def staff_sign_in(page, username: str, password: str) -> None:
    """The admin's password form, then the authenticator code."""
    page.goto("/admin/")
    page.wait_for_url(re.compile(r"/admin/login/"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("#login-form input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/two-factor/"))
    page.locator("#id_code").fill(authenticator_code(username))
    with page.expect_navigation():
        page.locator("#content-main form input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def take_step(page, label: str, done: str) -> None:
    """A review step: its link on the application's page, then its confirmation page."""
    page.locator("a.step-link", has_text=label).click()
    page.wait_for_url(re.compile(r"/admin/applications/application/\d+/\w+/$"))
    with page.expect_navigation():
        page.locator(f"input[type=submit][value='{label}']").click()
    page.wait_for_url(re.compile(r"/admin/applications/application/\d+/change/$"))
    assert done in page.locator(".messagelist").inner_text()


def test_an_operator_approves_and_the_citizen_sees_it_in_the_status_lookup(new_context, axe):
    roles_sync()
    staff_demo_load()
    citizen = new_context().new_page()
    sign_in(citizen, AYSEL)
    wizard_to_check(citizen, "transfer", RAUF_ACCOUNT, NESIMI_FLAT)
    citizen.locator("#id_check-declaration").check()
    press_continue(citizen)
    number = citizen.locator(".application-number").inner_text()

    operator = new_context().new_page()
    staff_sign_in(operator, OPERATOR, PASSWORD)
    operator.goto("/admin/applications/application/")
    operator.get_by_role("link", name=number).click()
    operator.wait_for_url(re.compile(r"/admin/applications/application/\d+/change/$"))
    take_step(operator, "Götür", "Müraciət sizə verildi.")
    take_step(operator, "Təsdiq et", "Müraciət təsdiq edildi: dəyişiklik billinqə göndərildi.")

    # Billing carried it out in-process after the approval's commit (tasks run eagerly here).
    application = Application.objects.get(number=number)
    assert application.status == Application.Status.DONE
    assert Account.objects.get(subscriber_code=RAUF_ACCOUNT).holder.fin == AYSEL

    citizen.goto("/status/")
    citizen.get_by_label("Müraciət nömrəsi").fill(number)
    press_continue(citizen)
    result = citizen.locator(".status-result")
    assert number in result.inner_text()
    assert result.locator(".tag").inner_text() == "İcra edildi"
    axe.check(citizen, "status lookup: found, done")

    # After approval: the application's page and the final documents.
    citizen.goto(f"/my/{number}/")
    assert "İcra edildi" in main_text(citizen)
    axe.check(citizen, "Müraciətlərim: application detail, done")
    citizen.locator("a[href^='/d/']").first.click()
    citizen.wait_for_url(re.compile(r"/d/[^/]+/$"))
    axe.check(citizen, "documents: bundle page after approval")
    bundle = citizen.url
    finals = citizen.locator(
        ".document-list__links a[href$='-final/'], .document-list__links a[href*='subscriber_card']"
    )
    assert finals.count() >= 1
    for index in range(finals.count()):
        citizen.goto(bundle)
        finals.nth(index).click()
        citizen.wait_for_load_state()
        slug = citizen.url.rstrip("/").rsplit("/", 1)[1]
        axe.check(citizen, f"documents: HTML version of {slug} (after approval)")
