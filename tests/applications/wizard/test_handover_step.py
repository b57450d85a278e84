"""A transfer's own step: the handover day, the meter's reading that day (the smart meter's, where
there is one) and the other owners' numbers. Every refusal is at its field, with what was typed."""

import pytest

from applications.models import Application
from tests.support.billing import ledger_update
from tests.support.demo import (
    AYSEL,
    LEYLA,
    LEYLA_ACCOUNT,
    NERIMANOV_FLAT,
    NICAT,
    RAUF_ACCOUNT,
    SAMIR_ACCOUNT,
    SEBINE,
    SUMQAYIT_FLAT,
    VUQAR_ACCOUNT,
    XETAI_FLAT,
)
from tests.support.wizard import (
    CONTACT,
    assert_redirects_to,
    assert_refused_at,
    fill_until,
    handover_fields,
    input_value,
    post_contact,
    post_step,
    send,
    step_url,
    submission_key,
    visible_text,
)


@pytest.fixture
def aysel(signed_in_client):
    return signed_in_client(AYSEL)


def assert_refused_and_kept(response, field, value, *fragments):
    assert_refused_at(response, "handover", field, *fragments)
    assert input_value(response, f"handover-{field}") == value


def test_a_transfer_has_a_handover_step_after_the_property(aysel):
    fill_until(aysel, "property")

    page = aysel.get(step_url("handover"))

    text = visible_text(page)
    assert "Addım 4 / 5" in text and "Təhvil-təslim" in text
    # The day she became the owner, from the registry, is offered.
    assert input_value(page, "handover-handover_date") == "20.11.2026"
    assert "AZ-0048213" in text and "18 342,6" in text  # the meter and its last billed reading
    assert "avansı ona qaytarılır" in text


def test_a_rename_has_no_handover_step(signed_in_client):
    leyla = signed_in_client(LEYLA)

    fill_until(leyla, "property", kind="rename", code=LEYLA_ACCOUNT, place=SUMQAYIT_FLAT)

    page = leyla.get(step_url("contact"))
    assert page.status_code == 200 and "Addım 4 / 4" in visible_text(page)


def test_the_reading_is_taken_as_people_write_it(aysel):
    fill_until(aysel, "property")

    response = post_step(aysel, "handover", {"handover_date": "20.11.2026", "meter_reading": "18 463,1"})

    assert_redirects_to(response, step_url("contact"))
    post_contact(aysel, CONTACT)
    assert "18 463,1 kVt·saat" in visible_text(aysel.get(step_url("check")))


BAD_READINGS = {
    "below the last bill": (
        "18000",
        "son hesablanmış göstəricidən (18 342,6 kVt·saat, 01.11.2026) az ola bilməz",
    ),
    "an implausible jump": ("98342,6", "gündə"),
    "two decimals": ("18463,15", "sonra ən çox 1 rəqəm"),
    "too many digits": ("1846312,0", "vergüldən əvvəl ən çox 6"),
    "words": ("on səkkiz min", "rəqəmlərlə yazın"),
    "missing": ("", "göstəricisini yazın"),
}


@pytest.mark.parametrize("value, message", BAD_READINGS.values(), ids=BAD_READINGS.keys())
def test_an_implausible_reading_is_refused_at_the_field(aysel, value, message):
    fill_until(aysel, "property")

    response = post_step(aysel, "handover", {"handover_date": "20.11.2026", "meter_reading": value})

    assert_refused_and_kept(response, "meter_reading", value, message)


BAD_DATES = {
    "not a date": ("dünən", "gg.aa.iiii"),
    "in the future": ("01.01.2099", "gələcəkdə ola bilməz"),
    "before she owned it": ("10.11.2026", "20.11.2026 tarixindən əvvəl ola bilməz"),
    "empty": ("", "Təhvil tarixini yazın"),
}


@pytest.mark.parametrize("value, message", BAD_DATES.values(), ids=BAD_DATES.keys())
def test_a_wrong_handover_day_is_refused_at_the_field(aysel, value, message):
    fill_until(aysel, "property")

    response = post_step(aysel, "handover", {"handover_date": value, "meter_reading": "18463,1"})

    assert_refused_and_kept(response, "handover_date", value, message)


def test_a_smart_meter_needs_no_reading_and_billing_gives_it(signed_in_client):
    sebine = signed_in_client(SEBINE)
    fill_until(sebine, "property", code=SAMIR_ACCOUNT, place=XETAI_FLAT)

    assert "smart sayğacdır" in visible_text(sebine.get(step_url("handover")))
    response = post_step(sebine, "handover", {"handover_date": "24.11.2026", "meter_reading": ""})

    assert_redirects_to(response, step_url("contact"))
    post_contact(sebine, CONTACT)
    assert "Smart sayğacdan götürüləcək" in visible_text(sebine.get(step_url("check")))
    send(sebine)
    handover = Application.objects.get().handover
    # 21 877,3 at the last bill and 7,4 a day for 23 days, as billing's smart meter read it.
    assert (str(handover.reading_kwh), handover.reading_source) == ("22047.5", "smart")


def test_each_other_owner_needs_a_mobile_number(signed_in_client):
    nicat = signed_in_client(NICAT)
    fill_until(nicat, "property", code=VUQAR_ACCOUNT, place=NERIMANOV_FLAT)
    fields = handover_fields(VUQAR_ACCOUNT, NERIMANOV_FLAT)

    page = nicat.get(step_url("handover"))
    assert "A**** R******* — mobil nömrəsi" in visible_text(page)
    refused = post_step(nicat, "handover", fields)
    assert_refused_at(refused, "handover", "coowner_6KL5J4H", "mobil nömrəsini yazın")

    accepted = post_step(nicat, "handover", {**fields, "coowner_6KL5J4H": "055 222 33 44"})

    assert_redirects_to(accepted, step_url("contact"))


def test_the_check_page_shows_the_handover_and_leads_back_to_it(aysel):
    fill_until(aysel, "contact")

    page = aysel.get(step_url("check"))

    text = visible_text(page)
    assert "Təhvil-təslim" in text and "20.11.2026" in text
    assert f'href="{step_url("handover")}?change=1"' in page.content.decode()


def test_a_reading_that_stopped_being_plausible_sends_the_citizen_back_to_the_step(aysel):
    fill_until(aysel, "contact")
    key = submission_key(aysel)
    # Billing read the meter meanwhile: the typed reading is now below the last billed one.
    ledger_update(RAUF_ACCOUNT, last_billed_kwh="18500.0")

    response = send(aysel, key)

    assert_redirects_to(response, step_url("handover"))
    assert not Application.objects.exists()
    explained = aysel.get(step_url("handover"))
    assert_refused_at(explained, "handover", "meter_reading", "az ola bilməz")
