"""Sessions: a new key at every sign-in, nothing left behind at sign-out, an idle and an absolute
timeout, and a store shared by every web process that survives a restart."""

import os
import time
from importlib import import_module

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from applications.models import WizardDraft
from core.middleware import SESSION_SIGNED_IN_KEY, SESSION_TOUCHED_KEY
from subscribers.demo import demo_data_load
from tests.support.demo import AYSEL, RAUF_ACCOUNT
from tests.support.wizard import CONTACT, fill_until, is_signed_in, sign_in, sign_out

TWELVE_HOURS = 12 * 60 * 60


@pytest.fixture(autouse=True)
def demo_world(db):
    demo_data_load()


def session_store(session_key: str):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def session_key_of(browser: Client) -> str:
    return browser.cookies[settings.SESSION_COOKIE_NAME].value


def age_session(browser: Client, **seconds_ago: int) -> None:
    """Move the session's recorded times into the past (`signed_in=…`, `touched=…`)."""
    session = browser.session
    now = int(time.time())
    keys = {"signed_in": SESSION_SIGNED_IN_KEY, "touched": SESSION_TOUCHED_KEY}
    for name, ago in seconds_ago.items():
        session[keys[name]] = now - ago
    session.save()


# --- sign-in and sign-out -----------------------------------------------------------------


def test_citizen_sign_in_replaces_the_session_key_and_the_old_one_is_dead():
    browser = Client()
    start = browser.get("/signin/", {"next": "/apply/"})
    before = session_key_of(browser)  # the session that carried the sign-in's state

    login = browser.post(start["Location"], {"method": "asan_imza", "fin": AYSEL})
    browser.get(login["Location"])

    assert session_key_of(browser) != before
    assert not session_store(before).exists(before)
    assert is_signed_in(browser)


def test_sign_in_records_when_it_happened():
    browser = Client()
    sign_in(browser, AYSEL)

    assert abs(browser.session[SESSION_SIGNED_IN_KEY] - time.time()) < 5


def test_sign_out_flushes_the_session_and_the_browser_keeps_nothing_of_the_wizard():
    browser = Client()
    sign_in(browser, AYSEL)
    fill_until(browser, "contact", code=RAUF_ACCOUNT)
    signed_in_key = session_key_of(browser)

    sign_out(browser)

    assert not session_store(signed_in_key).exists(signed_in_key)
    assert browser.cookies[settings.SESSION_COOKIE_NAME].value == ""  # deleted by the response
    typed = (RAUF_ACCOUNT, "608011001798", "1725022423", "1234567", "45 67", AYSEL)
    for cookie in browser.cookies.values():
        assert not any(value in cookie.value for value in typed), cookie.key
    assert not is_signed_in(browser)
    # By design the progress stays with the citizen's account (resumed at the next sign-in)
    # until the retention task deletes it; see docs/SECURITY.md.
    assert WizardDraft.objects.filter(user__fin=AYSEL).exists()


def test_the_wizard_keeps_no_progress_in_the_session():
    browser = Client()
    sign_in(browser, AYSEL)
    fill_until(browser, "contact", code=RAUF_ACCOUNT, contact=CONTACT)

    session = browser.session
    stored = repr(dict(session.items()))
    assert RAUF_ACCOUNT not in stored and "608011001798" not in stored
    assert set(session.keys()) <= {
        "_auth_user_id",
        "_auth_user_backend",
        "_auth_user_hash",
        SESSION_SIGNED_IN_KEY,
        SESSION_TOUCHED_KEY,
    }


# --- timeouts ---------------------------------------------------------------------------------


def test_an_active_citizen_is_signed_out_after_the_absolute_timeout(settings):
    settings.SESSION_ABSOLUTE_TIMEOUT = TWELVE_HOURS
    browser = Client()
    sign_in(browser, AYSEL)
    age_session(browser, signed_in=TWELVE_HOURS + 1, touched=10)  # active ten seconds ago

    response = browser.get("/apply/")

    assert response.status_code == 302 and response["Location"].startswith("/signin/")
    assert not is_signed_in(browser)


def test_a_citizen_within_the_absolute_timeout_stays_signed_in(settings):
    settings.SESSION_ABSOLUTE_TIMEOUT = TWELVE_HOURS
    browser = Client()
    sign_in(browser, AYSEL)
    age_session(browser, signed_in=TWELVE_HOURS - 60, touched=10)

    assert is_signed_in(browser)


def test_a_session_signed_in_before_the_absolute_timeout_existed_gets_a_start_time(settings):
    browser = Client()
    sign_in(browser, AYSEL)
    session = browser.session
    del session[SESSION_SIGNED_IN_KEY]
    session.save()

    assert is_signed_in(browser)
    assert abs(browser.session[SESSION_SIGNED_IN_KEY] - time.time()) < 5


def test_the_absolute_timeout_applies_to_staff_too(settings, staff_session):
    settings.SESSION_ABSOLUTE_TIMEOUT = TWELVE_HOURS
    browser = staff_session()
    assert browser.get("/admin/").status_code == 200
    age_session(browser, signed_in=TWELVE_HOURS + 1, touched=10)

    response = browser.get("/admin/")

    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_the_idle_timeout_is_thirty_minutes_by_default():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_ABSOLUTE_TIMEOUT == TWELVE_HOURS


# --- the store --------------------------------------------------------------------------------


def test_a_session_survives_a_web_process_restart():
    browser = Client()
    sign_in(browser, AYSEL)
    key = session_key_of(browser)

    # A restarted process: a new handler and client, empty process-local caches; only the
    # cookie the browser kept and the shared store remain.
    cache.clear()
    restarted = Client()
    restarted.cookies[settings.SESSION_COOKIE_NAME] = key

    assert is_signed_in(restarted)
    assert session_store(key).exists(key)


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL), as CI provides")
def test_redis_backed_sessions_survive_a_web_process_restart(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": f"session-test-{os.getpid()}",
        }
    }
    browser = Client()
    sign_in(browser, AYSEL)
    key = session_key_of(browser)

    restarted = Client()
    restarted.cookies[settings.SESSION_COOKIE_NAME] = key

    try:
        assert is_signed_in(restarted)
    finally:
        session_store(key).delete(key)


@pytest.fixture
def staff_session(db):
    """`staff_session()`: a browser signed in to the admin (with the second factor) as the demo
    Bakı operator."""
    from backoffice.services import staff_demo_load
    from subscribers.models import User
    from tests.support.staff import second_factor_passed

    staff_demo_load()

    def signed_in() -> Client:
        browser = Client()
        staff = User.objects.get(username="operator.baki")
        browser.force_login(staff)
        return second_factor_passed(browser, staff)

    return signed_in
