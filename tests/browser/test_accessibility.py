"""axe-core (WCAG 2.0/2.1/2.2 A and AA) on every citizen page in each of its states, with a
screenshot of each; and what axe cannot see: labels, radio groups, autocomplete, the error
summary, the skip link, visible focus."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

from applications.documents.links import bundle_token
from applications.documents.models import Document
from applications.links import status_link_url
from applications.models import Application
from applications.services import application_claim, application_request_info
from backoffice.roles import roles_sync
from backoffice.services import staff_demo_load
from tests.support.applications import sent
from tests.support.browser import (
    continue_button,
    fill_application,
    fill_handover,
    fill_property,
    main_text,
    press_continue,
    send_application,
    sign_in,
    title_of,
)
from tests.support.demo import AYSEL, ELCIN, GENCE_ACCOUNT, MOBILE, MOBILE_E164, NESIMI_FLAT, RAUF_ACCOUNT
from tests.support.world import last_code_sent_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BILLING_DOWN = {
    "BACKEND": "integrations.billing.http.HttpBilling",
    "base_url": "http://127.0.0.1:9",
    "timeout": 0.2,
}


def sent_by(fin: str, code: str = RAUF_ACCOUNT, place: dict = NESIMI_FLAT) -> Application:
    """An application sent through the real submission service, as the wizard sends it."""
    return sent(fin, code=code, place=place, phone=MOBILE_E164, email="aysel@example.az")


# --- axe on every page and state -----------------------------------------------------------


def test_pages_anyone_can_open(page, axe, settings):
    page.goto("/")
    axe.check(page, "start page")

    page.locator("a.btn-start").click()
    page.wait_for_url(re.compile(r"/asan-login/authorize/"))
    axe.check(page, "ASAN sign-in (emulated): empty")
    press_continue(page)
    axe.check(page, "ASAN sign-in (emulated): with errors")
    page.locator("#id_fin").fill("2AB3C4")
    press_continue(page)
    axe.check(page, "ASAN sign-in (emulated): FİN too short")
    page.locator("label", has_text="SİMA").click()
    page.locator("#id_fin").fill(AYSEL)
    axe.check(page, "ASAN sign-in (emulated): filled")

    page.goto("/status/")
    axe.check(page, "status lookup: empty")
    press_continue(page)
    axe.check(page, "status lookup: empty number, with error")
    page.locator("#id_number").fill("AZI-12345")
    press_continue(page)
    axe.check(page, "status lookup: malformed number, with error")
    page.locator("#id_number").fill("AZI-7KM4Q-PX9RC")
    press_continue(page)
    axe.check(page, "status lookup: not found")

    settings.STATUS_LOOKUP_RATE = "1/m"
    press_continue(page)
    with page.expect_navigation() as navigation:
        continue_button(page).click()
    assert navigation.value.status == 429
    axe.check(page, "429 too many requests")

    page.goto("/signin/callback/?code=x&state=forged")
    axe.check(page, "sign-in failed (state does not match)")
    page.goto("/verify/NOSUCHCODE/")
    axe.check(page, "document verification: not found")
    page.goto("/d/not-a-token/")
    axe.check(page, "document link: invalid")
    page.goto("/no-such-page/")
    axe.check(page, "404 page not found")


def test_the_start_page_with_a_draft_to_resume(page, axe):
    sign_in(page, AYSEL)
    press_continue(page)
    page.wait_for_url(re.compile(r"/apply/application/$"))

    page.goto("/")
    assert page.locator("#draft").is_visible()
    axe.check(page, "start page: a draft to resume")
    page.locator("#draft a").click()
    page.wait_for_url(re.compile(r"/apply/application/$"))


def test_the_status_link_in_every_state(page, new_context, axe, settings):
    application = sent_by(AYSEL)
    path = urlsplit(status_link_url(application)).path

    page.goto(path)
    assert f"{application.number}: Göndərildi" in main_text(page)
    axe.check(page, "status link: not signed in")
    page.goto(path.replace("/s/", "/s/x"))
    axe.check(page, "status link: not valid, with the lookup form")
    settings.STATUS_LINK_MAX_AGE_DAYS = -1  # its last day was yesterday
    expired = urlsplit(status_link_url(application)).path
    settings.STATUS_LINK_MAX_AGE_DAYS = 90
    page.goto(expired)
    assert "Keçidin vaxtı bitib" in main_text(page)
    axe.check(page, "status link: expired, with the lookup form")

    applicant = new_context().new_page()
    sign_in(applicant, AYSEL)
    applicant.goto(path)
    applicant.locator(f"main a[href='/my/{application.number}/']").click()
    applicant.wait_for_url(f"**/my/{application.number}/")
    applicant.goto(path)
    axe.check(applicant, "status link: the applicant signed in")


def test_the_wizard_in_every_state(page, axe):
    sign_in(page, AYSEL)
    axe.check(page, "step 1 basic data (from the registry)")

    press_continue(page)
    axe.check(page, "step 2 application data: empty")
    press_continue(page)
    axe.check(page, "step 2 application data: with errors")
    page.locator("#id_application-kind_0").check()
    page.locator("#id_application-subscriber_code").fill("12345")
    press_continue(page)
    axe.check(page, "step 2 application data: subscriber code too short")
    fill_application(page, "transfer", RAUF_ACCOUNT)
    with page.expect_navigation():
        page.locator("button[name=check_account]").click()
    assert "100100200300401" in page.locator(".notice--success").inner_text()
    axe.check(page, "step 2 application data: account checked (Yoxla)")
    axe.check(page, "step 2 application data: filled")

    press_continue(page)
    axe.check(page, "step 3 property: empty")
    press_continue(page)
    axe.check(page, "step 3 property: with errors")
    fill_property(page, {**NESIMI_FLAT, "registry_number": "608011001799"})
    press_continue(page)
    axe.check(page, "step 3 property: numbers do not match the registry")
    fill_property(page, NESIMI_FLAT)
    axe.check(page, "step 3 property: filled")

    press_continue(page)
    axe.check(page, "step 4 handover: empty")
    page.locator("#id_handover-meter_reading").fill("18000")
    press_continue(page)
    axe.check(page, "step 4 handover: reading below the last bill")
    fill_handover(page, RAUF_ACCOUNT, NESIMI_FLAT)
    press_continue(page)
    axe.check(page, "step 5 contact: empty")
    press_continue(page)
    axe.check(page, "step 4 contact: with errors")
    page.locator("#id_contact-mobile_phone").fill("012 555 12 34")
    page.locator("#id_contact-email").fill("aysel@")
    press_continue(page)
    axe.check(page, "step 4 contact: landline and bad e-mail")
    page.locator("#id_contact-mobile_phone").fill(MOBILE)
    page.locator("#id_contact-email").fill("aysel@example.az")
    press_continue(page)
    axe.check(page, "step 4 contact: SMS code asked")
    page.locator("#id_contact-otp_code").fill("000000")
    press_continue(page)
    axe.check(page, "step 4 contact: wrong SMS code")
    page.locator("#id_contact-otp_code").fill(last_code_sent_to(MOBILE_E164))
    axe.check(page, "step 4 contact: filled")

    press_continue(page)
    page.wait_for_url(re.compile(r"/apply/check/$"))
    axe.check(page, "check your answers")
    press_continue(page)
    axe.check(page, "check your answers: declaration missing, with error")
    number = send_application(page)
    axe.check(page, "confirmation (application received)")

    page.goto("/status/")
    page.locator("#id_number").fill(number)
    press_continue(page)
    assert "Göndərildi" in main_text(page)
    axe.check(page, "status lookup: found")


def test_a_citizen_not_in_the_registry_and_a_registry_outage(new_context, axe, settings):
    page = new_context().new_page()
    sign_in(page, "7ZZ7ZZ7")
    assert page.locator(".notice--warning").is_visible()
    axe.check(page, "step 1 basic data: FİN not in the registry")

    page = new_context().new_page()
    sign_in(page, AYSEL)
    press_continue(page)
    settings.BILLING = BILLING_DOWN
    settings.BILLING_ACCOUNT_CACHE_SECONDS = 0  # and our copy of the account too old to reuse
    fill_application(page, "transfer", RAUF_ACCOUNT)
    with page.expect_navigation() as navigation:
        continue_button(page).click()
    assert navigation.value.status == 503
    axe.check(page, "service unavailable (billing down)")


def test_the_debt_check_refusal(page, axe):
    sign_in(page, ELCIN)
    press_continue(page)
    fill_application(page, "transfer", GENCE_ACCOUNT)
    press_continue(page)
    assert "45,20" in page.locator("#id_application-subscriber_code_error").inner_text()
    axe.check(page, "step 2 application data: refused for debt")


def test_my_applications_documents_and_withdrawing(page, axe):
    sign_in(page, AYSEL)
    page.goto("/my/")
    assert page.locator("table").count() == 0
    axe.check(page, "Müraciətlərim: no applications yet")

    application = sent_by(AYSEL)
    page.goto("/my/")
    axe.check(page, "Müraciətlərim: list")
    page.get_by_role("link", name=application.number).click()
    page.wait_for_url(f"**/my/{application.number}/")
    axe.check(page, "Müraciətlərim: application detail")

    # The documents are generated after the submission commits (tasks run eagerly in tests).
    documents = Document.objects.filter(bundle__application=application).count()
    assert documents >= 2  # the receipt and the draft contract, ready once the submission commits
    page.get_by_role("link", name=re.compile("PDF")).first.click()
    page.wait_for_url(re.compile(r"/d/[^/]+/$"))
    axe.check(page, "documents: bundle page")
    bundle_url = page.url
    html_links = page.locator(".document-list__links a[href$='/']")
    assert html_links.count() == documents
    for index in range(documents):
        page.goto(bundle_url)
        html_links.nth(index).click()
        page.wait_for_load_state()
        slug = page.url.rstrip("/").rsplit("/", 1)[1]
        axe.check(page, f"documents: HTML version of {slug}")
    page.goto(f"/d/{bundle_token(application.document_bundle.key, max_age_days=-1)}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Keçidin vaxtı bitib"
    axe.check(page, "document link: expired")
    page.goto(bundle_url)
    html_links.first.click()
    page.wait_for_load_state()
    verify_url = page.locator(".document-verification a").get_attribute("href")
    page.goto(verify_url)
    assert "/verify/" in page.url
    axe.check(page, "document verification: genuine")

    page.goto(f"/my/{application.number}/")
    page.locator("a.btn-secondary[href$='/withdraw/']").click()
    page.wait_for_url(f"**/my/{application.number}/withdraw/")
    axe.check(page, "withdraw: confirmation")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".messages").is_visible()
    axe.check(page, "Müraciətlərim: application detail after withdrawing, with message")


def test_correcting_an_application_the_office_asked_about(page, axe):
    roles_sync()
    staff_demo_load()
    application = sent_by(AYSEL)
    operator = get_user_model().objects.get(username="operator.baki")
    application_claim(application=application, actor=operator)
    application_request_info(
        application=application, actor=operator, message="Reyestr çıxarışının nömrəsini yoxlayın."
    )
    sign_in(page, AYSEL)
    page.goto(f"/my/{application.number}/")
    assert "Reyestr çıxarışının nömrəsini yoxlayın." in main_text(page)
    axe.check(page, "Müraciətlərim: detail, office asks for more information")
    with page.expect_navigation():
        page.locator("form[action$='/correct/'] button").click()
    page.wait_for_url(re.compile(r"/correct/check/$"))
    axe.check(page, "correction: check your answers with note")
    page.locator("a[href*='/correct/property/']").first.click()
    page.wait_for_url(re.compile(r"/correct/property/"))
    axe.check(page, "correction: step 3 property, changing")


def test_the_session_timeout_warning_open(page, axe, settings):
    settings.SESSION_COOKIE_AGE = 100  # under two minutes left: the warning shows at once
    sign_in(page, AYSEL)
    dialog = page.get_by_role("alertdialog")
    dialog.wait_for(state="visible")
    axe.check(page, "session timeout warning open")


# --- what axe cannot judge alone --------------------------------------------------------------


def test_inputs_have_labels_radio_groups_have_legends_and_contacts_autocomplete(page):
    sign_in(page, AYSEL)
    press_continue(page)
    fill_application(page, "transfer", RAUF_ACCOUNT)
    press_continue(page)
    fill_property(page, NESIMI_FLAT)
    press_continue(page)
    fill_handover(page, RAUF_ACCOUNT, NESIMI_FLAT)
    press_continue(page)
    assert page.locator("#id_contact-mobile_phone").get_attribute("autocomplete") == "tel"
    assert page.locator("#id_contact-email").get_attribute("autocomplete") == "email"
    assert page.locator("#id_contact-email").get_attribute("type") == "email"
    for name, control in (
        ("Mobil nömrə", "id_contact-mobile_phone"),
        ("E-poçt ünvanı", "id_contact-email"),
    ):
        assert page.get_by_role("textbox", name=name, exact=True).get_attribute("id") == control

    for step, group, legend in (
        ("application", "application-kind", "Müraciətin növü"),
        ("property", "property-property_kind", "Əmlakın növü"),
    ):
        page.goto(f"/apply/{step}/")
        radios = page.locator(f"input[name='{group}']")
        assert radios.count() == 2
        for index in range(2):
            radio = radios.nth(index)
            assert radio.evaluate("r => r.closest('fieldset').querySelector('legend').innerText").strip() == (
                legend
            )
            assert radio.evaluate("r => r.labels.length") == 1
        visible_controls = page.locator("main input:not([type=hidden]), main select, main textarea")
        for index in range(visible_controls.count()):
            assert visible_controls.nth(index).evaluate("c => c.labels.length") == 1


@pytest.mark.parametrize("width", [1280, 320])
def test_a_radio_groups_error_is_under_its_options_not_beside_one(new_context, width):
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    sign_in(page, AYSEL)
    press_continue(page)
    press_continue(page)

    message = page.locator("#id_application-kind_error").bounding_box()
    for index in range(2):
        option = page.locator(f"label[for='id_application-kind_{index}']").bounding_box()
        assert message["y"] >= option["y"] + option["height"] - 1, f"the error sits beside option {index}"


def test_error_summary_names_each_field_and_takes_the_focus(page):
    sign_in(page, AYSEL)
    press_continue(page)
    assert not title_of(page).startswith("Xəta")
    press_continue(page)

    assert title_of(page).startswith("Xəta: "), title_of(page)
    summary = page.locator("[data-error-summary]")
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    links = summary.locator("a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "#id_application-kind_0",
        "#id_application-subscriber_code",
    ]
    for index in range(links.count()):
        assert page.locator(links.nth(index).get_attribute("href")).count() == 1
    # Following a link puts the cursor in the field it names.
    links.nth(1).click()
    assert page.evaluate("document.activeElement.id") == "id_application-subscriber_code"
    links.nth(0).click()
    assert page.evaluate("document.activeElement.id") == "id_application-kind_0"

    # After a correction the title loses its prefix again.
    fill_application(page, "transfer", RAUF_ACCOUNT)
    press_continue(page)
    assert not title_of(page).startswith("Xəta"), title_of(page)


def test_skip_link_is_first_and_moves_to_the_main_content(page):
    page.goto("/status/")
    # Off screen until focused (the stylesheet, served by the live server, is in force).
    assert page.locator(".skip-link").bounding_box()["x"] < 0
    page.keyboard.press("Tab")
    focused = page.evaluate("({text: document.activeElement.innerText, href: document.activeElement.href})")
    assert focused["text"] == "Əsas məzmuna keç"
    assert focused["href"].endswith("#main")
    assert page.locator(".skip-link").is_visible()
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside the main content, not in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")
