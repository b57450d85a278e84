"""Every wizard field against what people actually type: refused with a message at the field
and the typed value kept, or accepted and stored cleaned."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.models import Application
from tests.support.demo import AYSEL, NESIMI_FLAT, RAUF_ACCOUNT
from tests.support.wizard import (
    CONTACT,
    application_fields,
    assert_redirects_to,
    assert_refused_at,
    complete_wizard,
    field_error,
    fill_until,
    form_controls,
    input_value,
    post_contact,
    post_step,
    send,
    step_url,
    visible_text,
)


@pytest.fixture
def aysel(signed_in_client):
    return signed_in_client(AYSEL)


def assert_refused_and_kept(response, step, field, value, *fragments):
    assert_refused_at(response, step, field, *fragments)
    assert input_value(response, f"{step}-{field}") == value
    assert Application.objects.count() == 0


# --- subscriber code --------------------------------------------------------------------

BAD_CODES = {
    "empty": ("", "Abonent kodunu daxil edin"),
    "14 digits": ("10010020030040", "15 rəqəmdən ibarət olmalıdır, siz 14 rəqəm yazmısınız"),
    "16 digits": ("1001002003004011", "15 rəqəmdən ibarət olmalıdır, siz 16 rəqəm yazmısınız"),
    "letters": ("10010020030040A", "yalnız rəqəmlərdən"),
    "words": ("abonent kodu", "yalnız rəqəmlərdən"),
    "arabic-indic digits": ("١٠٠١٠٠٢٠٠٣٠٠٤٠١", "yalnız rəqəmlərdən"),
    "fullwidth digits": ("１００１００２００３００４０１", "yalnız rəqəmlərdən"),
    "decimal point": ("100100200300.401", "yalnız rəqəmlərdən"),
}


@pytest.mark.parametrize("value, message", BAD_CODES.values(), ids=BAD_CODES.keys())
def test_subscriber_code_refused(aysel, value, message):
    fill_until(aysel, "basic")

    response = post_step(aysel, "application", application_fields("transfer", value))

    assert_refused_and_kept(response, "application", "subscriber_code", value, message)


def test_overlong_subscriber_code_is_refused_not_crashed(aysel):
    fill_until(aysel, "basic")
    value = "1" * 300

    response = post_step(aysel, "application", application_fields("transfer", value))

    assert_refused_and_kept(response, "application", "subscriber_code", value)


@pytest.mark.parametrize(
    "value",
    [
        "100 100 200 300 401",
        "100-100-200-300-401",
        " 100100200300401 ",
        "100\u00a0100\u00a0200\u00a0300\u00a0401",
        "100–100–200–300–401",
    ],
    ids=["spaces", "dashes", "padded", "no-break spaces", "en dashes"],
)
def test_subscriber_code_written_with_separators_is_accepted(aysel, value):
    fill_until(aysel, "basic")

    response = post_step(aysel, "application", application_fields("transfer", value))

    assert_redirects_to(response, step_url("property"))
    fill_until(aysel, "contact")
    assert "100100200300401" in visible_text(aysel.get(step_url("check")))


def test_subscriber_code_with_spaces_is_stored_as_digits(aysel):
    complete_wizard(aysel, "transfer", "100 100 200 300 401", NESIMI_FLAT, CONTACT)

    assert Application.objects.get().subscriber_code == RAUF_ACCOUNT


def test_typed_markup_is_shown_as_text(aysel):
    fill_until(aysel, "basic")
    value = '"><script>alert(1)</script>'

    response = post_step(aysel, "application", application_fields("transfer", value))

    assert_refused_and_kept(response, "application", "subscriber_code", value)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_application_kind_must_be_chosen(aysel):
    fill_until(aysel, "basic")

    response = post_step(aysel, "application", {"subscriber_code": RAUF_ACCOUNT})

    assert_refused_at(response, "application", "kind", "Müraciətin növünü seçin")
    assert input_value(response, "application-subscriber_code") == RAUF_ACCOUNT


def test_unknown_application_kind_is_refused(aysel):
    fill_until(aysel, "basic")

    response = post_step(aysel, "application", application_fields("sell", RAUF_ACCOUNT))

    assert_refused_at(response, "application", "kind")
    assert input_value(response, "application-subscriber_code") == RAUF_ACCOUNT


# --- registry and registration numbers --------------------------------------------------

BAD_PROPERTY_NUMBERS = {
    "registry empty": ("registry_number", "", "Reyestr nömrəsini daxil edin"),
    "registry 9 digits": ("registry_number", "608011001", "10–13 rəqəm"),
    "registry 14 digits": ("registry_number", "60801100179812", "10–13 rəqəm"),
    "registry letters": ("registry_number", "6080110017AB", "10–13 rəqəm"),
    "registry arabic-indic digits": ("registry_number", "٦٠٨٠١١٠٠١٧٩٨", "10–13 rəqəm"),
    "registration empty": ("registration_number", "", "Qeydiyyat nömrəsini daxil edin"),
    "registration 7 digits": ("registration_number", "1725022", "8–12 rəqəm"),
    "registration 13 digits": ("registration_number", "1725022423123", "8–12 rəqəm"),
    "registration letters": ("registration_number", "17250X2423", "8–12 rəqəm"),
    "registration slash": ("registration_number", "1725/022423", "8–12 rəqəm"),
}


@pytest.mark.parametrize(
    "field, value, message", BAD_PROPERTY_NUMBERS.values(), ids=BAD_PROPERTY_NUMBERS.keys()
)
def test_property_number_refused(aysel, field, value, message):
    fill_until(aysel, "application")
    place = {**NESIMI_FLAT, field: value}

    response = post_step(aysel, "property", place)

    assert_refused_and_kept(response, "property", field, value, message)
    other = "registration_number" if field == "registry_number" else "registry_number"
    assert input_value(response, f"property-{other}") == NESIMI_FLAT[other]
    assert input_value(response, "property-district") == "baki-nesimi"


def test_property_numbers_with_spaces_and_dashes_are_tolerated(aysel):
    fill_until(aysel, "application")
    place = {**NESIMI_FLAT, "registry_number": "6080 1100 1798", "registration_number": "17-250-22423"}

    response = post_step(aysel, "property", place)

    assert_redirects_to(response, step_url("handover"))


def test_property_numbers_are_stored_as_digits(aysel):
    place = {**NESIMI_FLAT, "registry_number": "6080 1100 1798", "registration_number": "17-250-22423"}

    complete_wizard(aysel, "transfer", RAUF_ACCOUNT, place, CONTACT)

    application = Application.objects.get()
    assert (application.registry_number, application.registration_number) == (
        "608011001798",
        "1725022423",
    )


# --- district ---------------------------------------------------------------------------

BAD_DISTRICTS = {
    "empty": ("", "Rayonu seçin"),
    "unknown": ("atlantis", "Siyahıdan rayonu seçin"),
    "Naxçıvan (not served)": ("naxcivan-city", "Azərişığın xidmət ərazisi deyil"),
    "Baku as a whole": ("baki-city", "Siyahıdan rayonu seçin"),
}


@pytest.mark.parametrize("value, message", BAD_DISTRICTS.values(), ids=BAD_DISTRICTS.keys())
def test_district_refused(aysel, value, message):
    fill_until(aysel, "application")

    response = post_step(aysel, "property", {**NESIMI_FLAT, "district": value})

    assert_refused_at(response, "property", "district", message)
    assert input_value(response, "property-registry_number") == NESIMI_FLAT["registry_number"]
    assert input_value(response, "property-property_kind") == "apartment"
    assert Application.objects.count() == 0


def district_options(response) -> list[str]:
    select = re.search(r'<select name="property-district".*?</select>', response.content.decode(), flags=re.S)
    assert select, "no district list on the page"
    return re.findall(r'<option value="([^"]*)"', select.group(0))


def test_district_list_leaves_out_naxcivan_and_baku_as_a_whole(aysel):
    fill_until(aysel, "application")

    options = district_options(aysel.get(step_url("property")))

    assert "baki-nesimi" in options
    assert "sumqayit-city" in options
    assert "gence-city" in options
    assert "baki-city" not in options
    assert not [code for code in options if code.startswith("naxcivan")]


def test_district_list_starts_with_bakus_districts(aysel):
    fill_until(aysel, "application")

    options = [code for code in district_options(aysel.get(step_url("property"))) if code]

    baku = [code for code in options if code.startswith("baki-")]
    assert len(baku) == 12
    assert options[: len(baku)] == baku


def test_property_kind_must_be_chosen(aysel):
    fill_until(aysel, "application")
    place = {key: value for key, value in NESIMI_FLAT.items() if key != "property_kind"}

    response = post_step(aysel, "property", place)

    assert_refused_at(response, "property", "property_kind", "Əmlakın növünü seçin")
    assert input_value(response, "property-registry_number") == NESIMI_FLAT["registry_number"]


# --- mobile numbers ---------------------------------------------------------------------

BAD_MOBILES = {
    "empty": ("", "Mobil nömrəni daxil edin"),
    "Baku landline": ("012 493 12 34", "mobil nömrə deyil"),
    "landline in international form": ("+994 12 493 12 34", "mobil nömrə deyil"),
    "Russian mobile": ("+7 916 123 45 67", "Azərbaycan mobil nömrəsini"),
    "too short": ("050 123 45 6", "düzgün formatda deyil"),
    "too long": ("050 123 45 678", "düzgün formatda deyil"),
    "words": ("nömrəm yoxdur", "düzgün formatda deyil"),
    "punctuation only": ("+++", "düzgün formatda deyil"),
}


@pytest.mark.parametrize("value, message", BAD_MOBILES.values(), ids=BAD_MOBILES.keys())
def test_mobile_refused(aysel, value, message):
    fill_until(aysel, "handover")

    response = post_step(aysel, "contact", {**CONTACT, "mobile_phone": value})

    assert_refused_and_kept(response, "contact", "mobile_phone", value, message)


def test_mobile_with_letters_is_refused(aysel):
    fill_until(aysel, "handover")

    response = post_step(aysel, "contact", {**CONTACT, "mobile_phone": "050 ABC 45 67"})

    assert_refused_and_kept(response, "contact", "mobile_phone", "050 ABC 45 67")


@pytest.mark.parametrize(
    "value",
    ["050 123 45 67", "+994501234567", "050-123-45-67", "(050) 1234567", "+994 50 123 45 67"],
)
def test_mobile_accepted_in_usual_spellings_and_stored_as_e164(aysel, value):
    response = complete_wizard(
        aysel, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, {**CONTACT, "mobile_phone": value}
    )

    assert_redirects_to(response, "/apply/submitted/")
    assert Application.objects.get().mobile_phone == "+994501234567"


def test_check_page_shows_the_mobile_as_people_write_it(aysel):
    fill_until(aysel, "contact", contact={**CONTACT, "mobile_phone": "(050) 1234567"})

    assert "+994 50 123 45 67" in visible_text(aysel.get(step_url("check")))


def test_no_extra_mobile_is_asked_for_nor_kept(aysel):
    # It was collected but never verified nor used: dropped (data minimisation).
    contact = {**CONTACT, "extra_mobile_phone": "055 765 43 21"}  # as an old tab would post it

    complete_wizard(aysel, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, contact)

    application = Application.objects.get()
    assert not hasattr(application, "extra_mobile_phone")
    assert "765 43 21" not in visible_text(aysel.get(f"/my/{application.number}/"))
    assert "Əlavə mobil nömrə" not in visible_text(aysel.get(f"/my/{application.number}/"))


# --- e-mail -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["ad@", "ad example.az", "ad@@example.az", "@example.az"])
def test_invalid_email_refused(aysel, value):
    fill_until(aysel, "handover")

    response = post_step(aysel, "contact", {**CONTACT, "email": value})

    assert_refused_and_kept(response, "contact", "email", value, "E-poçt ünvanı düzgün formatda deyil")


def test_empty_email_is_accepted(aysel):
    fill_until(aysel, "handover")

    response = post_contact(aysel, {**CONTACT, "email": ""})

    assert_redirects_to(response, step_url("check"))
    assert "E-poçt ünvanı —" in visible_text(aysel.get(step_url("check")))


def test_email_is_stored(aysel):
    contact = {**CONTACT, "email": "aysel@example.az"}

    complete_wizard(aysel, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, contact)

    assert Application.objects.get().email == "aysel@example.az"


# --- the declaration --------------------------------------------------------------------


def test_sending_without_the_declaration_is_refused(aysel):
    fill_until(aysel, "contact")
    key = input_value(aysel.get(step_url("check")), "submission_key")

    response = post_step(aysel, "check", {}, submission_key=key)

    assert_refused_at(response, "check", "declaration", "təsdiq edin")
    assert Application.objects.count() == 0
    assert_redirects_to(send(aysel, key), "/apply/submitted/")


def test_every_field_of_a_step_is_named_in_the_error_summary(aysel):
    fill_until(aysel, "handover")

    response = post_step(aysel, "contact", {"mobile_phone": "", "email": "x@"})

    assert response.status_code == 200
    html = response.content.decode()
    for control in ("mobile_phone", "email"):
        assert field_error(response, f"contact-{control}")
        assert f'href="#id_contact-{control}"' in html
    assert set(form_controls(response).values) >= {
        "contact-mobile_phone",
        "contact-email",
    }


def test_district_list_is_read_once_and_shows_a_new_district_at_once(aysel):
    from subscribers.models import District

    fill_until(aysel, "application")
    first = district_options(aysel.get(step_url("property")))
    with CaptureQueriesContext(connection) as again:
        assert district_options(aysel.get(step_url("property"))) == first
    assert not [
        q for q in again.captured_queries if q["sql"].startswith('SELECT DISTINCT "subscribers_district"')
    ]

    new = District.objects.create(
        code="yeni-rayon",
        name="Yeni",
        kind=District.Kind.RAYON,
        economic_region="Lənkəran-Astara",
        office=District.objects.get(iso_code="AZ-LAN").office,
    )
    assert new.code in district_options(aysel.get(step_url("property")))
    new.delete()
    assert new.code not in district_options(aysel.get(step_url("property")))
