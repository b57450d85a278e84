"""'Müraciətlərim': the citizen's own applications, their history, withdrawing, and correcting
an application after the office asked for more information."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from applications.models import Application, ApplicationEvent
from applications.services import (
    application_access_record,
    application_claim,
    application_reassign,
    application_request_info,
)
from backoffice.roles import roles_sync
from backoffice.services import staff_demo_load
from notifications.models import Notification
from tests.support import applications
from tests.support.billing import ledger_update
from tests.support.demo import AYSEL, LEYLA, RAUF_ACCOUNT
from tests.support.wizard import post_step, visible_text

User = get_user_model()


@pytest.fixture(autouse=True)
def staff(db):
    roles_sync()
    staff_demo_load()


def citizen_user(fin: str):
    return User.objects.get_or_create(fin=fin, defaults={"username": f"citizen-{fin}"})[0]


def browser_of(fin: str) -> Client:
    browser = Client()
    browser.force_login(citizen_user(fin))
    return browser


@pytest.fixture
def sent() -> Application:
    """Aysel's transfer, sent through the real service (Bakı office)."""
    return applications.sent(AYSEL, email="aysel@example.az")


@pytest.fixture
def info_requested(sent) -> Application:
    operator = User.objects.get(username="operator.baki")
    application_claim(application=sent, actor=operator)
    return application_request_info(
        application=sent, actor=operator, message="Reyestr çıxarışının nömrəsini yoxlayın."
    )


def test_the_list_shows_only_my_applications(sent):
    mine = visible_text(browser_of(AYSEL).get("/my/"))
    assert sent.number in mine and "Göndərildi" in mine
    assert sent.number not in visible_text(browser_of(LEYLA).get("/my/"))


def test_another_citizens_application_is_a_404_everywhere(sent):
    leyla = browser_of(LEYLA)
    for url in (f"/my/{sent.number}/", f"/my/{sent.number}/withdraw/", f"/my/{sent.number}/correct/check/"):
        assert leyla.get(url).status_code == 404, url
    assert leyla.post(f"/my/{sent.number}/withdraw/").status_code == 404
    assert leyla.post(f"/my/{sent.number}/correct/").status_code == 404
    assert Application.objects.get().status == "submitted"


def test_anonymous_visitors_are_sent_to_sign_in(client, sent):
    response = client.get(f"/my/{sent.number}/")
    assert response.status_code == 302 and response["Location"].startswith("/signin/")


def test_the_page_shows_what_was_sent_the_history_and_the_messages(sent):
    page = visible_text(browser_of(AYSEL).get(f"/my/{sent.number}/"))
    for shown in ("608011001798", "1725022423", "+994501234567", "aysel@example.az", sent.office.name):
        assert shown in page
    assert "Göndərildi" in page  # the timeline's first stage
    assert Notification.objects.filter(application=sent).exists()
    assert "SMS" in page


def test_the_access_log_shows_role_and_office_but_no_staff_name(sent):
    operator = User.objects.get(username="operator.baki")
    operator.first_name, operator.last_name = "Kamran", "Operatorov"
    operator.save()
    application_access_record(application=sent, viewer=operator)
    page = visible_text(browser_of(AYSEL).get(f"/my/{sent.number}/"))
    assert "Ofis operatoru" in page and operator.office.name in page
    assert "Kamran" not in page and "Operatorov" not in page and "operator.baki" not in page


def test_a_case_handed_between_staff_is_not_in_the_citizens_timeline(sent):
    operator = User.objects.get(username="operator.baki")
    operator.first_name, operator.last_name = "Kamran", "Operatorov"
    operator.save()
    application_claim(application=sent, actor=operator)
    supervisor = User.objects.get(username="supervisor")
    application_reassign(
        application=sent, actor=supervisor, assignee=supervisor, note="Kamran məzuniyyətdədir"
    )

    page = visible_text(browser_of(AYSEL).get(f"/my/{sent.number}/"))

    assert "Baxılır" in page
    assert "Kamran" not in page and "məzuniyyət" not in page


def test_withdraw_asks_first_then_withdraws_with_an_event_and_sms(sent):
    aysel = browser_of(AYSEL)
    confirm = aysel.get(f"/my/{sent.number}/withdraw/")
    assert "geri götürmək istəyirsiniz" in visible_text(confirm)
    assert Application.objects.get().status == "submitted"

    response = aysel.post(f"/my/{sent.number}/withdraw/")

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.status == "withdrawn"
    assert application.events.filter(to_status="withdrawn").exists()
    assert Notification.objects.filter(application=application, template="withdrawn").exists()
    assert "Müraciəti geri götür" not in visible_text(aysel.get(f"/my/{sent.number}/"))


def test_a_decided_application_cannot_be_withdrawn(sent):
    Application.objects.filter(pk=sent.pk).update(status="approved")
    response = browser_of(AYSEL).post(f"/my/{sent.number}/withdraw/", follow=True)
    assert Application.objects.get().status == "approved"
    assert "mümkün deyil" in visible_text(response)


def test_info_request_shows_the_officers_message_and_duzelis_et(info_requested):
    page = visible_text(browser_of(AYSEL).get(f"/my/{info_requested.number}/"))
    assert "Reyestr çıxarışının nömrəsini yoxlayın." in page
    assert "Düzəliş et" in page


def test_correcting_reopens_the_wizard_prefilled_and_resubmits_the_same_number(info_requested):
    aysel = browser_of(AYSEL)
    response = aysel.post(f"/my/{info_requested.number}/correct/")
    check_url = f"/my/{info_requested.number}/correct/check/"
    assert response["Location"] == check_url

    check = aysel.get(check_url)
    page = visible_text(check)
    assert "608011001798" in page and "düzəliş" in page.lower()
    assert re.search(r'href="/my/[^"]+/correct/contact/\?change=1"', check.content.decode())

    contact = aysel.get(f"/my/{info_requested.number}/correct/contact/")
    assert 'value="+994501234567"' in contact.content.decode()

    response = aysel.post(
        check_url,
        {
            "correction_wizard_view-current_step": "check",
            "check-declaration": "on",
            "check-note": "Yoxladım.",
        },
    )

    assert response.status_code == 302 and response["Location"] == f"/my/{info_requested.number}/"
    application = Application.objects.get()
    assert application.number == info_requested.number
    assert application.status == "in_review"
    resubmitted = application.events.get(to_status="in_review", from_status="info_requested")
    assert resubmitted.note == "Yoxladım."
    assert Application.objects.count() == 1


def test_a_correction_reruns_the_checks(info_requested):
    aysel = browser_of(AYSEL)
    aysel.post(f"/my/{info_requested.number}/correct/")

    ledger_update(RAUF_ACCOUNT, balance="9.99")
    response = aysel.post(
        f"/my/{info_requested.number}/correct/check/",
        {"correction_wizard_view-current_step": "check", "check-declaration": "on"},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(f"/my/{info_requested.number}/correct/application/")
    assert "9,99 AZN" in visible_text(aysel.get(response["Location"]))
    assert Application.objects.get().status == "info_requested"


def test_correcting_is_refused_unless_the_office_asked(sent):
    aysel = browser_of(AYSEL)
    response = aysel.post(f"/my/{sent.number}/correct/", follow=True)
    assert "düzəliş etmək mümkün deyil" in visible_text(response)
    assert aysel.get(f"/my/{sent.number}/correct/check/")["Location"] == f"/my/{sent.number}/"


def test_a_correction_does_not_touch_a_new_application_in_progress(info_requested):
    aysel = browser_of(AYSEL)
    post_step(aysel, "basic", {})
    aysel.post(f"/my/{info_requested.number}/correct/")
    assert aysel.get("/apply/")["Location"] == "/apply/application/"


def test_a_correction_note_to_the_office_loses_its_invisible_characters(info_requested):
    aysel = browser_of(AYSEL)
    aysel.post(f"/my/{info_requested.number}/correct/")

    aysel.post(
        f"/my/{info_requested.number}/correct/check/",
        {
            "correction_wizard_view-current_step": "check",
            "check-declaration": "on",
            "check-note": "Yox\u200dladım\u202e.ıdlad\u202c \u2067ok\u2069",
        },
    )

    resubmitted = Application.objects.get().events.get(to_status="in_review", from_status="info_requested")
    assert resubmitted.note == "Yoxladım.ıdlad ok"


def test_a_message_stored_with_invisible_characters_is_shown_without_them(info_requested):
    # A note written before such characters were removed as they came in.
    ApplicationEvent.objects.filter(application=info_requested, to_status="info_requested").update(
        note="Ödəniş:\u202e NZA 001\u202c\u200b"
    )

    citizens_page = browser_of(AYSEL).get(f"/my/{info_requested.number}/").content.decode()

    assert "Ödəniş: NZA 001" in citizens_page
    for invisible in ("\u202e", "\u202c", "\u200b"):
        assert invisible not in citizens_page
