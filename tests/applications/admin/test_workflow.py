"""The review steps as a reviewer uses them: a confirmation page saying what will happen, then a
POST; the outcome or the refusal as a message on the application's page."""

import re

import pytest
from django.test import Client

from applications.models import Application, ApplicationAccess
from applications.services import application_claim, application_reject
from subscribers.models import Account
from tests.support.demo import AUDITOR, OPERATOR_BAKI, RAUF_ACCOUNT, SUPERVISOR
from tests.support.staff import admin_url, messages_of, refreshed, second_factor_passed, user, visible_text


def test_claim_shows_what_will_happen_then_claims_on_post(staff_client, aysel_transfer):
    browser = staff_client(OPERATOR_BAKI)

    confirmation = browser.get(admin_url(aysel_transfer, "claim"))
    assert confirmation.status_code == 200
    assert "Müraciət sizə veriləcək" in visible_text(confirmation)
    assert refreshed(aysel_transfer).status == Application.Status.SUBMITTED  # a GET changes nothing

    page = browser.post(admin_url(aysel_transfer, "claim"), follow=True)

    assert "Müraciət sizə verildi." in messages_of(page)
    assert page.redirect_chain[-1][0] == admin_url(aysel_transfer)
    assert refreshed(aysel_transfer).assigned_to == user(OPERATOR_BAKI)


def test_the_steps_need_a_csrf_token(aysel_transfer):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user(OPERATOR_BAKI))
    second_factor_passed(browser, user(OPERATOR_BAKI))

    assert browser.post(admin_url(aysel_transfer, "claim")).status_code == 403
    assert refreshed(aysel_transfer).status == Application.Status.SUBMITTED

    form = browser.get(admin_url(aysel_transfer, "claim")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    browser.post(admin_url(aysel_transfer, "claim"), {"csrfmiddlewaretoken": token})
    assert refreshed(aysel_transfer).status == Application.Status.IN_REVIEW


def test_approve_page_lists_the_account_change_before_doing_it(staff_client, aysel_transfer):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))

    text = visible_text(staff_client(OPERATOR_BAKI).get(admin_url(aysel_transfer, "approve")))

    assert "100100200300401 “Əliyev Rauf Kamal oğlu” adından “Məmmədova Aysel Rövşən qızı” adına" in text
    assert "BK-2009-004017" in text
    assert f"E-{aysel_transfer.submitted_at.year}-{aysel_transfer.number[4:]}" in text


def test_approve_through_the_admin_moves_the_account(staff_client, aysel_transfer):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))

    page = staff_client(OPERATOR_BAKI).post(admin_url(aysel_transfer, "approve"), follow=True)

    assert "Müraciət təsdiq edildi." in messages_of(page)
    assert "Təsdiq edildi" in visible_text(page)
    assert Account.objects.get(subscriber_code=RAUF_ACCOUNT).holder.fin == "2AB3C4D"


def test_refused_approval_shows_why_on_the_application_page(staff_client, aysel_transfer):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    Account.objects.filter(subscriber_code=RAUF_ACCOUNT).update(balance="3.10")

    page = staff_client(OPERATOR_BAKI).post(admin_url(aysel_transfer, "approve"), follow=True)

    [message] = messages_of(page)
    assert message.startswith("Təkrar yoxlama keçmədi") and "3,10 AZN" in message
    assert refreshed(aysel_transfer).status == Application.Status.IN_REVIEW


def test_request_info_form_needs_the_message(staff_client, aysel_transfer):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    browser = staff_client(OPERATOR_BAKI)

    empty = browser.post(admin_url(aysel_transfer, "request_info"), {"message": ""})

    assert empty.status_code == 200
    assert "Bu sahə vacibdir." in visible_text(empty)
    browser.post(admin_url(aysel_transfer, "request_info"), {"message": "Çıxarışı yükləyin"})
    assert refreshed(aysel_transfer).status == Application.Status.INFO_REQUESTED


def test_reject_form_offers_the_reasons_and_needs_a_text_for_other(staff_client, aysel_transfer):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    browser = staff_client(OPERATOR_BAKI)
    form = visible_text(browser.get(admin_url(aysel_transfer, "reject")))
    for label in (
        "Hesab üzrə borc var",
        "Mülkiyyətçi deyil",
        "Məlumatlar uyğun deyil",
        "Təkrar müraciət",
        "Digər səbəb",
    ):
        assert label in form

    missing = browser.post(admin_url(aysel_transfer, "reject"), {"reason": "other", "note": ""})
    assert "səbəbi yazın" in visible_text(missing)
    assert refreshed(aysel_transfer).status == Application.Status.IN_REVIEW

    browser.post(admin_url(aysel_transfer, "reject"), {"reason": "not_owner"})
    assert refreshed(aysel_transfer).decision_reason == "not_owner"


def test_supervisor_reassigns_from_a_list_of_eligible_reviewers(staff_client, aysel_transfer):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    browser = staff_client(SUPERVISOR)

    form = browser.get(admin_url(aysel_transfer, "reassign")).content.decode()
    options = re.findall(r'<option value="\d+">([^<]+)</option>', form)
    assert options == ["Günay İsmayılova"]  # not the current reviewer, no other office, no auditor

    browser.post(admin_url(aysel_transfer, "reassign"), {"assignee": user(SUPERVISOR).pk})
    assert refreshed(aysel_transfer).assigned_to == user(SUPERVISOR)


def test_a_step_on_a_page_left_open_too_long_tells_what_happened(staff_client, aysel_transfer):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    application_reject(application=aysel_transfer, actor=user(OPERATOR_BAKI), reason="debt")

    page = staff_client(OPERATOR_BAKI).post(admin_url(aysel_transfer, "approve"), follow=True)

    assert messages_of(page) == [
        "Bu addım indi mümkün deyil: müraciətin statusu — “İmtina edildi”. Səhifəni yeniləyin."
    ]


# --- the application page ----------------------------------------------------------------------


def test_application_page_shows_the_case_at_a_glance(
    staff_client, aysel_transfer, django_capture_on_commit_callbacks
):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))

    text = visible_text(staff_client(AUDITOR).get(admin_url(aysel_transfer)))

    for section in (
        "Əsas məlumatlar",
        "Müraciət məlumatları",
        "Fərdi yaşayış evi və ya Mənzil məlumatları",
        "Əlaqə məlumatları",
        "Sənədlər",
        "Bildirişlər",
        "Tarixçə",
    ):
        assert section in text
    for shown in (
        "Məmmədova",
        "Rövşən qızı",
        "12.04.1990",
        "608011001798",
        "1725022423",
        "+994 50 123 45 67",
    ):
        assert shown in text
    assert "Balans müraciət zamanı 0,00 AZN" in text
    assert "Balans indi (billinq) 0,00 AZN" in text
    assert "review_started" in text and "Növbədə" in text
    assert "Göndərildi Baxılır" in text  # the event: from, to


def test_application_page_shows_the_debt_now_when_it_changed(staff_client, aysel_transfer):
    Account.objects.filter(subscriber_code=RAUF_ACCOUNT).update(balance="7.25")

    text = visible_text(staff_client(OPERATOR_BAKI).get(admin_url(aysel_transfer)))

    assert "Balans indi (billinq) 7,25 AZN" in text


def test_registry_comparison_marks_what_changed(staff_client, aysel_transfer):
    snapshot = {**aysel_transfer.registry_snapshot, "registered_address": "Bakı ş., köhnə ünvan"}
    Application.objects.filter(pk=aysel_transfer.pk).update(registry_snapshot=snapshot)

    page = staff_client(OPERATOR_BAKI).get(admin_url(aysel_transfer, "registry"))

    rows = re.findall(r'<tr class="changed"><th scope="row">([^<]+)</th>', page.content.decode())
    assert rows == ["Qeydiyyat ünvanı"]
    assert "Bakı ş., köhnə ünvan" in visible_text(page)


def test_every_staff_view_is_recorded_with_the_role(staff_client, aysel_transfer):
    staff_client(OPERATOR_BAKI).get(admin_url(aysel_transfer))
    staff_client(AUDITOR).get(admin_url(aysel_transfer))
    staff_client(SUPERVISOR).get(admin_url(aysel_transfer, "registry"))

    log = list(
        aysel_transfer.accesses.order_by("viewed_at", "pk").values_list("viewer__username", "role", "page")
    )
    assert log == [
        (OPERATOR_BAKI, "office_operator", ApplicationAccess.Page.CASE),
        (AUDITOR, "auditor", ApplicationAccess.Page.CASE),
        (SUPERVISOR, "supervisor", ApplicationAccess.Page.REGISTRY_COMPARISON),
    ]


def test_refused_views_are_not_recorded(staff_client, aysel_transfer):
    from tests.support.demo import OPERATOR_SUMQAYIT

    staff_client(OPERATOR_SUMQAYIT).get(admin_url(aysel_transfer))

    assert not aysel_transfer.accesses.exists()


@pytest.mark.parametrize(("username", "shown"), [(AUDITOR, True), (SUPERVISOR, True), (OPERATOR_BAKI, False)])
def test_access_log_section_by_role(staff_client, aysel_transfer, username, shown):
    text = visible_text(staff_client(username).get(admin_url(aysel_transfer)))

    assert ("Baxış jurnalı" in text) is shown


def test_a_message_to_the_citizen_loses_its_invisible_direction_and_zero_width_characters(
    staff_client, aysel_transfer
):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    # Shown as "Ödəniş: 100 AZN", it would read reversed and hide a word with the marks kept.
    typed = "Ödəniş:\u202e NZA 001\u202c gi\u200bzli\u2066 söz\u2069\ufeff"

    staff_client(OPERATOR_BAKI).post(admin_url(aysel_transfer, "request_info"), {"message": typed})

    event = refreshed(aysel_transfer).events.get(to_status=Application.Status.INFO_REQUESTED)
    assert event.note == "Ödəniş: NZA 001 gizli söz"


def test_the_case_history_shows_stored_notes_without_invisible_characters(staff_client, aysel_transfer):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    aysel_transfer.events.filter(to_status=Application.Status.IN_REVIEW).update(
        note="Yox\u200dladım\u2067 ok\u2069"
    )

    page = staff_client(OPERATOR_BAKI).get(admin_url(aysel_transfer)).content.decode()

    assert "Yoxladım ok" in page
    assert "\u200d" not in page and "\u2067" not in page
