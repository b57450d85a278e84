"""Staff sign in to /admin/ with a password and an authenticator code; repeated failures lock the
username out (tests/backoffice/test_two_factor.py has the second factor's own tests)."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from applications.models import Application
from subscribers.models import Account
from tests.support.demo import AUDITOR, OPERATOR_BAKI, OPERATOR_SUMQAYIT, RAUF_ACCOUNT, SUPERVISOR
from tests.support.staff import (
    PASSWORDS,
    ROLES,
    messages_of,
    pass_second_factor,
    refreshed,
    staff_sign_in,
    staff_signed_in,
    user,
    visible_text,
)


@pytest.mark.parametrize("username", ROLES)
def test_demo_staff_sign_in_with_their_documented_passwords(username):
    browser = Client()

    response = staff_sign_in(browser, username, PASSWORDS[username])

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not staff_signed_in(browser)  # the password alone is not enough
    assert pass_second_factor(browser, username)["Location"] == "/admin/"
    assert staff_signed_in(browser)


def test_five_wrong_passwords_lock_the_username_out_even_with_the_right_one():
    browser = Client()
    for _ in range(4):
        assert staff_sign_in(browser, OPERATOR_BAKI, "wrong").status_code == 200

    fifth = staff_sign_in(browser, OPERATOR_BAKI, "wrong")
    right = staff_sign_in(browser, OPERATOR_BAKI, PASSWORDS[OPERATOR_BAKI])

    assert fifth.status_code == right.status_code == 429
    assert "Giriş müvəqqəti bağlanıb" in visible_text(right)
    assert "30 dəqiqə" in visible_text(right)
    assert not staff_signed_in(browser)


def test_lockout_is_per_username_and_address():
    for _ in range(5):
        staff_sign_in(Client(), OPERATOR_BAKI, "wrong")

    assert staff_sign_in(Client(), SUPERVISOR, PASSWORDS[SUPERVISOR]).status_code == 302
    assert staff_sign_in(Client(), OPERATOR_BAKI, PASSWORDS[OPERATOR_BAKI], ip="10.0.0.7").status_code == 302


def test_a_success_before_the_limit_starts_the_count_again():
    browser = Client()
    for _ in range(4):
        staff_sign_in(browser, OPERATOR_BAKI, "wrong")
    assert staff_sign_in(browser, OPERATOR_BAKI, PASSWORDS[OPERATOR_BAKI]).status_code == 302
    browser.post("/admin/logout/")

    for _ in range(4):
        staff_sign_in(Client(), OPERATOR_BAKI, "wrong")

    assert staff_sign_in(Client(), OPERATOR_BAKI, PASSWORDS[OPERATOR_BAKI]).status_code == 302


def test_a_citizen_cannot_sign_in_to_the_admin():
    from tests.support.applications import citizen_user

    person = citizen_user("2AB3C4D")
    person.set_password("citizen-password-1")
    person.save()

    response = staff_sign_in(Client(), person.username, "citizen-password-1")

    assert response.status_code == 200  # the form again: not staff
    assert not staff_signed_in(Client())


def test_citizen_sign_in_through_the_state_identity_still_works():
    browser = Client()
    start = browser.get("/signin/", {"next": "/apply/"})
    login = browser.post(start["Location"], {"method": "asan_imza", "fin": "2AB3C4D"})
    callback = browser.get(login["Location"])

    assert callback.status_code == 302
    assert browser.get("/apply/")["Location"].startswith("/apply/")


# --- demo staff --------------------------------------------------------------------------------


def test_demo_staff_have_their_roles_and_offices():
    assert user(OPERATOR_BAKI).office.economic_region == "Bakı"
    assert user(OPERATOR_SUMQAYIT).office.economic_region == "Abşeron–Xızı"
    assert user(SUPERVISOR).office is None and user(AUDITOR).office is None
    assert {username: list(user(username).groups.values_list("name", flat=True)) for username in ROLES} == {
        OPERATOR_BAKI: ["office_operator"],
        OPERATOR_SUMQAYIT: ["office_operator"],
        SUPERVISOR: ["supervisor"],
        AUDITOR: ["auditor"],
    }
    assert all(user(username).is_staff and not user(username).is_superuser for username in ROLES)


def test_load_demo_data_creates_the_demo_staff_and_resets_their_passwords(settings):
    settings.DEBUG = True
    operator = user(OPERATOR_BAKI)
    operator.set_password("changed-by-someone")
    operator.groups.clear()
    operator.save()

    call_command("load_demo_data")

    assert staff_sign_in(Client(), OPERATOR_BAKI, PASSWORDS[OPERATOR_BAKI]).status_code == 302
    assert list(user(OPERATOR_BAKI).groups.values_list("name", flat=True)) == ["office_operator"]


def test_demo_commands_refuse_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo_data")
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo_applications")


def test_load_demo_applications_sends_aysels_and_leylas_once(settings):
    settings.DEBUG = True

    call_command("load_demo_applications")
    call_command("load_demo_applications")

    assert sorted(Application.objects.values_list("kind", "applicant_fin")) == [
        ("rename", "4EF5G6H"),
        ("transfer", "2AB3C4D"),
    ]


def test_sync_roles_restores_a_roles_permissions():
    from django.contrib.auth.models import Group

    Group.objects.get(name="auditor").permissions.clear()

    call_command("sync_roles")

    assert Group.objects.get(name="auditor").permissions.filter(codename="view_application").exists()


# --- the acceptance path ----------------------------------------------------------------------


def test_operator_signs_in_finds_aysels_application_and_approval_moves_the_account(
    aysel_transfer, django_capture_on_commit_callbacks
):
    browser = Client()
    assert staff_sign_in(browser, OPERATOR_BAKI, PASSWORDS[OPERATOR_BAKI]).status_code == 302
    pass_second_factor(browser, OPERATOR_BAKI)

    found = browser.get("/admin/applications/application/", {"q": aysel_transfer.number.lower()})
    assert "Məmmədova Aysel" in visible_text(found)
    browser.post(f"/admin/applications/application/{aysel_transfer.pk}/claim/")
    with django_capture_on_commit_callbacks(execute=True):  # billing's command leaves after commit
        approved = browser.post(f"/admin/applications/application/{aysel_transfer.pk}/approve/", follow=True)

    assert "Müraciət təsdiq edildi: dəyişiklik billinqə göndərildi." in messages_of(approved)
    assert refreshed(aysel_transfer).status == Application.Status.DONE
    account = Account.objects.get(subscriber_code=RAUF_ACCOUNT)
    history = visible_text(browser.get(f"/admin/subscribers/account/{account.pk}/history/"))
    assert "Məmmədova Aysel Rövşən qızı" in history
    assert "Nərmin Rzayeva" in history or OPERATOR_BAKI in history
