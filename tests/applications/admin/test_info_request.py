"""“Əlavə məlumat istə” names the answers to correct (by step) and the documents to hand in;
supervisors keep the list of document kinds; the citizen's timeline and the public status
show the request with its date; the clock waits for the citizen and restarts at the answer."""

import datetime

import pytest
from django.utils import timezone

from applications.answers import Answers
from applications.models import Application, DocumentKind
from applications.services import application_claim, application_correct
from applications.workdays import decision_due_date
from tests.support.applications import citizen_user
from tests.support.demo import OPERATOR_BAKI, SUPERVISOR
from tests.support.staff import admin_url, messages_of, refreshed, user, visible_text


@pytest.fixture
def claimed(aysel_transfer):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    return aysel_transfer


def test_the_request_form_offers_the_answers_by_step_and_the_document_kinds(staff_client, claimed):
    page = staff_client(OPERATOR_BAKI).get(admin_url(claimed, "request_info"))

    text = visible_text(page)
    for shown in (
        "Fərdi yaşayış evi və ya Mənzil məlumatları",
        "Reyestr nömrəsi",
        "Əlaqə məlumatları",
        "Mobil nömrə",
        "Nikah haqqında şəhadətnamə",
        "Etibarnamə",
        "Daşınmaz əmlakın dövlət reyestrindən çıxarış",
    ):
        assert shown in text


def test_the_request_keeps_the_chosen_answers_and_documents(staff_client, claimed):
    marriage = DocumentKind.objects.get(code="marriage_certificate")

    page = staff_client(OPERATOR_BAKI).post(
        admin_url(claimed, "request_info"),
        {
            "message": "Nömrəni və nikah şəhadətnaməsini göndərin.",
            "fields_to_correct": ["mobile_phone"],
            "document_kinds": [marriage.pk],
        },
        follow=True,
    )

    assert "Vətəndaşdan əlavə məlumat istənildi." in messages_of(page)
    request = refreshed(claimed).info_requests.get()
    assert request.fields == ["mobile_phone"]
    assert list(request.document_kinds.all()) == [marriage]
    assert request.requested_by == user(OPERATOR_BAKI)
    assert "Nömrəni və nikah şəhadətnaməsini göndərin." in visible_text(page)


def test_the_kind_and_the_account_cannot_be_asked_for(staff_client, claimed):
    refused = staff_client(OPERATOR_BAKI).post(
        admin_url(claimed, "request_info"), {"message": "?", "fields_to_correct": ["subscriber_code"]}
    )

    assert refused.status_code == 200
    assert refreshed(claimed).status == Application.Status.IN_REVIEW


def test_a_supervisor_adds_a_document_kind_in_three_languages(staff_client, claimed):
    browser = staff_client(SUPERVISOR)

    browser.post(
        "/admin/applications/documentkind/add/",
        {
            "code": "birth_certificate",
            "name_az": "Doğum haqqında şəhadətnamə",
            "name_en": "Birth certificate",
            "name_ru": "Свидетельство о рождении",
            "active": "on",
            "position": "9",
        },
    )

    kind = DocumentKind.objects.get(code="birth_certificate")
    assert kind.name_in("ru") == "Свидетельство о рождении"
    assert "Birth certificate" not in visible_text(
        staff_client(OPERATOR_BAKI).get(admin_url(claimed, "request_info"))
    )
    assert "Doğum haqqında şəhadətnamə" in visible_text(
        staff_client(OPERATOR_BAKI).get(admin_url(claimed, "request_info"))
    )


def test_an_operator_cannot_edit_the_document_kinds(staff_client):
    assert staff_client(OPERATOR_BAKI).get("/admin/applications/documentkind/add/").status_code == 403


def test_the_timeline_and_the_public_status_show_the_request_with_its_date(
    staff_client, citizen_client, claimed, client
):
    staff_client(OPERATOR_BAKI).post(admin_url(claimed, "request_info"), {"message": "Çıxarışı yükləyin"})
    today = timezone.localdate().strftime("%d.%m.%Y")

    mine = visible_text(citizen_client("2AB3C4D").get(f"/my/{claimed.number}/"))
    public = visible_text(client.post("/status/", {"number": claimed.number}))

    assert f"Əlavə məlumat tələb olunur {today}" in mine
    assert f"Əlavə məlumat tələb olunur {today}" in public


def test_the_clock_restarts_when_the_citizen_answers(staff_client, claimed):
    staff_client(OPERATOR_BAKI).post(
        admin_url(claimed, "request_info"), {"message": "E-poçtu yeniləyin", "fields_to_correct": ["email"]}
    )
    Application.objects.filter(pk=claimed.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    assert not refreshed(claimed).is_overdue(timezone.localdate())  # waiting on the citizen

    answers = Answers.from_application(refreshed(claimed))
    application_correct(application=refreshed(claimed), applicant=citizen_user("2AB3C4D"), answers=answers)

    assert refreshed(claimed).due_date == decision_due_date(timezone.localdate())
