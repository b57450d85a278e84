"""PostgreSQL unreachable during a journey: a friendly 503 page in the citizen's language, and what
they typed on earlier steps is there when the database is back.

The outage is made with Django's own hook for it, `connection.execute_wrapper`: every query the
request makes raises OperationalError, as psycopg does when the server is gone, at the place the
query is made (a view, a middleware reading the session, a template). Savepoint statements pass:
they come from the test's own transaction (pytest-django wraps each test in one), where in
production the same blocks are BEGIN/ROLLBACK on the connection, not queries. The real thing, a
server whose PostgreSQL is cut off, is in the fault tests beside this file.
"""

import re
import sys

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, RequestFactory
from django.utils import translation

from core.outage import database_unavailable, server_error
from subscribers.demo import demo_data_load
from tests.support.demo import AYSEL, NESIMI_FLAT, RAUF_ACCOUNT
from tests.support.wizard import fill_until, input_value, post_step, sign_in, step_url, visible_text

HEADING = "Bağışlayın, xidmət bu an işləmir"
# The whole message (a msgid), so that in_language() can translate it.
GO_BACK = (
    "Əvvəlki addımlarda yazdıqlarınız yadda saxlanılıb. İndi göndərdiyiniz isə saxlanılmamış ola bilər: "
    "brauzerdə “Geri” düyməsini basın, yazdıqlarınızı yoxlayın və bir az sonra yenidən göndərin."
)


def database_down(error=OperationalError):
    def refuse(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")):
            return execute(sql, params, many, context)
        raise error("could not connect to server: Connection refused")

    return connection.execute_wrapper(refuse)


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.fixture
def citizen_halfway(db):
    """Aysel, signed in, with steps 1 and 2 saved; the wizard waits on step 3."""
    demo_data_load()
    browser = Client(raise_request_exception=False)
    sign_in(browser, AYSEL)
    fill_until(browser, "application", code=RAUF_ACCOUNT)
    return browser


def test_an_outage_while_sending_a_step_shows_a_503_in_the_citizens_language(citizen_halfway):
    citizen_halfway.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    with database_down():
        response = post_step(citizen_halfway, "property", NESIMI_FLAT)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
    text = visible_text(response)
    assert in_language("en", HEADING) in text
    assert in_language("en", GO_BACK) in text  # honest: what was sent just now may be lost


def test_after_the_outage_the_earlier_steps_are_all_there(citizen_halfway):
    with database_down():
        post_step(citizen_halfway, "property", NESIMI_FLAT)

    resumed = citizen_halfway.get("/apply/")
    assert resumed["Location"] == step_url("property")
    step_two = citizen_halfway.get(step_url("application"))
    assert input_value(step_two, "application-subscriber_code") == RAUF_ACCOUNT
    # Sending step 3 again, as the page asks, moves on (to the transfer's handover).
    assert post_step(citizen_halfway, "property", NESIMI_FLAT)["Location"] == step_url("handover")


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_an_outage_met_by_a_middleware_gets_the_same_page_in_azerbaijani(citizen_halfway, error):
    # Opening a page: the session is read (for the timeouts) before any view runs.
    with database_down(error):
        response = citizen_halfway.get(step_url("property"))

    assert response.status_code == 503
    assert '<html lang="az">' in response.content.decode()
    text = visible_text(response)
    assert HEADING in text
    assert GO_BACK not in text  # nothing was sent


def test_an_anonymous_lookup_during_an_outage_gets_the_page_too(db):
    with database_down():
        response = Client(raise_request_exception=False).post("/status/", {"number": "AZI-22222-22222"})

    assert response.status_code == 503
    assert HEADING in visible_text(response)


def test_the_page_itself_makes_no_query(db):
    request = RequestFactory().post("/apply/property/")
    request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = "ru"

    with database_down():
        response = database_unavailable(request)

    assert response.status_code == 503
    assert '<html lang="ru">' in response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", response.content.decode())  # strict CSP holds


def test_other_errors_still_get_the_500_page(db):
    try:
        raise ValueError("a bug")
    except ValueError:
        assert sys.exc_info()[0] is ValueError
        response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
