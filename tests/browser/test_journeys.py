"""The demo scenarios in a real browser, each in one of the portal's languages; the language
switch in the middle of the wizard; and the whole transfer with JavaScript switched off."""

import re

import pytest

from applications.models import Application
from integrations.sms.fake import InMemorySmsGateway
from tests.support.browser import (
    continue_button,
    fill_application,
    fill_contact_and_confirm,
    fill_handover,
    fill_property,
    in_language,
    main_text,
    press_continue,
    screenshot,
    send_application,
    sign_in,
    switch_language,
    title_of,
)
from tests.support.demo import (
    AYSEL,
    ELCIN,
    GENCE_ACCOUNT,
    LEYLA,
    LEYLA_ACCOUNT,
    MOBILE,
    MOBILE_E164,
    NESIMI_FLAT,
    RAUF_ACCOUNT,
    SUMQAYIT_FLAT,
)
from tests.support.world import last_code_sent_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sms_to(phone: str) -> list[str]:
    return [message.body for message in InMemorySmsGateway.outbox if message.to == phone]


def test_aysel_takes_over_raufs_account_in_azerbaijani(page, axe):
    sign_in(page, AYSEL)
    assert page.locator("html").get_attribute("lang") == "az"
    assert "Addım 1 / 4" in main_text(page)
    assert "Məmmədova" in main_text(page) and AYSEL in main_text(page)
    page.get_by_role("button", name="Davam et").click()

    page.wait_for_url("**/apply/application/")
    page.get_by_label("Şəxsi hesabın digər abonentin adına keçirilməsi").check()
    page.get_by_label("Abonent kodu").fill(RAUF_ACCOUNT)
    page.get_by_role("button", name="Davam et").click()

    page.wait_for_url("**/apply/property/")
    assert "Borc yoxdur" in main_text(page)
    page.get_by_label("Mənzil").check()
    page.get_by_label("Rayon").select_option(label="Bakı ş., Nəsimi r.")
    page.get_by_label("Reyestr nömrəsi").fill("608011001798")
    page.get_by_label("Qeydiyyat nömrəsi").fill("1725022423")
    page.get_by_role("button", name="Davam et").click()

    page.wait_for_url("**/apply/handover/")
    assert "Addım 4 / 5" in main_text(page)
    # The day she became the owner is offered; she types what Rauf's meter shows.
    assert page.get_by_label("Təhvil tarixi").input_value() == "20.11.2026"
    page.get_by_label("Sayğacın göstəricisi, kVt·saat").fill("18463,1")
    page.get_by_role("button", name="Davam et").click()

    page.wait_for_url("**/apply/contact/")
    page.get_by_role("textbox", name="Mobil nömrə", exact=True).fill(MOBILE)
    page.get_by_role("textbox", name="E-poçt ünvanı").fill("aysel@example.az")
    page.get_by_role("button", name="Davam et").click()
    page.get_by_label("Təsdiq kodu").fill(last_code_sent_to(MOBILE_E164))
    page.get_by_role("button", name="Davam et").click()

    page.wait_for_url("**/apply/check/")
    answers = main_text(page)
    for expected in (
        "Aysel",
        RAUF_ACCOUNT,
        "Bakı ş., Nəsimi r.",
        "608011001798",
        "1725022423",
        "20.11.2026",
        "18 463,1 kVt·saat",
        "aysel@example.az",
    ):
        assert expected in answers
    page.get_by_role("checkbox", name=re.compile("^Təsdiq edirəm")).check()
    page.get_by_role("button", name="Müraciəti göndər").click()

    page.wait_for_url("**/apply/submitted/")
    assert page.get_by_role("heading", level=1).inner_text() == "Müraciətiniz qəbul edildi"
    number = page.locator(".application-number").inner_text()
    application = Application.objects.get()
    assert application.number == number
    assert (application.kind, application.applicant_fin, application.subscriber_code) == (
        "transfer",
        AYSEL,
        RAUF_ACCOUNT,
    )
    assert application.status == Application.Status.SUBMITTED and application.language == "az"
    assert any(number in body for body in sms_to(MOBILE_E164)), "the receipt SMS carries the number"

    page.get_by_role("link", name="Müraciətin vəziyyəti").click()
    page.get_by_label("Müraciət nömrəsi").fill(number.lower().replace("-", " "))
    page.get_by_role("button", name="Yoxla").click()
    page.wait_for_load_state()
    assert "Göndərildi" in page.locator(".status-result").inner_text()


def test_elcin_is_stopped_by_the_debt_in_english(page, axe):
    page.goto("/")
    switch_language(page, "en")
    page.locator("a.btn-start").click()
    page.wait_for_url(re.compile(r"/asan-login/authorize/"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("#id_fin").fill(ELCIN)
    press_continue(page)
    page.wait_for_url("**/apply/basic/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Hüseynov" in main_text(page)
    press_continue(page)

    fill_application(page, "transfer", GENCE_ACCOUNT)
    press_continue(page)

    assert page.url.endswith("/apply/application/"), "the debt keeps the citizen on step 2"
    assert page.locator("html").get_attribute("lang") == "en"
    assert title_of(page).startswith(in_language("en", "Xəta") + ": "), title_of(page)
    assert re.match(r"(Error|Xəta): ", title_of(page)), title_of(page)
    summary_title = page.locator(".error-summary__title").inner_text()
    assert summary_title == in_language("en", "Formada səhv var")
    error = page.locator("#id_application-subscriber_code_error").inner_text()
    assert re.search(r"45[.,]20", error), error
    assert re.search(r"debt|borc", error, re.IGNORECASE), error
    assert page.locator("[data-error-summary]").inner_text().count(error.strip()) == 1
    axe.check(page, "step 2 application data: refused for debt, English")

    # The later steps stay closed while the account owes money.
    page.goto("/apply/property/")
    assert page.url.endswith("/apply/application/")
    assert Application.objects.count() == 0


def test_leyla_updates_her_surname_in_russian(page, axe):
    page.goto("/")
    switch_language(page, "ru")
    sign_in_page = page.locator("a.btn-start")
    sign_in_page.click()
    page.locator("#id_fin").fill(LEYLA)
    press_continue(page)
    page.wait_for_url("**/apply/basic/")
    assert page.locator("html").get_attribute("lang") == "ru"
    basic = main_text(page)
    assert "Quliyeva" in basic and "Həsənova" in basic, "the registry's current and previous surname"
    press_continue(page)

    fill_application(page, "rename", LEYLA_ACCOUNT)
    press_continue(page)
    page.wait_for_url("**/apply/property/")
    fill_property(page, SUMQAYIT_FLAT)
    press_continue(page)
    page.wait_for_url("**/apply/contact/")
    fill_contact_and_confirm(page, "055 765 43 21", "+994557654321")
    page.wait_for_url("**/apply/check/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert LEYLA_ACCOUNT in main_text(page) and "701122003344" in main_text(page)
    axe.check(page, "check your answers, Russian")

    number = send_application(page)
    assert page.locator("html").get_attribute("lang") == "ru"
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == in_language("ru", "Müraciətiniz qəbul edildi")
    axe.check(page, "confirmation (application received), Russian")
    application = Application.objects.get(number=number)
    assert (application.kind, application.applicant_fin, application.language) == ("rename", LEYLA, "ru")
    assert application.office.name == application.district.office.name
    assert any(number in body for body in sms_to("+994557654321"))


def test_switching_language_in_the_middle_keeps_what_was_typed(page):
    sign_in(page, AYSEL)
    press_continue(page)
    fill_application(page, "transfer", RAUF_ACCOUNT)
    press_continue(page)
    page.wait_for_url("**/apply/property/")
    fill_property(page, NESIMI_FLAT)

    switch_language(page, "en")

    assert page.url.endswith("/apply/property/"), "the switch stays on the same step"
    assert RAUF_ACCOUNT in page.locator(".notice--success").inner_text()
    assert page.locator("input[name='property-property_kind'][value='apartment']").is_checked()
    assert page.locator("#id_property-district").input_value() == "baki-nesimi"
    assert page.locator("#id_property-registry_number").input_value() == "608011001798"
    assert page.locator("#id_property-registration_number").input_value() == "1725022423"
    with page.expect_navigation():
        page.locator("button[name=wizard_goto_step]").click()
    assert page.url.endswith("/apply/application/")
    assert page.locator("input[name='application-kind'][value='transfer']").is_checked()
    assert page.locator("#id_application-subscriber_code").input_value() == RAUF_ACCOUNT

    switch_language(page, "az")
    press_continue(page)
    press_continue(page)
    fill_handover(page, RAUF_ACCOUNT, NESIMI_FLAT)
    press_continue(page)
    fill_contact_and_confirm(page)
    page.wait_for_url("**/apply/check/")
    assert "Bakı ş., Nəsimi r." in main_text(page)
    send_application(page)
    assert Application.objects.get().language == "az"


def test_switching_language_without_javascript_keeps_what_was_typed(new_context):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, AYSEL)
    press_continue(page)
    fill_application(page, "transfer", RAUF_ACCOUNT)

    switch_language(page, "ru")

    assert page.url.endswith("/apply/application/")
    assert page.locator("#id_application-subscriber_code").input_value() == RAUF_ACCOUNT


def test_the_transfer_works_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, AYSEL)
    assert page.evaluate("document.querySelector('script[src$=\"portal.js\"]') !== null")

    press_continue(page)
    press_continue(page)
    assert page.title().startswith("Xəta: ")
    assert page.locator("[data-error-summary] a").count() == 2
    fill_application(page, "transfer", RAUF_ACCOUNT)
    with page.expect_navigation():
        page.locator("button[name=check_account]").click()
    assert "Borc yoxdur" in main_text(page)
    press_continue(page)
    fill_property(page, NESIMI_FLAT)
    press_continue(page)
    fill_handover(page, RAUF_ACCOUNT, NESIMI_FLAT)
    press_continue(page)
    fill_contact_and_confirm(page)
    page.wait_for_url("**/apply/check/")
    # axe needs scripts to run; the page is the one axe checked with them, minus portal.js.
    screenshot(page, "check your answers, without JavaScript")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^Dəyiş — rayon")).click()
    assert page.url.endswith("/apply/property/?change=1")
    page.locator("#id_property-registration_number").fill("1725022423")
    with page.expect_navigation():
        continue_button(page).click()
    assert page.url.endswith("/apply/check/")
    number = send_application(page)
    assert Application.objects.get().number == number

    page.goto("/my/")
    page.get_by_role("link", name=number).click()
    page.wait_for_url(f"**/my/{number}/")
    assert "Göndərildi" in main_text(page)
    # The timeout warning is for scripts to open: without them it stays out of the way.
    assert page.locator("#timeout-dialog").is_hidden()
