"""The contact step proves the mobile number is active with a one-time code sent by SMS."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import PhoneVerification
from tests.support.demo import AYSEL, ELCIN, GENCE_ACCOUNT, NESIMI_FLAT
from tests.support.wizard import (
    CONTACT,
    assert_redirects_to,
    assert_refused_at,
    error_summary,
    fill_until,
    go_back,
    input_value,
    post_delivering_sms,
    post_step,
    step_url,
    visible_text,
)
from tests.support.world import last_code_sent_to


@pytest.fixture
def aysel(signed_in_client):
    return signed_in_client(AYSEL)


def sms_to(outbox, phone: str) -> list[str]:
    return [message.body for message in outbox if message.to == phone]


def test_mobile_is_confirmed_with_a_code_sent_by_sms(aysel, sms_outbox):
    fill_until(aysel, "handover")

    asked = post_delivering_sms(aysel, "contact", CONTACT)

    assert_refused_at(asked, "contact", "otp_code", "+994 50 ••• •• 67", "6 rəqəmli kodu yazın")
    assert input_value(asked, "contact-mobile_phone") == CONTACT["mobile_phone"]
    assert len(sms_to(sms_outbox, "+994501234567")) == 1
    assert_redirects_to(aysel.get(step_url("check")), step_url("contact"))
    code = last_code_sent_to("+994501234567")
    response = post_step(aysel, "contact", {**CONTACT, "otp_code": code})
    assert_redirects_to(response, step_url("check"))


def test_code_typed_with_spaces_is_accepted(aysel):
    fill_until(aysel, "handover")
    post_delivering_sms(aysel, "contact", CONTACT)
    code = last_code_sent_to("+994501234567")

    response = post_step(aysel, "contact", {**CONTACT, "otp_code": f" {code[:3]} {code[3:]} "})

    assert_redirects_to(response, step_url("check"))


def test_wrong_code_is_refused_with_the_tries_left(aysel):
    fill_until(aysel, "handover")
    post_delivering_sms(aysel, "contact", CONTACT)
    wrong = "000000" if last_code_sent_to("+994501234567") != "000000" else "111111"

    response = post_step(aysel, "contact", {**CONTACT, "otp_code": wrong, "email": "a@b.az"})

    assert_refused_at(response, "contact", "otp_code", "Kod səhvdir", "4 cəhdiniz qalıb")
    assert input_value(response, "contact-email") == "a@b.az"
    assert_redirects_to(aysel.get(step_url("check")), step_url("contact"))


def test_tries_left_count_down(aysel):
    fill_until(aysel, "handover")
    post_delivering_sms(aysel, "contact", CONTACT)
    wrong = "000000" if last_code_sent_to("+994501234567") != "000000" else "111111"
    post_step(aysel, "contact", {**CONTACT, "otp_code": wrong})

    response = post_step(aysel, "contact", {**CONTACT, "otp_code": wrong})

    assert_refused_at(response, "contact", "otp_code", "Kod səhvdir", "3 cəhdiniz qalıb")


def test_five_wrong_codes_use_the_code_up(aysel):
    fill_until(aysel, "handover")
    post_delivering_sms(aysel, "contact", CONTACT)
    code = last_code_sent_to("+994501234567")
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        post_step(aysel, "contact", {**CONTACT, "otp_code": wrong})

    response = post_step(aysel, "contact", {**CONTACT, "otp_code": code})

    assert_refused_at(response, "contact", "otp_code", "çox dəfə səhv")


def test_a_code_sent_to_one_number_does_not_confirm_another(aysel):
    fill_until(aysel, "handover")
    post_delivering_sms(aysel, "contact", CONTACT)
    code = last_code_sent_to("+994501234567")

    response = post_step(aysel, "contact", {**CONTACT, "mobile_phone": "055 765 43 21", "otp_code": code})

    assert_refused_at(response, "contact", "otp_code")
    assert input_value(response, "contact-mobile_phone") == "055 765 43 21"


def test_resending_the_code_at_once_asks_to_wait(aysel, sms_outbox):
    fill_until(aysel, "handover")
    post_delivering_sms(aysel, "contact", CONTACT)

    response = post_delivering_sms(aysel, "contact", CONTACT, resend_code="1")

    assert response.status_code == 200
    assert "saniyədən sonra istəyə bilərsiniz" in error_summary(response)
    assert input_value(response, "contact-mobile_phone") == CONTACT["mobile_phone"]
    assert len(sms_to(sms_outbox, "+994501234567")) == 1


def test_resend_refusal_is_attached_to_the_code_field(aysel):
    fill_until(aysel, "handover")
    post_delivering_sms(aysel, "contact", CONTACT)

    response = post_delivering_sms(aysel, "contact", CONTACT, resend_code="1")

    assert_refused_at(response, "contact", "otp_code", "saniyədən sonra")


def test_resending_after_a_minute_sends_a_new_code(aysel, sms_outbox):
    fill_until(aysel, "handover")
    post_delivering_sms(aysel, "contact", CONTACT)
    PhoneVerification.objects.update(created_at=timezone.now() - timedelta(seconds=61))

    response = post_delivering_sms(aysel, "contact", CONTACT, resend_code="1")

    assert response.status_code == 200
    assert len(sms_to(sms_outbox, "+994501234567")) == 2
    code = last_code_sent_to("+994501234567")
    assert_redirects_to(post_step(aysel, "contact", {**CONTACT, "otp_code": code}), step_url("check"))


def test_no_sms_is_sent_to_a_refused_number(aysel, sms_outbox):
    fill_until(aysel, "handover")

    post_delivering_sms(aysel, "contact", {**CONTACT, "mobile_phone": "012 493 12 34"})
    post_delivering_sms(aysel, "contact", {**CONTACT, "mobile_phone": "+7 916 123 45 67"})

    assert sms_outbox == []


def test_a_confirmed_mobile_is_not_asked_again(aysel, sms_outbox):
    fill_until(aysel, "contact")
    aysel.get(step_url("contact"))

    response = post_delivering_sms(aysel, "contact", {**CONTACT, "email": "a@b.az"})

    assert_redirects_to(response, step_url("check"))
    assert len(sms_outbox) == 1


def test_contact_page_does_not_claim_a_code_was_sent_when_none_was(aysel, sms_outbox):
    fill_until(aysel, "handover")
    go_back(aysel, "contact", CONTACT)
    post_step(aysel, "property", NESIMI_FLAT)

    page = aysel.get(step_url("contact"))

    assert page.status_code == 200
    assert sms_to(sms_outbox, "+994501234567") or "göndərdiyimiz" not in visible_text(page)


@pytest.mark.parametrize("button", [{}, {"resend_code": "1"}], ids=["continue", "send the code again"])
def test_no_code_is_sent_while_an_earlier_step_is_invalid(signed_in_client, sms_outbox, button):
    elcin = signed_in_client(ELCIN)
    post_step(elcin, "basic")
    # His account owes 45.20 AZN: step 2 refuses it, and the refused answer is what is saved.
    refused = post_step(elcin, "application", {"kind": "transfer", "subscriber_code": GENCE_ACCOUNT})
    assert refused.status_code == 200

    # The contact step posted directly (a crafted request, or an old tab).
    response = post_step(elcin, "contact", CONTACT, **button)

    assert_redirects_to(response, step_url("application"))
    assert sms_outbox == []
    assert not PhoneVerification.objects.exists()
