"""The review steps as a reviewer uses them: a confirmation page saying what will happen, then a
POST; the outcome or the refusal as a message on the application's page."""

import re

import pytest
from django.test import Client

from applications.models import Application, ApplicationAccess
from applications.services import application_claim, application_reject
from subscribers.models import Account
from tests.support.billing import billing_answers, ledger_update
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
    # Billing closes the old contract at the handover reading and names the new one itself.
    assert "BK-2009-004017" in text and "20.11.2026" in text and "18 463,1 kVt·saat" in text
    assert "yeni müqavilənin nömrəsini bildirəcək" in text


def test_approve_through_the_admin_moves_the_account_once_billing_carried_it_out(
    staff_client, aysel_transfer, django_capture_on_commit_callbacks
):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    office = staff_client(OPERATOR_BAKI)

    with django_capture_on_commit_callbacks(execute=True):
        page = office.post(admin_url(aysel_transfer, "approve"), follow=True)

    assert "Müraciət təsdiq edildi: dəyişiklik billinqə göndərildi." in messages_of(page)
    account = Account.objects.get(subscriber_code=RAUF_ACCOUNT)
    assert account.holder.fin == "2AB3C4D"
    case = visible_text(office.get(admin_url(aysel_transfer)))
    assert "İcra edildi" in case and "Billinq təsdiqlədi" in case and account.contract_number in case
    # The seller's settlement is on the case too.
    assert "Əvvəlki sahibə qaytarılır 4,88 AZN" in case


def test_a_billing_refusal_is_on_the_case_with_a_way_to_retry_or_reject(
    staff_client, aysel_transfer, tmp_path, settings
):
    settings.BILLING = {**settings.BILLING, "control_dir": str(tmp_path)}
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    office = staff_client(OPERATOR_BAKI)
    office.post(admin_url(aysel_transfer, "approve"))
    (tmp_path / "refuse").write_text("hesab bağlanıb")
    billing_answers(aysel_transfer)

    case = office.get(admin_url(aysel_transfer))

    text = visible_text(case)
    assert "Billinq imtina etdi" in text and "hesab bağlanıb" in text
    assert admin_url(aysel_transfer, "billing_retry") in case.content.decode()
    assert admin_url(aysel_transfer, "reject") in case.content.decode()


def test_refused_approval_shows_why_on_the_application_page(staff_client, aysel_transfer):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    ledger_update(RAUF_ACCOUNT, balance="3.10")

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
    assert "Balans müraciət zamanı -15,00 AZN" in text
    assert "Balans indi (billinq) -15,00 AZN" in text
    assert "review_started" in text and "Növbədə" in text
    assert "Göndərildi Baxılır" in text  # the event: from, to


def test_application_page_shows_the_debt_now_when_it_changed(staff_client, aysel_transfer):
    ledger_update(RAUF_ACCOUNT, balance="7.25")

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
