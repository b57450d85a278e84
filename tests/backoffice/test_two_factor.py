"""The back office's second factor: after the password, an authenticator code (or a one-time
recovery code); staff without an authenticator set one up first. Wrong codes count towards the
lockout like wrong passwords."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice.demo import DEMO_TOTP_SECRET
from backoffice.roles import OFFICE_OPERATOR, ROLE_PERMISSIONS
from backoffice.two_factor import current_code, enrolment_code_issue, totp_key_from_secret
from subscribers.models import RegionalOffice, User
from tests.support.demo import OPERATOR_BAKI
from tests.support.staff import (
    PASSWORDS,
    authenticator_code,
    messages_of,
    pass_second_factor,
    staff_sign_in,
    staff_signed_in,
    user,
    visible_text,
)

CODE_STEP = "/admin/two-factor/"
SETUP_STEP = "/admin/two-factor/setup/"
NEW_PASSWORD = "a-new-staff-password-2026"


def password_signed_in(username: str = OPERATOR_BAKI, password: str | None = None) -> Client:
    browser = Client()
    response = staff_sign_in(browser, username, password or PASSWORDS[username])
    assert response.status_code == 302, visible_text(response)
    return browser


def type_code(browser: Client, code: str, *, step: str = CODE_STEP, next_url: str = ""):
    return browser.post(step, {"code": code, "next": next_url})


@pytest.fixture
def new_operator():
    """A Bakı operator just created by an administrator: a password, no authenticator yet."""
    staff = User.objects.create_user(
        username="operator.new",
        password=NEW_PASSWORD,
        is_staff=True,
        office=RegionalOffice.objects.get(economic_region="Bakı"),
    )
    staff.groups.set([Group.objects.get(name=OFFICE_OPERATOR)])
    return staff


def enrolled(browser: Client, staff) -> Client:
    """The enrolment code a supervisor issued (manage.py staff_enrolment_code), typed at the setup step."""
    code = enrolment_code_issue(user=staff)
    response = type_code(browser, code, step=SETUP_STEP)
    assert response.status_code == 302 and response["Location"] == SETUP_STEP, visible_text(response)
    return browser


def pending_device(staff) -> TOTPDevice:
    return TOTPDevice.objects.get(user=staff, confirmed=False)


def recovery_codes_on(response) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())


# --- the code step ----------------------------------------------------------------------------


def test_the_password_alone_leads_to_the_code_step_not_into_the_admin():
    browser = password_signed_in()

    page = browser.get("/admin/", follow=True)

    assert page.redirect_chain[-1][0] == f"{CODE_STEP}?next=%2Fadmin%2F"
    assert "Təsdiq kodu" in visible_text(page)
    assert browser.get("/admin/applications/application/").status_code == 302


def test_a_wrong_code_is_refused():
    browser = password_signed_in()

    response = type_code(browser, "000000" if authenticator_code(OPERATOR_BAKI) != "000000" else "111111")

    assert response.status_code == 200
    assert "Kod səhvdir." in visible_text(response)
    assert not staff_signed_in(browser)


def test_the_right_code_lets_staff_in_where_they_were_going():
    browser = Client()
    browser.post(
        "/admin/login/?next=/admin/applications/application/",
        {
            "username": OPERATOR_BAKI,
            "password": PASSWORDS[OPERATOR_BAKI],
            "next": "/admin/applications/application/",
        },
    )
    step = browser.get("/admin/applications/application/", follow=True)
    assert step.redirect_chain[-1][0].startswith(CODE_STEP)

    response = type_code(
        browser, authenticator_code(OPERATOR_BAKI), next_url="/admin/applications/application/"
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/applications/application/"
    assert staff_signed_in(browser)


def test_an_offsite_next_page_is_ignored():
    browser = password_signed_in()

    response = type_code(browser, authenticator_code(OPERATOR_BAKI), next_url="https://evil.example/")

    assert response["Location"] == "/admin/"


def test_a_code_is_accepted_only_once():
    code = current_code(TOTPDevice.objects.get(user__username=OPERATOR_BAKI))
    first = password_signed_in()
    assert type_code(first, code).status_code == 302

    second = password_signed_in()
    replayed = type_code(second, code)

    assert replayed.status_code == 200
    assert not staff_signed_in(second)


def test_after_a_wrong_code_the_device_waits_before_trying_again():
    browser = password_signed_in()
    right = authenticator_code(OPERATOR_BAKI)
    type_code(browser, "000000" if right != "000000" else "111111")

    response = type_code(browser, right)

    assert response.status_code == 200
    assert "saniyədən sonra yenidən cəhd edin" in visible_text(response)


def test_five_wrong_codes_lock_the_username_out_like_five_wrong_passwords():
    browser = password_signed_in()
    wrong = "000000" if authenticator_code(OPERATOR_BAKI) != "000000" else "111111"
    for _ in range(4):
        assert type_code(browser, wrong).status_code == 200

    fifth = type_code(browser, wrong)

    assert fifth.status_code == 429
    assert "Giriş müvəqqəti bağlanıb" in visible_text(fifth)
    assert browser.get(CODE_STEP)["Location"] == "/admin/login/"  # signed out
    assert staff_sign_in(Client(), OPERATOR_BAKI, PASSWORDS[OPERATOR_BAKI]).status_code == 429


def test_signing_in_rotates_the_session_key_at_the_password_and_again_at_the_code():
    browser = Client()
    browser.get("/admin/login/")
    browser.cookies[settings.SESSION_COOKIE_NAME] = "x"  # a key planted before sign-in
    staff_sign_in(browser, OPERATOR_BAKI, PASSWORDS[OPERATOR_BAKI])
    after_password = browser.cookies[settings.SESSION_COOKIE_NAME].value
    assert after_password not in ("", "x")

    pass_second_factor(browser, OPERATOR_BAKI)

    assert browser.cookies[settings.SESSION_COOKIE_NAME].value not in ("", "x", after_password)
    assert staff_signed_in(browser)


def test_the_code_step_can_sign_out():
    browser = password_signed_in()

    response = browser.post("/admin/two-factor/sign-out/")

    assert response["Location"] == "/admin/login/"
    assert browser.get(CODE_STEP)["Location"] == "/admin/login/"


def test_the_code_step_is_only_for_staff_who_gave_their_password(db):
    assert Client().get(CODE_STEP)["Location"] == "/admin/login/"
    citizen = Client()
    citizen.force_login(User.objects.create(username="citizen-2AB3C4D", fin="2AB3C4D"))
    assert citizen.get(CODE_STEP)["Location"] == "/admin/login/"


# --- setting up an authenticator --------------------------------------------------------------


def test_staff_without_an_authenticator_are_led_to_set_one_up(new_operator):
    browser = enrolled(password_signed_in(new_operator.username, NEW_PASSWORD), new_operator)

    page = browser.get("/admin/", follow=True)

    assert page.redirect_chain[-1][0].startswith(SETUP_STEP)
    text = visible_text(page)
    assert "Autentifikatoru quraşdırın" in text
    secret = re.search(r'<code class="totp-secret">([A-Z2-7 ]+)</code>', page.content.decode()).group(1)
    assert totp_key_from_secret(secret) == pending_device(new_operator).key
    assert 'src="data:image/svg+xml;' in page.content.decode()
    assert browser.get(SETUP_STEP).content.decode().count(secret) == 1  # a reload keeps the secret


def test_a_wrong_first_code_does_not_set_up_the_authenticator(new_operator):
    browser = enrolled(password_signed_in(new_operator.username, NEW_PASSWORD), new_operator)
    browser.get(SETUP_STEP)
    right = current_code(pending_device(new_operator))

    response = type_code(browser, "000000" if right != "000000" else "111111", step=SETUP_STEP)

    assert response.status_code == 200
    assert "Kod səhvdir." in visible_text(response)
    assert not TOTPDevice.objects.filter(user=new_operator, confirmed=True).exists()


def test_the_first_code_sets_up_the_authenticator_and_shows_ten_recovery_codes_once(new_operator):
    browser = enrolled(password_signed_in(new_operator.username, NEW_PASSWORD), new_operator)
    browser.get(SETUP_STEP)

    response = type_code(browser, current_code(pending_device(new_operator)), step=SETUP_STEP)

    codes = recovery_codes_on(response)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "bir daha göstərilməyəcək" in visible_text(response)
    assert staff_signed_in(browser)
    assert TOTPDevice.objects.filter(user=new_operator, confirmed=True).count() == 1
    assert browser.get(SETUP_STEP)["Location"] == "/admin/"  # set up: the page is gone


def test_a_recovery_code_works_once(new_operator):
    setup = enrolled(password_signed_in(new_operator.username, NEW_PASSWORD), new_operator)
    setup.get(SETUP_STEP)
    codes = recovery_codes_on(type_code(setup, current_code(pending_device(new_operator)), step=SETUP_STEP))

    browser = password_signed_in(new_operator.username, NEW_PASSWORD)
    response = type_code(browser, codes[3].upper())

    assert response.status_code == 302
    page = browser.get(response["Location"])
    assert staff_signed_in(browser)
    assert any("9 kod qalıb" in message for message in messages_of(page))

    again = password_signed_in(new_operator.username, NEW_PASSWORD)
    reused = type_code(again, codes[3])
    assert reused.status_code == 200
    assert "Kod səhvdir." in visible_text(reused)
    assert not staff_signed_in(again)


def test_the_password_alone_does_not_show_an_authenticator_secret(new_operator):
    browser = password_signed_in(new_operator.username, NEW_PASSWORD)

    page = browser.get("/admin/", follow=True)
    guessed = type_code(browser, "abcdefghijklmnop", step=SETUP_STEP)

    assert page.redirect_chain[-1][0].startswith(SETUP_STEP)
    assert "qeydiyyat kodunu yazın" in visible_text(page)
    for response in (page, guessed):
        assert 'class="totp-secret"' not in response.content.decode()
        assert "data:image/svg+xml" not in response.content.decode()
    assert "Sizə qeydiyyat kodu verilməyib" in visible_text(guessed)
    assert not TOTPDevice.objects.filter(user=new_operator).exists()


def test_an_enrolment_code_works_once_and_only_for_a_short_time(new_operator, settings):
    code = enrolment_code_issue(user=new_operator)
    first = password_signed_in(new_operator.username, NEW_PASSWORD)
    assert type_code(first, code, step=SETUP_STEP)["Location"] == SETUP_STEP

    again = password_signed_in(new_operator.username, NEW_PASSWORD)
    reused = type_code(again, code, step=SETUP_STEP)
    settings.STAFF_ENROLMENT_CODE_MINUTES = 0
    late = type_code(
        password_signed_in(new_operator.username, NEW_PASSWORD),
        enrolment_code_issue(user=new_operator),
        step=SETUP_STEP,
    )

    assert "Sizə qeydiyyat kodu verilməyib" in visible_text(reused)
    assert "Qeydiyyat kodunun vaxtı bitib" in visible_text(late)


def test_the_enrolment_command_issues_a_code_for_staff_without_an_authenticator(new_operator, capsys):
    call_command("staff_enrolment_code", new_operator.username)
    code = capsys.readouterr().out.split()[0]

    browser = password_signed_in(new_operator.username, NEW_PASSWORD)
    assert type_code(browser, code, step=SETUP_STEP)["Location"] == SETUP_STEP
    with pytest.raises(CommandError):
        call_command("staff_enrolment_code", OPERATOR_BAKI)  # enrolled already


def test_staff_with_an_authenticator_cannot_set_up_another():
    browser = password_signed_in()

    response = browser.get(SETUP_STEP)

    assert response["Location"] == CODE_STEP
    assert type_code(browser, "123456", step=SETUP_STEP)["Location"] == CODE_STEP


# --- least privilege and the demo -------------------------------------------------------------


def test_no_role_may_see_or_change_authenticators():
    for names in ROLE_PERMISSIONS.values():
        assert not [name for name in names if name.startswith(("otp_totp.", "otp_static."))]


@pytest.mark.parametrize("page", ["/admin/otp_totp/totpdevice/", "/admin/otp_static/staticdevice/"])
def test_staff_cannot_open_the_authenticator_admin(staff_client, page):
    assert staff_client(OPERATOR_BAKI).get(page).status_code == 403


def test_demo_staff_have_the_published_authenticator_secret():
    device = TOTPDevice.objects.get(user=user(OPERATOR_BAKI))

    assert device.confirmed
    assert device.key == totp_key_from_secret(DEMO_TOTP_SECRET)


def test_demo_totp_prints_the_current_code(settings, capsys):
    settings.DEBUG = True

    call_command("demo_totp", OPERATOR_BAKI)

    printed = capsys.readouterr().out.strip()
    assert re.fullmatch(r"\d{6}", printed)
    browser = password_signed_in()
    assert type_code(browser, printed).status_code == 302


def test_demo_totp_refuses_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_totp", OPERATOR_BAKI)


ENROLMENT_PAGE = "/admin/two-factor/enrolment-code/"


def test_a_supervisor_issues_an_enrolment_code_that_the_new_officer_sets_up_with(new_operator, staff_client):
    supervisor = staff_client("supervisor")
    form = supervisor.get(ENROLMENT_PAGE)
    issued = supervisor.post(ENROLMENT_PAGE, {"staff": new_operator.username})
    code = re.search(r'<code class="enrolment-code">([a-z2-7]+)</code>', issued.content.decode()).group(1)

    browser = password_signed_in(new_operator.username, NEW_PASSWORD)
    used = type_code(browser, code, step=SETUP_STEP)

    assert new_operator.username in visible_text(form)
    assert OPERATOR_BAKI not in visible_text(form)  # enrolled already: not offered
    assert used.status_code == 302 and used["Location"] == SETUP_STEP
    assert 'class="totp-secret"' in browser.get(SETUP_STEP).content.decode()


@pytest.mark.parametrize("role_user", [OPERATOR_BAKI, "auditor"])
def test_only_a_supervisor_may_issue_enrolment_codes(new_operator, staff_client, role_user):
    browser = staff_client(role_user)

    assert browser.get(ENROLMENT_PAGE).status_code == 403
    assert browser.post(ENROLMENT_PAGE, {"staff": new_operator.username}).status_code == 403
    assert not new_operator.staticdevice_set.exists()
