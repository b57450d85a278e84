"""Moving around the wizard: order of steps, "Geri", resuming, starting over, "Dəyiş", sending
once."""

import uuid

import pytest

from applications.models import Application
from tests.support.demo import (
    AYSEL,
    LEYLA,
    LEYLA_ACCOUNT,
    NESIMI_FLAT,
    RAUF_ACCOUNT,
    SUMQAYIT_FLAT,
    TURAL_ACCOUNT,
)
from tests.support.wizard import (
    CONTACT,
    CURRENT_STEP,
    application_fields,
    asks_for_sms_code,
    assert_redirects_to,
    assert_refused_at,
    complete_wizard,
    field_error,
    fill_until,
    go_back,
    handover_fields,
    input_value,
    post_contact,
    post_delivering_sms,
    post_step,
    send,
    sign_in,
    sign_out,
    step_url,
    submission_key,
    visible_text,
)
from tests.support.world import last_code_sent_to


@pytest.fixture
def aysel(signed_in_client):
    return signed_in_client(AYSEL)


# --- order of steps ---------------------------------------------------------------------


@pytest.mark.parametrize("step", ["application", "property", "contact", "check"])
def test_later_steps_redirect_to_step_one_on_a_fresh_draft(aysel, step):
    assert_redirects_to(aysel.get(step_url(step)), step_url("basic"))


@pytest.mark.parametrize("step", ["contact", "check"])
def test_later_steps_redirect_to_the_first_unfinished_step(aysel, step):
    fill_until(aysel, "application")

    assert_redirects_to(aysel.get(step_url(step)), step_url("property"))


def test_wizard_start_goes_to_the_current_step(aysel):
    fill_until(aysel, "handover")

    assert_redirects_to(aysel.get("/apply/"), step_url("contact"))


def test_posting_a_later_step_early_does_not_skip_the_earlier_ones(aysel):
    fill_until(aysel, "application")

    post_step(aysel, "contact", CONTACT)

    assert_redirects_to(aysel.get(step_url("check")), step_url("property"))
    assert Application.objects.count() == 0


def test_unknown_step_goes_to_step_one(aysel):
    assert_redirects_to(aysel.get("/apply/nonsense/"), step_url("basic"))


def test_sending_before_the_steps_are_done_sends_nothing(aysel):
    fill_until(aysel, "basic")

    response = post_step(aysel, "check", {"declaration": "on"}, submission_key=str(uuid.uuid4()))

    assert_redirects_to(response, step_url("application"))
    assert Application.objects.count() == 0


def test_post_without_the_wizard_step_field_is_a_bad_request(aysel):
    fill_until(aysel, "basic")

    response = aysel.post(step_url("application"), {"application-kind": "transfer"})

    assert response.status_code == 400


@pytest.mark.parametrize("step_name", ["nonsense", "done"])
def test_post_with_a_tampered_step_name_is_not_a_server_error(aysel, step_name):
    fill_until(aysel, "basic")
    aysel.raise_request_exception = False

    response = aysel.post(step_url("application"), {CURRENT_STEP: step_name})

    assert response.status_code in (302, 400)


def test_done_url_never_sends(aysel):
    fill_until(aysel, "contact")
    key = submission_key(aysel)

    response = aysel.get("/apply/done/")

    assert response.status_code == 302
    assert Application.objects.count() == 0
    # The draft is intact: sending from the check page still works.
    assert_redirects_to(send(aysel, key), "/apply/submitted/")


def test_citizen_unknown_to_the_registry_cannot_go_past_step_one(signed_in_client):
    stranger = signed_in_client("7ZZ7ZZ7")

    page = stranger.get(step_url("basic"))

    assert page.status_code == 200
    assert "məlumat tapılmadı" in visible_text(page)
    refused = post_step(stranger, "basic")
    assert refused.status_code == 200
    assert "məlumat tapılmadı" in visible_text(refused)
    post_step(stranger, "application", application_fields("transfer", RAUF_ACCOUNT))
    assert_redirects_to(stranger.get(step_url("property")), step_url("basic"))
    assert Application.objects.count() == 0


def test_step_counter_shows_where_the_citizen_is(aysel):
    fill_until(aysel, "application")

    assert "Addım 3 / 5" in visible_text(aysel.get(step_url("property")))  # a transfer hands over


# --- "Geri" -----------------------------------------------------------------------------


def test_back_keeps_invalid_values_typed_on_the_page_left(aysel):
    fill_until(aysel, "application")
    typed = {**NESIMI_FLAT, "registry_number": "12", "registration_number": "abc"}

    response = go_back(aysel, "property", typed)

    assert_redirects_to(response, step_url("application"))
    previous = aysel.get(step_url("application"))
    assert input_value(previous, "application-subscriber_code") == RAUF_ACCOUNT
    assert input_value(previous, "application-kind") == "transfer"
    returned = aysel.get(step_url("property"))
    assert returned.status_code == 200
    assert input_value(returned, "property-registry_number") == "12"
    assert input_value(returned, "property-registration_number") == "abc"
    assert input_value(returned, "property-district") == "baki-nesimi"


def test_back_from_contact_then_forward_keeps_both_pages(aysel):
    fill_until(aysel, "handover")
    typed = {"mobile_phone": "055 555 55 55", "email": "a@"}

    assert_redirects_to(go_back(aysel, "contact", typed), step_url("handover"))
    assert (
        input_value(aysel.get(step_url("property")), "property-registry_number")
        == (NESIMI_FLAT["registry_number"])
    )
    assert_redirects_to(post_step(aysel, "property", NESIMI_FLAT), step_url("handover"))
    assert_redirects_to(post_step(aysel, "handover", handover_fields()), step_url("contact"))

    contact = aysel.get(step_url("contact"))
    assert input_value(contact, "contact-mobile_phone") == "055 555 55 55"
    assert input_value(contact, "contact-email") == "a@"


def test_back_from_an_older_page_keeps_what_was_typed_there(aysel):
    fill_until(aysel, "contact")
    aysel.get(step_url("contact"))
    # The browser's Back button shows the property page again; the citizen edits and presses "Geri".

    go_back(aysel, "property", {**NESIMI_FLAT, "registry_number": "60801"})

    page = aysel.get(step_url("property"))
    assert input_value(page, "property-registry_number") == "60801"


def test_back_from_an_older_page_leaves_the_other_answers_alone(aysel):
    fill_until(aysel, "contact")
    aysel.get(step_url("contact"))

    go_back(aysel, "property", NESIMI_FLAT)

    page = aysel.get(step_url("contact"))
    assert page.status_code == 200
    assert input_value(page, "contact-mobile_phone") == CONTACT["mobile_phone"]


def test_back_from_the_check_page_goes_to_contact(aysel):
    fill_until(aysel, "contact")
    key = submission_key(aysel)

    response = post_step(aysel, "check", {}, submission_key=key, wizard_goto_step="contact")

    assert_redirects_to(response, step_url("contact"))
    assert input_value(aysel.get(step_url("contact")), "contact-mobile_phone") == "050 123 45 67"


def test_yoxla_on_an_older_page_shows_the_account_and_stays(aysel):
    fill_until(aysel, "application")

    response = post_step(
        aysel, "application", application_fields("transfer", TURAL_ACCOUNT), check_account="1"
    )

    assert response.status_code == 200
    assert "Şəxsi hesab tapıldı" in visible_text(response)
    assert input_value(response, "application-subscriber_code") == TURAL_ACCOUNT


# --- resuming ---------------------------------------------------------------------------


def test_signing_out_and_in_again_resumes_on_the_same_step_with_the_values(client):
    sign_in(client, AYSEL)
    fill_until(client, "handover")
    sign_out(client)

    assert_redirects_to(sign_in(client, AYSEL), "/apply/")
    assert_redirects_to(client.get("/apply/"), step_url("contact"))
    page = client.get(step_url("property"))
    assert input_value(page, "property-registry_number") == NESIMI_FLAT["registry_number"]
    assert input_value(page, "property-district") == "baki-nesimi"


def test_another_device_resumes_on_the_same_step_with_the_values(citizen):
    laptop = citizen(AYSEL)
    fill_until(laptop, "application")
    go_back(laptop, "property", {**NESIMI_FLAT, "registry_number": "60801"})
    laptop.get(step_url("property"))  # back on the property page, then the laptop is closed

    phone = citizen(AYSEL)

    assert_redirects_to(phone.get("/apply/"), step_url("property"))
    page = phone.get(step_url("property"))
    assert input_value(page, "property-registry_number") == "60801"
    assert input_value(page, "property-registration_number") == NESIMI_FLAT["registration_number"]


def test_drafts_are_per_citizen(citizen):
    fill_until(citizen(AYSEL), "property")

    leyla = citizen(LEYLA)

    assert_redirects_to(leyla.get("/apply/"), step_url("basic"))
    assert_redirects_to(leyla.get(step_url("property")), step_url("basic"))


def test_start_over_clears_the_draft(aysel):
    fill_until(aysel, "handover")

    response = post_step(aysel, "property", wizard_reset="1")

    assert_redirects_to(response, step_url("basic"))
    assert_redirects_to(aysel.get(step_url("property")), step_url("basic"))
    assert_redirects_to(post_step(aysel, "basic"), step_url("application"))
    page = aysel.get(step_url("application"))
    assert input_value(page, "application-subscriber_code") == ""
    assert not field_error(page, "application-subscriber_code")


def test_start_over_button_is_on_every_step(aysel):
    fill_until(aysel, "application")

    assert 'name="wizard_reset"' in aysel.get(step_url("property")).content.decode()


def test_a_link_cannot_wipe_the_draft(aysel):
    fill_until(aysel, "application")

    assert_redirects_to(aysel.get("/apply/?reset=1"), step_url("property"))
    assert_redirects_to(aysel.get("/apply/"), step_url("property"))


# --- "Dəyiş" ----------------------------------------------------------------------------


def test_check_page_links_every_answer_but_step_one_to_its_step(aysel):
    fill_until(aysel, "contact")

    html = aysel.get(step_url("check")).content.decode()

    for step in ("application", "property", "contact"):
        assert f'href="/apply/{step}/?change=1"' in html
    assert 'href="/apply/basic/?change=1"' not in html


def test_change_returns_to_the_check_page_after_a_valid_change(aysel):
    fill_until(aysel, "contact")

    page = aysel.get(step_url("contact") + "?change=1")
    assert input_value(page, "return_to_check") == "1"
    assert "yoxlamaya qayıt" in visible_text(page)
    response = post_contact(aysel, {**CONTACT, "email": "aysel@example.az"}, return_to_check="1")

    assert_redirects_to(response, step_url("check"))
    assert "aysel@example.az" in visible_text(aysel.get(step_url("check")))


def test_changing_the_mobile_asks_for_its_code_and_keeps_the_way_back(aysel):
    fill_until(aysel, "contact")
    changed = {**CONTACT, "mobile_phone": "055 765 43 21"}

    asked = post_delivering_sms(aysel, "contact", changed, return_to_check="1")

    assert asks_for_sms_code(asked)
    assert input_value(asked, "return_to_check") == "1"
    code = last_code_sent_to("+994557654321")
    response = post_step(aysel, "contact", {**changed, "otp_code": code}, return_to_check="1")
    assert_redirects_to(response, step_url("check"))
    assert "+994 55 765 43 21" in visible_text(aysel.get(step_url("check")))


def test_invalid_change_stays_on_the_step_and_still_offers_the_way_back(aysel):
    fill_until(aysel, "contact")

    response = post_step(aysel, "contact", {**CONTACT, "mobile_phone": "1"}, return_to_check="1")

    assert_refused_at(response, "contact", "mobile_phone")
    assert input_value(response, "return_to_check") == "1"


def test_changing_the_code_to_an_account_the_property_does_not_match_goes_to_property(aysel):
    fill_until(aysel, "contact")

    response = post_step(
        aysel, "application", application_fields("transfer", TURAL_ACCOUNT), return_to_check="1"
    )

    assert_redirects_to(response, step_url("property") + "?change=1")
    page = aysel.get(step_url("property") + "?change=1")
    assert_refused_at(page, "property", "registry_number", "hesabın ünvanı deyil")
    assert 'name="return_to_check"' in page.content.decode()
    assert_redirects_to(aysel.get(step_url("check")), step_url("property"))


def test_changed_answers_are_the_ones_sent(signed_in_client):
    leyla = signed_in_client(LEYLA)
    fill_until(leyla, "contact", kind="rename", code=LEYLA_ACCOUNT, place=SUMQAYIT_FLAT)
    post_contact(leyla, {**CONTACT, "email": "leyla@example.az"}, return_to_check="1")

    assert_redirects_to(send(leyla), "/apply/submitted/")

    assert Application.objects.get().email == "leyla@example.az"


# --- sending once -----------------------------------------------------------------------


def test_sending_twice_with_the_same_key_makes_one_application(aysel):
    fill_until(aysel, "contact")
    key = submission_key(aysel)

    first = send(aysel, key)
    second = send(aysel, key)

    assert_redirects_to(first, "/apply/submitted/")
    assert_redirects_to(second, "/apply/submitted/")
    application = Application.objects.get()
    assert application.number in visible_text(aysel.get("/apply/submitted/"))


def test_sending_from_a_second_tab_with_the_same_key_makes_one_application(citizen):
    first_tab = citizen(AYSEL)
    fill_until(first_tab, "contact")
    key = submission_key(first_tab)
    second_tab = citizen(AYSEL)
    assert submission_key(second_tab) == key

    assert_redirects_to(send(first_tab, key), "/apply/submitted/")
    assert_redirects_to(send(second_tab, key), "/apply/submitted/")

    application = Application.objects.get()
    assert application.number in visible_text(second_tab.get("/apply/submitted/"))


def test_refreshing_the_confirmation_page_works(aysel):
    complete_wizard(aysel, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, CONTACT)
    number = Application.objects.get().number

    for _ in range(3):
        page = aysel.get("/apply/submitted/")
        assert page.status_code == 200
        assert number in visible_text(page)
    assert Application.objects.count() == 1


def test_after_sending_the_wizard_starts_afresh(aysel):
    complete_wizard(aysel, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, CONTACT)

    assert_redirects_to(aysel.get("/apply/"), step_url("basic"))
    assert_redirects_to(aysel.get(step_url("check")), step_url("basic"))


@pytest.mark.parametrize("key", ["not-a-uuid", "", "00000000-0000-0000-0000-000000000000"])
def test_tampered_submission_key_does_not_break_sending(aysel, key):
    fill_until(aysel, "contact")

    response = send(aysel, key)

    assert_redirects_to(response, "/apply/submitted/")
    assert Application.objects.count() == 1


def test_someone_elses_submission_key_does_not_show_their_application(citizen):
    aysel = citizen(AYSEL)
    complete_wizard(aysel, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, CONTACT)
    aysels = Application.objects.get()
    leyla = citizen(LEYLA)
    fill_until(leyla, "contact", kind="rename", code=LEYLA_ACCOUNT, place=SUMQAYIT_FLAT)

    response = send(leyla, str(aysels.submission_key))

    assert_redirects_to(response, "/apply/submitted/")
    page = visible_text(leyla.get("/apply/submitted/"))
    assert aysels.number not in page
    leylas = Application.objects.get(applicant_fin=LEYLA)
    assert leylas.number in page


def test_another_citizen_cannot_see_someones_confirmation(citizen):
    aysel = citizen(AYSEL)
    complete_wizard(aysel, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, CONTACT)
    leyla = citizen(LEYLA)

    response = leyla.get("/apply/submitted/")

    assert_redirects_to(response, "/apply/")


def test_the_confirmation_survives_signing_out_and_in_again(citizen):
    aysel = citizen(AYSEL)
    complete_wizard(aysel, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, CONTACT)
    number = Application.objects.get().number

    page = visible_text(citizen(AYSEL).get("/apply/submitted/"))

    assert number in page


def test_confirmation_without_an_application_goes_to_the_wizard(aysel):
    assert_redirects_to(aysel.get("/apply/submitted/"), "/apply/")


def test_confirmation_requires_sign_in(client):
    response = client.get("/apply/submitted/")

    assert response.status_code == 302
    assert response["Location"].startswith("/signin/")


def test_the_language_switch_on_a_step_keeps_what_was_typed_without_javascript(aysel):
    # The header's buttons submit the step's form (form="wizard-step-form"), as a browser
    # without JavaScript sends it: the typed fields and language=ru.
    fill_until(aysel, "basic")
    page = aysel.get(step_url("application"))
    assert 'form="wizard-step-form"' in page.content.decode()

    response = post_step(aysel, "application", {"kind": "transfer", "subscriber_code": "1001"}, language="ru")

    assert response.status_code == 302 and response["Location"] == step_url("application")
    again = aysel.get(step_url("application"))
    assert again["Content-Language"] == "ru"
    assert input_value(again, "application-subscriber_code") == "1001"


def test_an_unknown_language_from_the_switch_changes_nothing_but_keeps_the_typing(aysel):
    fill_until(aysel, "basic")

    post_step(aysel, "application", {"kind": "transfer", "subscriber_code": "1001"}, language="xx")

    again = aysel.get(step_url("application"))
    assert again["Content-Language"] == "az"
    assert input_value(again, "application-subscriber_code") == "1001"
