"""The public status lookup: /status/ answers by application number, without personal data."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from applications.models import Application
from applications.selectors import PublicStatus, Stage, application_public_status
from applications.services import application_withdraw
from tests.support.demo import AYSEL, NESIMI_FLAT, RAUF_ACCOUNT
from tests.support.wizard import complete_wizard, visible_text

CONTACT = {"mobile_phone": "050 123 45 67", "email": "aysel@example.az"}


@pytest.fixture
def submitted(citizen):
    browser = citizen(AYSEL)
    complete_wizard(browser, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, CONTACT)
    return Application.objects.get()


def lookup(client, number: str):
    return client.post("/status/", {"number": number})


def test_lookup_shows_kind_status_stages_and_office(client, submitted):
    page = visible_text(lookup(client, submitted.number))
    assert f"{submitted.number}: Göndərildi" in page
    assert "Şəxsi hesabın digər abonentin adına keçirilməsi" in page
    assert submitted.office.name in page
    assert "Baxılır" in page and "gözlənilir" in page


@pytest.mark.parametrize(
    "typed",
    [
        lambda n: n.lower(),
        lambda n: n.replace("-", ""),
        lambda n: n.replace("-", " "),
        lambda n: n.removeprefix("AZI-"),
        lambda n: f"  {n}  ",
    ],
)
def test_lookup_tolerates_case_spaces_and_missing_dashes(client, submitted, typed):
    assert f"{submitted.number}: Göndərildi" in visible_text(lookup(client, typed(submitted.number)))


def test_lookup_shows_no_personal_data(client, submitted):
    page = visible_text(lookup(client, submitted.number))
    for personal in (
        "Məmmədova",
        "Aysel",
        AYSEL,
        "50 123",
        "aysel@example.az",
        RAUF_ACCOUNT,
        "Vurğun",
        NESIMI_FLAT["registry_number"],
        NESIMI_FLAT["registration_number"],
    ):
        assert personal not in page


def test_a_typo_is_caught_by_the_check_character(client, submitted):
    symbols = submitted.number.replace("-", "")[3:]
    i = next(i for i in range(len(symbols) - 1) if symbols[i] != symbols[i + 1])
    swapped = symbols[:i] + symbols[i + 1] + symbols[i] + symbols[i + 2 :]
    response = lookup(client, swapped)
    assert response.status_code == 200
    assert "yazı səhvi var" in visible_text(response)
    assert f'value="{swapped}"' in response.content.decode()


def test_unknown_number_gets_a_neutral_answer(client, db):
    response = lookup(client, "AZI-22222-22222")
    assert response.status_code == 200
    assert "Müraciət tapılmadı" in visible_text(response)


def test_malformed_number_gets_a_message_at_the_field(client, db):
    response = lookup(client, "AZI-0O1IL-12345")
    assert response.status_code == 200
    assert "AZI-XXXXX-XXXXX" in visible_text(response)
    assert response["Content-Type"].startswith("text/html")


def test_lookups_are_rate_limited_per_client_with_a_friendly_page(client, db, settings):
    settings.STATUS_LOOKUP_RATE = "3/m"
    for _ in range(3):
        assert lookup(client, "AZI-22222-22222").status_code == 200
    response = lookup(client, "AZI-22222-22222")
    assert response.status_code == 429
    assert "Bir az gözləyin" in visible_text(response)
    other_client = client.__class__(REMOTE_ADDR="10.9.8.7")
    assert lookup(other_client, "AZI-22222-22222").status_code == 200


def test_the_number_is_never_in_the_url(client, submitted):
    response = lookup(client, submitted.number)
    assert response.request["PATH_INFO"] == "/status/"
    assert 'method="post"' in response.content.decode()


def status_through_the_orm(application: Application) -> PublicStatus:
    """What the lookup's hand-written query must agree with, read the plain ORM way."""
    events = list(application.events.order_by("created_at", "pk"))
    stages = [
        Stage(label=event.get_to_status_display(), date=event.created_at, done=True) for event in events
    ]
    if application.is_open:
        if application.status == Application.Status.SUBMITTED:
            stages.append(Stage(label=str(Application.Status.IN_REVIEW.label), date=None, done=False))
        stages.append(Stage(label=gettext("Qərar"), date=None, done=False))
    return PublicStatus(
        number=application.number,
        kind=application.get_kind_display(),
        status=application.get_status_display(),
        status_code=application.status,
        office=application.office.display_name,
        submitted_on=timezone.localdate(application.submitted_at, datetime.UTC),
        expected_decision=application.due_date if application.is_open else None,
        stages=stages,
    )


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_the_lookup_query_agrees_with_the_orm_open_and_decided(submitted, language):
    other = Application.objects.get(pk=submitted.pk)
    application_withdraw(application=other, applicant=other.applicant)
    decided = Application.objects.get(pk=submitted.pk)
    assert decided.events.count() == 2

    with translation.override(language):
        assert application_public_status(number=decided.number) == status_through_the_orm(decided)


def test_the_lookup_query_agrees_with_the_orm_for_an_open_application(submitted):
    assert application_public_status(number=submitted.number) == status_through_the_orm(submitted)
    assert application_public_status(number="AZI-22222-22222") is None


def test_a_lookup_reads_the_database_once(client, submitted, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = lookup(client, submitted.number)
    assert f"{submitted.number}: Göndərildi" in visible_text(response)
