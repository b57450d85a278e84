"""Who may send an application: an adult (18) whose identity document is valid on the day of
sending (the wizard says so on step 1, with why and what to do; sending checks it again); and a
rename only while the account's holder does not yet carry the registry's current name."""

import dataclasses
import datetime

import pytest
from django.utils import timezone

from applications.eligibility import ApplicationRefused, adulthood_date, applicant_check
from applications.services import application_approve, application_claim
from integrations.registry.fake import FakeStateRegistry
from tests.support.applications import citizen_user, sent
from tests.support.billing import billing_answers
from tests.support.demo import AYSEL, LEYLA, LEYLA_ACCOUNT, OPERATOR_SUMQAYIT, SUMQAYIT_FLAT
from tests.support.registry import registry_with
from tests.support.staff import user, visible_text
from tests.support.wizard import error_summary, field_error, fill_until, post_step, sign_in, step_url

TODAY = datetime.date(2026, 12, 3)
AYSEL_PERSON = FakeStateRegistry().find_person(AYSEL)


def aged(*, years: int, days: int = 0, on: datetime.date = TODAY) -> datetime.date:
    """A birth date making someone `years` old plus `days` on `on`."""
    return on.replace(year=on.year - years) - datetime.timedelta(days=days)


def person(**fields):
    return dataclasses.replace(AYSEL_PERSON, **fields)


def test_an_adult_with_a_valid_document_may_apply():
    applicant_check(person=person(birth_date=aged(years=18)), on=TODAY)  # the 18th birthday itself
    applicant_check(person=person(document_valid_until=TODAY), on=TODAY)  # valid to the end of the day


def test_a_ten_year_old_is_refused_with_the_day_they_may_apply():
    with pytest.raises(ApplicationRefused) as refused:
        applicant_check(person=person(birth_date=datetime.date(2016, 5, 20)), on=TODAY)

    assert "18 yaşı tamam olmuş" in refused.value.message
    assert "20.05.2034" in refused.value.message
    assert "valideyniniz və ya qanuni nümayəndəniz" in refused.value.message


def test_the_day_before_the_18th_birthday_is_still_too_early():
    with pytest.raises(ApplicationRefused):
        applicant_check(person=person(birth_date=aged(years=18, days=-1)), on=TODAY)


def test_born_on_29_february_is_an_adult_on_1_march_of_a_common_year():
    assert adulthood_date(datetime.date(2008, 2, 29)) == datetime.date(2026, 3, 1)
    assert adulthood_date(datetime.date(2010, 2, 28)) == datetime.date(2028, 2, 28)


def test_an_expired_document_is_refused_with_what_to_do():
    with pytest.raises(ApplicationRefused) as refused:
        applicant_check(person=person(document_valid_until=TODAY - datetime.timedelta(days=1)), on=TODAY)

    assert "02.12.2026 tarixində bitib" in refused.value.message
    assert "ASAN xidmət mərkəzində yeni vəsiqə alın" in refused.value.message


@pytest.mark.parametrize(
    "changed",
    [
        {"birth_date": aged(years=10, on=timezone.localdate())},
        {"document_valid_until": timezone.localdate() - datetime.timedelta(days=1)},
    ],
)
def test_sending_refuses_a_minor_or_an_expired_document(demo_world, settings, changed):
    settings.STATE_REGISTRY = registry_with(AYSEL, **changed)

    with pytest.raises(ApplicationRefused):
        sent(applicant=citizen_user(AYSEL))


def test_step_one_shows_a_minor_why_and_does_not_let_them_continue(demo_world, settings, client):
    settings.STATE_REGISTRY = registry_with(AYSEL, birth_date=aged(years=10, on=timezone.localdate()))
    sign_in(client, AYSEL)

    page = client.get(step_url("basic"))
    assert "Müraciəti yalnız 18 yaşı tamam olmuş şəxs göndərə bilər" in visible_text(page)
    assert "data-prevent-double-submit" not in page.content.decode()  # no "Davam et" button

    posted = post_step(client, "basic")
    assert posted.status_code == 200
    assert "18 yaşı tamam olmuş" in error_summary(posted)
    assert client.get(step_url("application"))["Location"] == step_url("basic")


def test_step_one_shows_an_expired_document(demo_world, settings, client):
    expired = timezone.localdate() - datetime.timedelta(days=30)
    settings.STATE_REGISTRY = registry_with(AYSEL, document_valid_until=expired)
    sign_in(client, AYSEL)

    text = visible_text(client.get(step_url("basic")))

    assert "Şəxsiyyət vəsiqənizin etibarlılıq müddəti" in text and "yeni vəsiqə alın" in text


# --- a rename when the holder already carries the registry's name ---------------------------


def test_a_second_identical_rename_after_approval_is_refused(leyla_rename):

    operator = user(OPERATOR_SUMQAYIT)
    application_claim(application=leyla_rename, actor=operator)
    application_approve(application=leyla_rename, actor=operator)
    billing_answers(leyla_rename)  # billing wrote her new names: done

    with pytest.raises(ApplicationRefused) as refused:
        sent(LEYLA, kind="rename", code=LEYLA_ACCOUNT, place=SUMQAYIT_FLAT)

    assert refused.value.field == "kind"
    assert "artıq dövlət reyestrindəki indiki adınızla (Quliyeva Leyla Tofiq qızı)" in refused.value.message


def test_the_wizard_refuses_the_rename_at_the_kind_when_the_names_already_match(leyla_rename, client):

    operator = user(OPERATOR_SUMQAYIT)
    application_claim(application=leyla_rename, actor=operator)
    application_approve(application=leyla_rename, actor=operator)
    billing_answers(leyla_rename)
    sign_in(client, LEYLA)
    fill_until(client, "basic")

    page = post_step(client, "application", {"kind": "rename", "subscriber_code": LEYLA_ACCOUNT})

    assert page.status_code == 200
    assert "indiki adınızla" in field_error(page, "application-kind")


def test_no_code_is_sent_to_a_minor_who_posts_the_contact_step_directly(
    demo_world, settings, client, sms_outbox
):
    settings.STATE_REGISTRY = registry_with(AYSEL, birth_date=aged(years=10, on=timezone.localdate()))
    sign_in(client, AYSEL)

    response = post_step(client, "contact", {"mobile_phone": "050 123 45 67", "email": ""})

    assert response.status_code == 302 and response["Location"] == step_url("basic")
    assert sms_outbox == []
