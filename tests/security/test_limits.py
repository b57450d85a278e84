"""Limits that hold: the debt check's limit counts every page that shows an account, keeps nothing
from a refused request; one-time codes cannot be used to lock a victim's number out; every limit
counts the client behind a trusted proxy, never a header the client wrote."""

import pytest
from django.test import Client
from django_ratelimit.core import _split_rate

from applications import numbers
from applications.models import WizardDraft
from subscribers.models import Account
from tests.support.demo import (
    AYSEL,
    GENCE_ACCOUNT,
    OPERATOR_BAKI,
    RAUF_ACCOUNT,
    SUPERVISOR,
    TURAL_ACCOUNT,
)
from tests.support.staff import PASSWORDS, pass_second_factor, staff_sign_in, visible_text
from tests.support.wizard import (
    application_fields,
    fill_until,
    page_text,
    post_step,
    step_url,
)


@pytest.fixture(autouse=True)
def _world(world):
    """The demo world (tests/security/conftest.py)."""


CODE_FIELD = "application-subscriber_code"


def _address(code: str) -> str:
    return Account.objects.select_related("property").get(subscriber_code=code).property.address


def _draft_codes() -> list[str]:
    return [
        value
        for draft in WizardDraft.objects.all()
        for value in draft.data.get("step_data", {})
        .get("application", {})
        .get("application-subscriber_code", [])
    ]


def test_a_refused_debt_check_keeps_nothing_and_no_page_shows_the_account(settings, citizen):
    settings.ACCOUNT_CHECK_RATE = "2/h"
    aysel = citizen(AYSEL)
    fill_until(aysel, "basic")
    for code in (TURAL_ACCOUNT, GENCE_ACCOUNT):
        post_step(aysel, "application", application_fields("transfer", code), check_account="1")

    refused = post_step(aysel, "application", application_fields("transfer", RAUF_ACCOUNT))
    pages = [aysel.get(step_url(step), follow=True) for step in ("property", "contact", "check")]

    assert refused.status_code == 429
    assert RAUF_ACCOUNT not in _draft_codes()
    for page in pages:
        assert _address(RAUF_ACCOUNT) not in page_text(page)


def test_going_back_with_a_new_code_past_the_limit_keeps_nothing_either(settings, citizen):
    settings.ACCOUNT_CHECK_RATE = "1/h"
    aysel = citizen(AYSEL)
    fill_until(aysel, "basic")
    post_step(aysel, "application", application_fields("transfer", TURAL_ACCOUNT), check_account="1")

    # "Geri" keeps what was typed without checking it: the next page would check it.
    back = post_step(
        aysel, "application", application_fields("transfer", RAUF_ACCOUNT), wizard_goto_step="basic"
    )
    later = aysel.get(step_url("property"), follow=True)

    assert back.status_code == 429
    assert RAUF_ACCOUNT not in _draft_codes()
    assert _address(RAUF_ACCOUNT) not in page_text(later)


def test_the_same_account_checked_again_does_not_use_up_the_limit(settings, citizen):
    settings.ACCOUNT_CHECK_RATE = "2/h"
    aysel = citizen(AYSEL)
    fill_until(aysel, "basic")
    answers = [
        post_step(aysel, "application", application_fields("transfer", RAUF_ACCOUNT), check_account="1")
        for _ in range(5)
    ]
    post_step(aysel, "application", application_fields("transfer", TURAL_ACCOUNT), check_account="1")
    over = post_step(aysel, "application", application_fields("transfer", GENCE_ACCOUNT), check_account="1")

    assert [answer.status_code for answer in answers] == [200] * 5
    assert _address(RAUF_ACCOUNT) in page_text(answers[-1])
    assert over.status_code == 429


# --- the client address behind the reverse proxy ---------------------------------------------

PROXY = "172.18.0.5"


def _status_lookup(client, forwarded_for: str, remote: str = PROXY):
    return client.post(
        "/status/", {"number": numbers.generate()}, REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for
    )


def test_behind_the_trusted_proxy_each_client_has_its_own_status_lookup_quota(client, settings):
    settings.TRUSTED_PROXIES = ["172.16.0.0/12"]
    limit, _period = _split_rate(settings.STATUS_LOOKUP_RATE)
    answers = [_status_lookup(client, "203.0.113.5").status_code for _ in range(limit)]

    over = _status_lookup(client, "203.0.113.5")
    # What the client itself wrote into the header, left of what the proxy saw, changes nothing.
    forged = _status_lookup(client, "198.51.100.77, 203.0.113.5")
    another_client = _status_lookup(client, "203.0.113.6")

    assert answers == [200] * limit
    assert over.status_code == forged.status_code == 429
    assert another_client.status_code == 200


def test_the_forwarded_header_of_a_client_that_is_not_a_trusted_proxy_is_ignored(client, settings):
    settings.TRUSTED_PROXIES = ["172.16.0.0/12"]
    limit, _period = _split_rate(settings.STATUS_LOOKUP_RATE)
    answers = [_status_lookup(client, f"203.0.113.{n}", remote="198.51.100.2") for n in range(limit + 1)]

    assert [answer.status_code for answer in answers] == [200] * limit + [429]


def _staff_sign_in_via_proxy(browser, username: str, password: str, client_ip: str):
    return browser.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_ip,
    )


def test_behind_the_trusted_proxy_wrong_passwords_lock_out_only_their_client(settings):
    settings.TRUSTED_PROXIES = ["172.16.0.0/12"]
    for _ in range(5):
        _staff_sign_in_via_proxy(Client(), OPERATOR_BAKI, "wrong", "203.0.113.5")

    attacker = _staff_sign_in_via_proxy(Client(), OPERATOR_BAKI, PASSWORDS[OPERATOR_BAKI], "203.0.113.5")
    officer = _staff_sign_in_via_proxy(Client(), OPERATOR_BAKI, PASSWORDS[OPERATOR_BAKI], "198.51.100.20")

    assert attacker.status_code == 429
    assert officer.status_code == 302 and officer["Location"] == "/admin/"


def test_wrong_passwords_from_many_addresses_pause_the_username_but_not_its_officers_browser(settings):
    settings.STAFF_USERNAME_GUESS_RATE = "3/15m"
    officers_browser = Client()
    staff_sign_in(officers_browser, OPERATOR_BAKI, PASSWORDS[OPERATOR_BAKI])
    assert pass_second_factor(officers_browser, OPERATOR_BAKI)["Location"] == "/admin/"
    officers_browser.post("/admin/logout/")
    for n in range(3):
        assert staff_sign_in(Client(), OPERATOR_BAKI, "wrong", ip=f"203.0.113.{n}").status_code == 200

    guesser = staff_sign_in(Client(), OPERATOR_BAKI, PASSWORDS[OPERATOR_BAKI], ip="203.0.113.9")
    officer = staff_sign_in(officers_browser, OPERATOR_BAKI, PASSWORDS[OPERATOR_BAKI])
    other_username = staff_sign_in(Client(), SUPERVISOR, PASSWORDS[SUPERVISOR], ip="203.0.113.9")

    assert guesser.status_code == 429
    assert "Giriş müvəqqəti dayandırılıb" in visible_text(guesser)
    assert officer.status_code == 302 and officer["Location"] == "/admin/"
    assert other_username.status_code == 302
