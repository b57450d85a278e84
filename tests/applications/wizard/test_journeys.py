"""The demo scenarios end to end through HTTP, and every refusal the domain rules make."""

import re

import pytest

from applications.models import Application, ApplicationEvent
from subscribers.models import District
from tests.support.billing import ledger_update
from tests.support.demo import (
    AYSEL,
    ELCIN,
    GENCE_ACCOUNT,
    GENCE_HOUSE,
    LEYLA,
    LEYLA_ACCOUNT,
    NESIMI_FLAT,
    RAUF,
    RAUF_ACCOUNT,
    SUMQAYIT_FLAT,
    TURAL,
    TURAL_ACCOUNT,
    YASAMAL_FLAT,
)
from tests.support.wizard import (
    CONTACT,
    application_fields,
    assert_redirects_to,
    assert_refused_at,
    complete_wizard,
    fill_until,
    input_value,
    post_step,
    send,
    step_url,
    submission_key,
    visible_text,
)

NUMBER = re.compile(r"AZI-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}")
UNKNOWN_ACCOUNT = "999999999999999"


def assert_nothing_stored():
    assert Application.objects.count() == 0
    assert ApplicationEvent.objects.count() == 0


def assert_application_values_kept(response, kind, code):
    assert input_value(response, "application-kind") == kind
    assert input_value(response, "application-subscriber_code") == code


def assert_property_values_kept(response, place):
    for name, value in place.items():
        assert input_value(response, f"property-{name}") == value, name


def confirmation_number(client) -> str:
    response = client.get("/apply/submitted/")
    assert response.status_code == 200
    text = visible_text(response)
    assert "Müraciətiniz qəbul edildi" in text
    match = NUMBER.search(text)
    assert match, text
    return match.group(0)


# --- the demo scenarios -----------------------------------------------------------------


def test_aysel_transfers_raufs_account_to_herself(signed_in_client):
    client = signed_in_client(AYSEL)

    response = complete_wizard(client, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, CONTACT)

    assert_redirects_to(response, "/apply/submitted/")
    application = Application.objects.get()
    assert application.status == Application.Status.SUBMITTED
    assert application.kind == Application.Kind.TRANSFER
    assert application.applicant_fin == AYSEL
    assert application.account.subscriber_code == RAUF_ACCOUNT
    assert application.subscriber_code == RAUF_ACCOUNT
    assert (application.registry_number, application.registration_number) == (
        "608011001798",
        "1725022423",
    )
    assert application.district.code == "baki-nesimi"
    assert application.office == District.objects.get(code="baki-nesimi").office
    assert application.office.name == "Bakı regional qeydiyyat ofisi"
    assert application.registry_snapshot["fin"] == AYSEL
    assert application.registry_snapshot["last_name"] == "Məmmədova"
    assert application.property_snapshot["owner_fins"] == [AYSEL]
    assert application.mobile_phone == "+994501234567"
    assert application.email == ""
    assert application.language == "az"
    assert [event.to_status for event in application.events.all()] == ["submitted"]
    assert confirmation_number(client) == application.number
    assert "Bakı regional qeydiyyat ofisi" in visible_text(client.get("/apply/submitted/"))


def test_leyla_renames_her_account_after_her_surname_changed(signed_in_client):
    client = signed_in_client(LEYLA)
    contact = {"mobile_phone": "+994 55 987 65 43", "email": "leyla@example.az"}

    response = complete_wizard(client, "rename", LEYLA_ACCOUNT, SUMQAYIT_FLAT, contact)

    assert_redirects_to(response, "/apply/submitted/")
    application = Application.objects.get()
    assert application.status == Application.Status.SUBMITTED
    assert application.kind == Application.Kind.RENAME
    assert application.applicant_fin == LEYLA
    assert application.subscriber_code == LEYLA_ACCOUNT
    assert application.office == District.objects.get(code="sumqayit-city").office
    assert application.office.name == "Abşeron–Xızı regional qeydiyyat ofisi"
    assert application.registry_snapshot["last_name"] == "Quliyeva"
    assert application.registry_snapshot["previous_last_name"] == "Həsənova"
    assert application.mobile_phone == "+994559876543"
    assert application.email == "leyla@example.az"
    assert application.language == "az"
    assert [event.to_status for event in application.events.all()] == ["submitted"]
    assert confirmation_number(client) == application.number


def test_step_one_shows_the_registry_data_including_the_previous_surname(signed_in_client):
    client = signed_in_client(LEYLA)

    text = visible_text(client.get("/apply/basic/"))

    for fact in ("Quliyeva", "Leyla", "Tofiq qızı", "Həsənova", LEYLA, "05.09.1993", "AA2468135"):
        assert fact in text


def test_check_page_shows_every_answer(signed_in_client):
    client = signed_in_client(AYSEL)
    contact = {**CONTACT, "email": "aysel@example.az"}
    fill_until(client, "contact", contact=contact)

    text = visible_text(client.get(step_url("check")))

    for answer in (
        "Məmmədova Aysel Rövşən qızı",
        AYSEL,
        "Şəxsi hesabın digər abonentin adına keçirilməsi",
        RAUF_ACCOUNT,
        "Mənzil",
        "Bakı ş., Nəsimi r.",
        "608011001798",
        "1725022423",
        "S. Vurğun küç. 24, m. 17",
        "+994 50 123 45 67",
        "aysel@example.az",
        "Müraciəti göndər",
    ):
        assert answer in text, answer


def test_anonymous_post_to_the_wizard_stores_nothing(client):
    response = post_step(client, "application", application_fields("transfer", RAUF_ACCOUNT))

    assert response.status_code == 302
    assert response["Location"].startswith("/signin/")
    assert_nothing_stored()


def test_application_keeps_the_language_the_citizen_used(signed_in_client):
    client = signed_in_client(AYSEL)
    client.post("/i18n/setlang/", {"language": "en", "next": "/apply/"})

    complete_wizard(client, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, CONTACT)

    assert Application.objects.get().language == "en"


def test_elcin_is_stopped_at_step_two_by_the_debt(signed_in_client):
    client = signed_in_client(ELCIN)
    fill_until(client, "basic")

    response = post_step(client, "application", application_fields("transfer", GENCE_ACCOUNT))

    assert_refused_at(response, "application", "subscriber_code", "45,20 AZN", "borc")
    assert_application_values_kept(response, "transfer", GENCE_ACCOUNT)
    assert_redirects_to(client.get(step_url("property")), step_url("application"))
    assert_nothing_stored()


def test_tural_cannot_rename_without_a_name_change(signed_in_client):
    client = signed_in_client(TURAL)
    fill_until(client, "basic")

    response = post_step(client, "application", application_fields("rename", TURAL_ACCOUNT))

    assert_refused_at(response, "application", "kind", "dəyişdiyi barədə məlumat yoxdur")
    assert_application_values_kept(response, "rename", TURAL_ACCOUNT)
    assert_redirects_to(client.get(step_url("property")), step_url("application"))
    assert_nothing_stored()


def test_yoxla_shows_the_account_without_leaving_the_step(signed_in_client):
    client = signed_in_client(AYSEL)
    fill_until(client, "basic")

    response = post_step(
        client, "application", application_fields("transfer", RAUF_ACCOUNT), check_account="1"
    )

    assert response.status_code == 200
    text = visible_text(response)
    assert "Şəxsi hesab tapıldı" in text
    assert "R*** Ə*****" in text
    assert "Rauf" not in text
    assert "S. Vurğun küç. 24" in text
    assert "Borc yoxdur" in text
    assert_application_values_kept(response, "transfer", RAUF_ACCOUNT)
    assert_nothing_stored()


def test_yoxla_shows_a_prepaid_balance(signed_in_client):
    client = signed_in_client(AYSEL)
    fill_until(client, "basic")

    response = post_step(
        client, "application", application_fields("transfer", TURAL_ACCOUNT), check_account="1"
    )

    assert response.status_code == 200
    assert "Borc yoxdur (avans: 12,50 AZN)" in visible_text(response)


def test_yoxla_shows_the_debt_at_the_field(signed_in_client):
    client = signed_in_client(ELCIN)
    fill_until(client, "basic")

    response = post_step(
        client, "application", application_fields("transfer", GENCE_ACCOUNT), check_account="1"
    )

    assert_refused_at(response, "application", "subscriber_code", "45,20 AZN")
    assert "Şəxsi hesab tapıldı" not in visible_text(response)


# --- refusals at step 2 -----------------------------------------------------------------

STEP_TWO_REFUSALS = {
    "unknown code": (AYSEL, "transfer", UNKNOWN_ACCOUNT, "subscriber_code", "tapılmadı"),
    "debt": (ELCIN, "transfer", GENCE_ACCOUNT, "subscriber_code", "45,20 AZN borc var"),
    "transfer to the current holder": (
        RAUF,
        "transfer",
        RAUF_ACCOUNT,
        "subscriber_code",
        "artıq sizin adınızadır",
    ),
    "rename by someone not the holder": (
        AYSEL,
        "rename",
        RAUF_ACCOUNT,
        "kind",
        "yalnız hesabın sahibi",
    ),
    "rename without a name change": (
        TURAL,
        "rename",
        TURAL_ACCOUNT,
        "kind",
        "dəyişdiyi barədə məlumat yoxdur",
    ),
}


@pytest.mark.parametrize(
    "fin, kind, code, field, message", STEP_TWO_REFUSALS.values(), ids=STEP_TWO_REFUSALS.keys()
)
def test_step_two_refuses(signed_in_client, fin, kind, code, field, message):
    client = signed_in_client(fin)
    fill_until(client, "basic")

    response = post_step(client, "application", application_fields(kind, code))

    assert_refused_at(response, "application", field, message)
    assert_application_values_kept(response, kind, code)
    assert_redirects_to(client.get(step_url("property")), step_url("application"))
    assert_nothing_stored()


def test_step_two_refuses_a_closed_account(signed_in_client):
    ledger_update(RAUF_ACCOUNT, status="closed")
    client = signed_in_client(AYSEL)
    fill_until(client, "basic")

    response = post_step(client, "application", application_fields("transfer", RAUF_ACCOUNT))

    assert_refused_at(response, "application", "subscriber_code", "bağlanıb")
    assert_application_values_kept(response, "transfer", RAUF_ACCOUNT)
    assert_nothing_stored()


def test_account_with_an_open_application_refuses_a_second_one_by_the_same_citizen(
    signed_in_client,
):
    client = signed_in_client(AYSEL)
    complete_wizard(client, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, CONTACT)

    assert_redirects_to(client.post("/apply/basic/", {"wizard_reset": "1"}), "/apply/basic/")
    fill_until(client, "basic")
    response = post_step(client, "application", application_fields("transfer", RAUF_ACCOUNT))

    assert_refused_at(response, "application", "subscriber_code", "artıq baxılan müraciət var")
    assert_application_values_kept(response, "transfer", RAUF_ACCOUNT)
    assert Application.objects.count() == 1


def test_account_with_an_open_application_refuses_another_citizen_without_saying_why(citizen):
    complete_wizard(citizen(AYSEL), "transfer", RAUF_ACCOUNT, NESIMI_FLAT, CONTACT)
    other = citizen(TURAL)
    fill_until(other, "basic")

    response = post_step(other, "application", application_fields("transfer", RAUF_ACCOUNT))

    assert_refused_at(response, "application", "subscriber_code", "onlayn müraciət etmək mümkün deyil")
    assert "müraciət var" not in response.content.decode()
    assert Application.objects.count() == 1


def test_a_decided_application_no_longer_blocks_the_account(signed_in_client):
    client = signed_in_client(AYSEL)
    complete_wizard(client, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, CONTACT)
    Application.objects.update(status=Application.Status.REJECTED)

    client.get("/apply/?reset=1")
    response = complete_wizard(client, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, CONTACT)

    assert_redirects_to(response, "/apply/submitted/")
    assert Application.objects.count() == 2


# --- refusals at step 3 -----------------------------------------------------------------

STEP_THREE_REFUSALS = {
    "property not in the registry": (
        AYSEL,
        {**NESIMI_FLAT, "registry_number": "608011001799"},
        "registry_number",
        "tapılmadı",
    ),
    "right numbers in the wrong district": (
        AYSEL,
        {**NESIMI_FLAT, "district": "baki-yasamal"},
        "registry_number",
        "tapılmadı",
    ),
    "property that is not the account's": (
        AYSEL,
        YASAMAL_FLAT,
        "registry_number",
        "hesabın ünvanı deyil",
    ),
    "transfer by someone who does not own the property": (
        TURAL,
        NESIMI_FLAT,
        "registry_number",
        "mülkiyyətçisi deyilsiniz",
    ),
    "house for an apartment": (
        AYSEL,
        {**NESIMI_FLAT, "property_kind": "house"},
        "property_kind",
        "“Mənzil” kimi",
    ),
}


@pytest.mark.parametrize(
    "fin, place, field, message", STEP_THREE_REFUSALS.values(), ids=STEP_THREE_REFUSALS.keys()
)
def test_step_three_refuses(signed_in_client, fin, place, field, message):
    client = signed_in_client(fin)
    fill_until(client, "application", kind="transfer", code=RAUF_ACCOUNT)

    response = post_step(client, "property", place)

    assert_refused_at(response, "property", field, message)
    assert_property_values_kept(response, place)
    assert_redirects_to(client.get(step_url("contact")), step_url("property"))
    assert_nothing_stored()


def test_elcins_house_would_pass_once_the_debt_is_paid(signed_in_client):
    ledger_update(GENCE_ACCOUNT, balance=0)
    client = signed_in_client(ELCIN)

    response = complete_wizard(client, "transfer", GENCE_ACCOUNT, GENCE_HOUSE, CONTACT)

    assert_redirects_to(response, "/apply/submitted/")
    assert Application.objects.get().office.name == "Gəncə–Daşkəsən regional qeydiyyat ofisi"


# --- the situation changes before sending ----------------------------------------------


def test_debt_appearing_before_sending_sends_the_citizen_back_to_step_two(signed_in_client):
    client = signed_in_client(AYSEL)
    fill_until(client, "contact")
    key = submission_key(client)  # the citizen is reading the check page...
    ledger_update(RAUF_ACCOUNT, balance="10.00")

    response = send(client, key)

    assert_redirects_to(response, step_url("application"))
    page = client.get(step_url("application"))
    assert_refused_at(page, "application", "subscriber_code", "10,00 AZN", "borc")
    assert_nothing_stored()


def test_account_closed_before_sending_is_not_sent(signed_in_client):
    client = signed_in_client(AYSEL)
    fill_until(client, "contact")
    key = submission_key(client)
    ledger_update(RAUF_ACCOUNT, status="closed")

    response = send(client, key)

    assert_redirects_to(response, step_url("application"))
    assert_nothing_stored()
    assert "bağlanıb" in visible_text(client.get(step_url("application")))
