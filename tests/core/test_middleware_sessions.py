"""The session timeout warning's server side: the page says when the session ends, and
"Davam et" starts the idle time again (WCAG 2.2.1)."""

import re
import time

import pytest

from core.middleware import SESSION_TOUCHED_KEY
from subscribers.models import User


@pytest.fixture
def citizen(client, db):
    client.force_login(User.objects.create(username="citizen-2AB3C4D", fin="2AB3C4D"))
    return client


def expires_in(response) -> int:
    return int(re.search(r'data-expires-in="(\d+)"', response.content.decode()).group(1))


def test_signed_in_pages_carry_the_warning_with_the_time_left(citizen, settings):
    settings.SESSION_COOKIE_AGE = 1800
    response = citizen.get("/")
    assert 'role="alertdialog"' in response.content.decode()
    assert 1790 <= expires_in(response) <= 1800


def test_anonymous_pages_have_no_warning(client, db):
    assert "timeout-dialog" not in client.get("/").content.decode()


def test_continue_restarts_the_idle_time(citizen, settings):
    settings.SESSION_COOKIE_AGE = 1800
    session = citizen.session
    session[SESSION_TOUCHED_KEY] = int(time.time()) - 1700
    session.save()
    assert expires_in(citizen.get("/status/")) <= 100
    response = citizen.post("/signin/keep-alive/", {"next": "/status/"})
    assert response.status_code == 302 and response["Location"] == "/status/"
    assert expires_in(citizen.get("/status/")) >= 1790


def test_continue_by_script_answers_no_content(citizen):
    response = citizen.post("/signin/keep-alive/", HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 204


def test_continue_refuses_an_offsite_next(citizen):
    response = citizen.post("/signin/keep-alive/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_session_ends_after_the_idle_timeout(citizen, settings):
    settings.SESSION_COOKIE_AGE = 1
    citizen.get("/")  # the touch sets the expiry one second ahead
    time.sleep(2.1)
    assert citizen.get("/apply/").status_code == 302
    assert citizen.get("/apply/")["Location"].startswith("/signin/")
