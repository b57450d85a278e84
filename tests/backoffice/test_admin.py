"""Lists in the back office show personal identifiers masked (FİN, phone, e-mail); the page of one
record shows them whole, for the staff member working on it."""

from django.contrib.auth import get_user_model
from django.test import Client

from applications.services import application_approve, application_claim
from subscribers.models import Account, Subscriber
from tests.support.applications import citizen_user
from tests.support.billing import billing_answers
from tests.support.demo import AYSEL, OPERATOR_BAKI, RAUF_ACCOUNT, SUPERVISOR
from tests.support.staff import second_factor_passed, user, visible_text

RAUF = "9XY8Z7W"


def test_the_subscriber_list_masks_the_fin_and_the_subscribers_page_shows_it(staff_client):
    browser = staff_client(SUPERVISOR)

    listed = visible_text(browser.get("/admin/subscribers/subscriber/"))
    rauf = Subscriber.objects.get(fin=RAUF)
    page = visible_text(browser.get(f"/admin/subscribers/subscriber/{rauf.pk}/change/"))

    assert RAUF not in listed
    assert "•••••7W" in listed
    assert RAUF in page


def test_the_subscriber_list_is_still_searched_by_the_whole_fin(staff_client):
    listed = visible_text(staff_client(SUPERVISOR).get("/admin/subscribers/subscriber/", {"q": RAUF}))

    assert "Əliyev" in listed
    assert RAUF not in listed.replace(f"q={RAUF}", "")  # only as the typed search term


def test_the_user_list_masks_the_fin_in_citizens_usernames():
    citizen_user(AYSEL)
    administrator = get_user_model().objects.create_superuser("admin.test", password="an-admin-password-1")
    browser = Client()
    browser.force_login(administrator)
    second_factor_passed(browser, administrator)

    listed = visible_text(browser.get("/admin/subscribers/user/"))

    assert "citizen-•••••4D" in listed
    assert AYSEL not in listed
    assert OPERATOR_BAKI in listed  # staff usernames are not personal identifiers


def test_the_account_history_masks_the_contact_phone_and_e_mail(staff_client, aysel_transfer):
    operator = user(OPERATOR_BAKI)
    application_claim(application=aysel_transfer, actor=operator)
    application_approve(application=aysel_transfer, actor=operator)
    billing_answers(aysel_transfer)
    account = Account.objects.get(subscriber_code=RAUF_ACCOUNT)
    assert account.contact_phone == "+994501234567"

    history = visible_text(
        staff_client(OPERATOR_BAKI).get(f"/admin/subscribers/account/{account.pk}/history/")
    )

    assert "Məmmədova Aysel" in history  # the change is there
    assert "+994 50 ••• •• 67" in history
    assert "501234567" not in history and "aysel@example.az" not in history
    assert "a•••@example.az" in history


def test_the_application_list_shows_no_fin_phone_or_e_mail(staff_client, aysel_transfer):
    listed = visible_text(staff_client(OPERATOR_BAKI).get("/admin/applications/application/"))

    assert aysel_transfer.number in listed
    for identifier in (AYSEL, "501234567", "50 123 45 67", "aysel@example.az"):
        assert identifier not in listed


def test_the_auditor_sees_citizens_fins_masked_in_the_sign_in_log(staff_client):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from tests.support.demo import AUDITOR
    from tests.support.wizard import sign_in

    sign_in(Client(), "2AB3C4D")  # a citizen's sign-in, logged by django-axes
    record = {"username": "citizen-2AB3C4D", "ip_address": "127.0.0.1", "user_agent": "t", "path_info": "/"}
    failed = AccessFailureLog.objects.create(**record, locked_out=False)
    attempt = AccessAttempt.objects.create(**record, failures_since_start=1, get_data="", post_data="")
    logged = AccessLog.objects.get(username="citizen-2AB3C4D")
    auditor = staff_client(AUDITOR)

    pages = []
    for model, entry in (("accesslog", logged), ("accessfailurelog", failed), ("accessattempt", attempt)):
        pages += [
            auditor.get(f"/admin/axes/{model}/"),
            auditor.get(f"/admin/axes/{model}/{entry.pk}/change/"),
        ]

    for page in pages:
        assert page.status_code == 200, page.request["PATH_INFO"]
        assert "2AB3C4D" not in page.content.decode(), page.request["PATH_INFO"]
    assert "citizen-•••••4D" in pages[0].content.decode()
