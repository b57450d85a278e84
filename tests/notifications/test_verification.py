"""The one-time SMS code on the wizard's contact step, through HTTP as a citizen meets it:
sent once, checked, limited (tries, resend wait, codes per hour), never sent by a revalidation."""

import json
import re
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from applications.models import Application, WizardDraft
from notifications.models import PhoneVerification
from notifications.verification import phone_verification_start
from tests.support.demo import EMAIL
from tests.support.outbox import (
    CONTACT,
    MOBILE,
    MOBILE_TYPED,
    assert_redirects_to,
    field_error,
    input_value,
    post_step,
    visible_text,
)
from tests.support.world import last_code_sent_to

MASKED = "+994 50 ••• •• 67"
CODE_FIELD = "contact-otp_code"
TOO_MANY_TRIES = "Kod çox dəfə səhv yazılıb"
HOURLY_LIMIT = "Bir saat ərzində çox kod istənilib"


@pytest.fixture
def contact(at_contact_step, django_capture_on_commit_callbacks):
    """The contact page's buttons, each request's SMS delivered as after a real commit."""

    class ContactPage:
        client = at_contact_step

        def davam_et(self, **fields):
            with django_capture_on_commit_callbacks(execute=True):
                return post_step(self.client, "contact", {**CONTACT, **fields})

        def resend(self, **fields):
            """ "Kodu yenidən göndər"."""
            with django_capture_on_commit_callbacks(execute=True):
                return post_step(self.client, "contact", {**CONTACT, **fields}, resend_code="1")

    return ContactPage()


def codes_sent(sms_outbox, phone: str = MOBILE) -> list[str]:
    return [re.search(r"\b\d{6}\b", sms.body).group(0) for sms in sms_outbox if sms.to == phone]


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def time_passes(seconds: float) -> None:
    """Every code was sent (and expires) `seconds` earlier than it did."""
    earlier = timedelta(seconds=seconds)
    PhoneVerification.objects.update(
        created_at=F("created_at") - earlier, expires_at=F("expires_at") - earlier
    )


def code_message(response) -> str:
    """The error shown under the code field, however its block is labelled."""
    html = response.content.decode()
    if 'id="div_id_contact-otp_code"' not in html:
        return ""
    field = html.split('id="div_id_contact-otp_code"', 1)[1].split('id="div_id_', 1)[0]
    block = re.search(r'class="invalid-feedback">(.*?)</div>', field, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", block.group(1))).split()) if block else ""


def assert_asks_for_the_code(response):
    assert response.status_code == 200
    message = code_message(response)
    assert MASKED in message and "6 rəqəmli kodu yazın" in message, message


# --- sending and checking ---------------------------------------------------------------


def test_first_continue_sends_one_code_and_asks_for_it_naming_the_masked_number(contact, sms_outbox):
    response = contact.davam_et()

    assert response.status_code == 200
    asks = f"{MASKED} nömrəsinə SMS ilə göndərdiyimiz 6 rəqəmli kodu yazın"
    assert field_error(response, CODE_FIELD) == asks
    [sms] = sms_outbox
    assert sms.to == MOBILE
    assert re.search(r"(?<!\d)\d{6}(?!\d)", sms.body)
    assert "Kodu yenidən göndər" in visible_text(response)


def test_continuing_again_without_the_code_sends_no_second_sms(contact, sms_outbox):
    contact.davam_et()

    assert_asks_for_the_code(contact.davam_et())
    assert len(sms_outbox) == 1


def test_the_right_code_moves_on_and_is_not_kept_in_the_draft(contact):
    contact.davam_et()
    code = last_code_sent_to(MOBILE)

    assert_redirects_to(contact.davam_et(otp_code=code), "/apply/check/")
    assert code not in json.dumps(WizardDraft.objects.get().data)


def test_the_code_may_be_typed_with_spaces(contact):
    contact.davam_et()
    code = last_code_sent_to(MOBILE)

    assert_redirects_to(contact.davam_et(otp_code=f"{code[:3]} {code[3:]}"), "/apply/check/")


def test_a_wrong_code_says_how_many_tries_are_left_and_keeps_what_was_typed(contact):
    contact.davam_et()

    response = contact.davam_et(otp_code=wrong(last_code_sent_to(MOBILE)))

    assert response.status_code == 200
    assert code_message(response) == "Kod səhvdir. Daha 4 cəhdiniz qalıb."
    assert input_value(response, "contact-mobile_phone") == MOBILE_TYPED
    assert input_value(response, "contact-email") == EMAIL


def test_after_five_wrong_codes_even_the_right_one_is_refused_until_a_new_code(contact, sms_outbox):
    contact.davam_et()
    code = last_code_sent_to(MOBILE)
    for left in (4, 3, 2, 1):
        assert f"Daha {left} cəhdiniz qalıb" in code_message(contact.davam_et(otp_code=wrong(code)))

    assert TOO_MANY_TRIES in code_message(contact.davam_et(otp_code=wrong(code)))
    assert TOO_MANY_TRIES in code_message(contact.davam_et(otp_code=code))

    time_passes(61)
    assert_asks_for_the_code(contact.resend())
    assert len(sms_outbox) == 2
    assert_redirects_to(contact.davam_et(otp_code=last_code_sent_to(MOBILE)), "/apply/check/")


def test_an_expired_code_is_refused_and_continuing_sends_a_new_one(contact, sms_outbox):
    contact.davam_et()
    old = last_code_sent_to(MOBILE)
    time_passes(11 * 60)

    response = contact.davam_et(otp_code=old)

    assert "Kodun vaxtı bitib" in code_message(response)
    assert_asks_for_the_code(contact.davam_et())
    assert len(sms_outbox) == 2
    assert_redirects_to(contact.davam_et(otp_code=last_code_sent_to(MOBILE)), "/apply/check/")


# --- resending --------------------------------------------------------------------------


def test_resend_within_a_minute_is_refused_with_the_seconds_to_wait(contact, sms_outbox):
    contact.davam_et()

    response = contact.resend()

    message = code_message(response)
    wait = re.search(r"Yeni kodu (\d+) saniyədən sonra istəyə bilərsiniz", message)
    assert wait, message
    assert 1 <= int(wait.group(1)) <= 60
    assert len(sms_outbox) == 1


def test_resend_after_a_minute_sends_a_new_code_and_only_the_latest_works(contact, sms_outbox):
    contact.davam_et()
    old = last_code_sent_to(MOBILE)
    time_passes(61)

    assert_asks_for_the_code(contact.resend())

    new = last_code_sent_to(MOBILE)
    assert len(sms_outbox) == 2
    assert "Kod səhvdir" in code_message(contact.davam_et(otp_code=old))
    assert_redirects_to(contact.davam_et(otp_code=new), "/apply/check/")


def test_a_sixth_code_to_one_number_within_an_hour_is_refused(contact, sms_outbox):
    contact.davam_et()
    for _ in range(4):
        time_passes(61)
        assert_asks_for_the_code(contact.resend())
    assert len(codes_sent(sms_outbox)) == 5

    time_passes(61)
    response = contact.resend()

    assert HOURLY_LIMIT in code_message(response)
    assert len(sms_outbox) == 5
    time_passes(60 * 60)
    assert_asks_for_the_code(contact.resend())
    assert len(sms_outbox) == 6


def _others_ask_for(phone: str, times: int, *, address: str = "") -> None:
    for n in range(times):
        other = get_user_model().objects.create(username=f"other-{phone}-{n}")
        phone_verification_start(user=other, phone=phone, language="az", client_address=address)


def test_strangers_asking_for_a_number_do_not_lock_its_owner_out(
    contact, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _others_ask_for(MOBILE, 5)

    assert_asks_for_the_code(contact.davam_et())
    assert len(codes_sent(sms_outbox)) == 6


def test_one_number_has_a_generous_ceiling_whoever_asks(
    contact, sms_outbox, django_capture_on_commit_callbacks, settings
):
    ceiling = settings.PHONE_CODES_PER_HOUR["number"]
    with django_capture_on_commit_callbacks(execute=True):
        _others_ask_for(MOBILE, ceiling)

    response = contact.davam_et()

    assert HOURLY_LIMIT in code_message(response)
    assert len(codes_sent(sms_outbox)) == ceiling


def test_codes_asked_from_one_client_address_are_limited(
    contact, sms_outbox, django_capture_on_commit_callbacks, settings
):
    quota = settings.PHONE_CODES_PER_HOUR["address"]
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(quota):
            _others_ask_for(f"+99455{n:07d}", 1, address="127.0.0.1")

    from_that_address = contact.davam_et()
    payload = {"application_wizard_view-current_step": "contact"}
    payload.update({f"contact-{name}": value for name, value in CONTACT.items()})
    elsewhere = contact.client.post("/apply/contact/", payload, REMOTE_ADDR="198.51.100.9")

    assert HOURLY_LIMIT in code_message(from_that_address)
    assert_asks_for_the_code(elsewhere)


def test_a_citizen_past_their_own_quota_is_refused_across_numbers(contact, sms_outbox, settings):
    quota = settings.PHONE_CODES_PER_HOUR["citizen"]
    numbers = [f"050 123 45 {n:02d}" for n in range(10, 11 + quota)]
    for typed in numbers[:quota]:
        assert "6 rəqəmli kodu yazın" in code_message(contact.davam_et(mobile_phone=typed))
    assert len(sms_outbox) == quota

    response = contact.davam_et(mobile_phone=numbers[quota])

    assert HOURLY_LIMIT in code_message(response)
    assert len(sms_outbox) == quota


# --- a confirmed number -----------------------------------------------------------------


def test_a_confirmed_number_stays_confirmed_when_coming_back_to_the_step(at_check_step, sms_outbox):
    client = at_check_step

    page = client.get("/apply/contact/?change=1")

    assert page.status_code == 200
    assert input_value(page, "contact-mobile_phone") == MOBILE_TYPED
    assert input_value(page, CODE_FIELD) is None, "no code is asked for"
    assert "Kodu yenidən göndər" not in visible_text(page)
    assert_redirects_to(post_step(client, "contact", CONTACT, return_to_check="1"), "/apply/check/")
    assert len(sms_outbox) == 1


def test_revalidation_on_later_pages_never_sends_a_code(
    at_check_step, sms_outbox, django_capture_on_commit_callbacks
):
    client = at_check_step
    key = input_value(client.get("/apply/check/"), "submission_key")
    # The citizen sends the check page days later: the confirmation has lapsed meanwhile.
    PhoneVerification.objects.update(verified_at=timezone.now() - timedelta(days=2))

    with django_capture_on_commit_callbacks(execute=True):
        post_step(client, "check", {"declaration": "on"}, submission_key=key)
        assert_redirects_to(client.get("/apply/check/"), "/apply/contact/")
        assert client.get("/apply/contact/").status_code == 200

    assert not Application.objects.exists()
    assert len(sms_outbox) == 1


def test_a_refused_resend_is_announced_at_the_code_field(contact):
    contact.davam_et()

    response = contact.resend()

    # The message is tied to the field (aria-describedby), where a screen reader finds it.
    assert "saniyədən sonra" in field_error(response, CODE_FIELD)


def test_after_the_confirmation_lapsed_a_made_up_code_is_refused(at_check_step, sms_outbox):
    client = at_check_step
    PhoneVerification.objects.update(verified_at=timezone.now() - timedelta(days=2))

    response = post_step(client, "contact", {**CONTACT, "otp_code": "000000"})

    assert response.status_code == 200
    assert code_message(response)
