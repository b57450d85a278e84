"""Signing in through the emulated ASAN Login (OpenID Connect), and signing out, as a citizen's
browser sees it."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

from subscribers.models import User
from tests.support.demo import AYSEL, LEYLA
from tests.support.wizard import (
    ASAN_LOGIN_AUTHORIZE,
    assert_redirects_to,
    field_error,
    form_controls,
    input_value,
    is_signed_in,
    query_of,
    sign_in,
    sign_out,
    title,
    visible_text,
)

pytestmark = pytest.mark.usefixtures("demo_world")


def open_asan_page(client, next_url="/apply/"):
    """The authorization request the portal's OIDC client sends the citizen to."""
    start = client.get("/signin/", {"next": next_url})
    assert start.status_code == 302
    assert urlsplit(start["Location"]).path == ASAN_LOGIN_AUTHORIZE
    return start["Location"]


def fin_error(response) -> str:
    return field_error(response, "fin")


def step_one_text(client) -> str:
    """Step 1 of the wizard: who the portal thinks is signed in."""
    response = client.get("/apply/basic/")
    assert response.status_code == 200
    return visible_text(response)


# --- the pages --------------------------------------------------------------------------


def test_start_page_says_what_you_need_and_has_a_start_button(client):
    response = client.get("/")

    assert response.status_code == 200
    text = visible_text(response)
    assert "Sizə lazım olacaq" in text
    assert "abonent kodu" in text
    assert "reyestr" in text
    assert "mobil nömrə" in text
    assert "Başla" in text
    assert 'href="/apply/"' in response.content.decode()


def test_emulated_asan_page_offers_the_three_methods_and_a_fin_field(client):
    response = client.get(open_asan_page(client))

    assert response.status_code == 200
    text = visible_text(response)
    for label in ("Asan İmza", "SİMA", "Elektron imza", "FİN", "Daxil ol"):
        assert label in text
    controls = form_controls(response).values
    assert "fin" in controls
    assert "method" in controls


def test_sign_in_asks_for_a_code_with_pkce_state_and_nonce(client):
    query = query_of(open_asan_page(client))

    assert query["response_type"] == "code"
    assert query["scope"] == "openid"
    assert query["code_challenge_method"] == "S256"
    assert query["code_challenge"] and query["state"] and query["nonce"]
    assert "client_secret" not in query


def test_emulated_asan_page_without_an_authorization_request_is_a_bad_request(client):
    assert client.get(ASAN_LOGIN_AUTHORIZE).status_code == 400


def test_emulated_asan_page_refuses_a_request_without_pkce(client):
    query = query_of(open_asan_page(client))
    del query["code_challenge"], query["code_challenge_method"]

    response = client.get(ASAN_LOGIN_AUTHORIZE, query)

    # Back to the portal's callback with the error, which sends the citizen to sign in again.
    assert response.status_code == 302
    assert query_of(response["Location"])["error"] == "invalid_request"
    assert client.get(response["Location"]).status_code == 400
    assert not is_signed_in(client)


# --- bad FİN ----------------------------------------------------------------------------

BAD_FINS = {
    "too short": ("2AB3C4", "FİN 7 simvoldan ibarət olmalıdır"),
    "with I": ("2AB3C4I", "I və O-dan başqa"),
    "with O": ("2OB3C4D", "I və O-dan başqa"),
    "empty": ("", "Bu xana mütləqdir"),
    "unicode letters": ("2ƏB3Ç4D", "latın hərflərindən"),
    "arabic digits": ("٢AB٣C٤D", "latın hərflərindən"),
}


@pytest.mark.parametrize("fin, message", BAD_FINS.values(), ids=BAD_FINS.keys())
def test_bad_fin_is_refused_at_the_field_and_kept(client, fin, message):
    response = client.post(open_asan_page(client), {"method": "asan_imza", "fin": fin})

    assert response.status_code == 200
    assert message in fin_error(response)
    assert input_value(response, "fin") == fin
    assert title(response).startswith("Xəta: ")
    assert not is_signed_in(client)
    assert not User.objects.filter(fin__isnull=False).exists()


def test_fifty_character_fin_is_refused_with_the_seven_character_rule(client):
    fin = "2AB3C4D" * 7 + "X"

    response = client.post(open_asan_page(client), {"method": "sima", "fin": fin})

    assert response.status_code == 200
    assert input_value(response, "fin") == fin
    assert not is_signed_in(client)
    assert "FİN 7 simvoldan ibarət olmalıdır" in fin_error(response)


def test_fifty_character_fin_is_refused_at_the_field_and_kept(client):
    fin = "2AB3C4D" * 7 + "X"

    response = client.post(open_asan_page(client), {"method": "sima", "fin": fin})

    assert response.status_code == 200
    assert fin_error(response)
    assert input_value(response, "fin") == fin
    assert not is_signed_in(client)


def test_unknown_sign_in_method_is_refused(client):
    response = client.post(open_asan_page(client), {"method": "password", "fin": AYSEL})

    assert response.status_code == 200
    assert title(response).startswith("Xəta: ")
    assert not is_signed_in(client)


# --- signing in -------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["asan_imza", "sima", "e_imza"])
def test_valid_fin_signs_in_and_lands_on_the_wizard(client, method):
    response = sign_in(client, AYSEL, method=method)

    assert_redirects_to(response, "/apply/")
    assert is_signed_in(client)
    assert User.objects.filter(fin=AYSEL).count() == 1
    assert_redirects_to(client.get("/apply/"), "/apply/basic/")
    assert "Məmmədova" in step_one_text(client)


def test_lowercase_and_padded_fin_is_understood(client):
    response = sign_in(client, "  2ab3c4d ")

    assert_redirects_to(response, "/apply/")
    assert "Məmmədova" in step_one_text(client)


def test_signing_in_twice_reuses_the_citizen(client):
    sign_in(client, AYSEL)
    sign_out(client)
    sign_in(client, AYSEL)

    assert User.objects.filter(fin=AYSEL).count() == 1


def test_wizard_requires_sign_in_and_returns_there_afterwards(client):
    response = client.get("/apply/")
    assert response.status_code == 302
    assert response["Location"].startswith("/signin/?next=/apply/")

    assert_redirects_to(sign_in(client, AYSEL, next_url="/apply/"), "/apply/")


@pytest.mark.parametrize("state", ["wrong-state", ""])
def test_callback_with_wrong_or_missing_state_is_refused(client, state):
    asan = open_asan_page(client)
    login = client.post(asan, {"method": "asan_imza", "fin": AYSEL})
    code = query_of(login["Location"])["code"]

    response = client.get("/signin/callback/", {"code": code, "state": state})

    assert response.status_code == 400
    assert "Giriş alınmadı" in visible_text(response)
    assert not is_signed_in(client)


def test_callback_without_a_started_sign_in_is_refused(client):
    response = client.get("/signin/callback/", {"code": "anything", "state": "anything"})

    assert response.status_code == 400
    assert not is_signed_in(client)


def test_a_code_can_be_used_only_once(client):
    asan = open_asan_page(client)
    login = client.post(asan, {"method": "asan_imza", "fin": AYSEL})
    code = query_of(login["Location"])["code"]
    assert_redirects_to(client.get(login["Location"]), "/apply/")
    sign_out(client)

    # A fresh sign-in (so the state is right), replaying the old code.
    state = query_of(open_asan_page(client))["state"]
    replay = client.get("/signin/callback/", {"code": code, "state": state})

    assert replay.status_code == 400
    assert not is_signed_in(client)


def test_sign_in_rotates_the_session_key(client):
    asan = open_asan_page(client)
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    login = client.post(asan, {"method": "asan_imza", "fin": AYSEL})
    client.get(login["Location"])

    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert is_signed_in(client)


def test_sign_out_logs_out_and_the_wizard_asks_to_sign_in_again(client):
    sign_in(client, AYSEL)

    response = sign_out(client)

    # Through ASAN Login's end-session endpoint (RP-initiated logout), back to the start page.
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/asan-login/logout/"
    assert "id_token_hint" not in query_of(response["Location"])  # it names the citizen
    back = client.get(response["Location"])
    assert back.status_code == 302
    assert urlsplit(back["Location"]).path == "/"
    assert not is_signed_in(client)
    again = client.get("/apply/")
    assert again.status_code == 302
    assert again["Location"].startswith("/signin/")


def test_sign_out_is_post_only(client):
    sign_in(client, AYSEL)

    assert client.get("/signin/out/").status_code == 405
    assert is_signed_in(client)


def test_signing_in_as_someone_else_replaces_the_first_citizen(client):
    sign_in(client, AYSEL)
    sign_in(client, LEYLA)

    text = step_one_text(client)
    assert "Quliyeva" in text
    assert "Məmmədova" not in text


def test_fin_never_appears_in_a_redirect_url(client):
    locations = []
    start = client.get("/signin/", {"next": "/apply/"})
    locations.append(start["Location"])
    login = client.post(start["Location"], {"method": "asan_imza", "fin": AYSEL})
    locations.append(login["Location"])
    done = client.get(login["Location"])
    locations.append(done["Location"])

    assert done.status_code == 302
    for location in locations:
        assert AYSEL not in location.upper(), location


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/apply/", "/\\evil.example", "http:evil.example"],
)
def test_open_redirect_after_sign_in_is_refused(client, next_url):
    response = sign_in(client, AYSEL, next_url=next_url)

    assert_redirects_to(response, "/apply/")
    assert is_signed_in(client)


# --- CSRF, as a real browser meets it ---------------------------------------------------


def csrf_token(response) -> str:
    return form_controls(response).values["csrfmiddlewaretoken"][-1]


def test_sign_in_and_the_wizard_work_with_csrf_checks_on(db):
    browser = Client(enforce_csrf_checks=True)
    asan = browser.get(open_asan_page(browser))

    login = browser.post(
        asan.wsgi_request.get_full_path(),
        {"method": "asan_imza", "fin": AYSEL, "csrfmiddlewaretoken": csrf_token(asan)},
    )
    assert login.status_code == 302
    assert_redirects_to(browser.get(login["Location"]), "/apply/")

    basic = browser.get("/apply/basic/")
    step = browser.post(
        "/apply/basic/",
        {
            "application_wizard_view-current_step": "basic",
            "csrfmiddlewaretoken": csrf_token(basic),
        },
    )
    assert_redirects_to(step, "/apply/application/")


def test_posts_without_the_csrf_token_are_refused(db):
    browser = Client(enforce_csrf_checks=True)
    asan = open_asan_page(browser)

    assert browser.post(asan, {"method": "asan_imza", "fin": AYSEL}).status_code == 403
    assert not is_signed_in(browser)
