"""The emulated ASAN Login (django-oauth-toolkit at /asan-login/) as an OpenID provider: what the
portal's OIDC client finds there and what its ID tokens say."""

from urllib.parse import urlencode, urlsplit

import pytest
from oauth2_provider.models import get_application_model

from integrations.identity.base import Identity, get_identity_provider
from tests.support.demo import AYSEL
from tests.support.identity import Browser
from tests.support.wizard import ASAN_LOGIN_AUTHORIZE, query_of, sign_in, visible_text

pytestmark = pytest.mark.usefixtures("demo_world")

ISSUER = "http://testserver/asan-login"
CALLBACK = "http://testserver/signin/callback/"


def test_discovery_names_the_issuer_its_endpoints_and_s256_only(client):
    response = client.get("/asan-login/.well-known/openid-configuration")

    assert response.status_code == 200
    document = response.json()
    assert document["issuer"] == ISSUER
    assert document["authorization_endpoint"] == f"http://testserver{ASAN_LOGIN_AUTHORIZE}"
    assert document["token_endpoint"] == f"{ISSUER}/token/"
    assert document["jwks_uri"] == f"{ISSUER}/.well-known/jwks.json"
    assert document["end_session_endpoint"] == f"{ISSUER}/logout/"
    assert "RS256" in document["id_token_signing_alg_values_supported"]
    assert document["code_challenge_methods_supported"] == ["S256"]


def test_the_jwks_publishes_one_rsa_signing_key(client):
    keys = client.get("/asan-login/.well-known/jwks.json").json()["keys"]

    assert [(key["kty"], key["alg"], key["use"]) for key in keys] == [("RSA", "RS256", "sig")]
    assert keys[0]["kid"] and "d" not in keys[0]


@pytest.mark.parametrize("method", ["asan_imza", "sima", "e_imza"])
def test_the_id_token_names_the_fin_and_the_method_chosen(client, method):
    # The portal's OIDC client, driven by hand: its start, the ASAN Login page, its callback.
    backend = get_identity_provider()
    browser = Browser()
    login_page = backend.authorization_url(browser.request(), redirect_uri=CALLBACK)
    login = client.post(login_page, {"method": method, "fin": AYSEL})
    identity = backend.resolve(browser.request(query_of(login["Location"])), redirect_uri=CALLBACK)

    # Taken from the ID token's verified claims (`fin`, `asan_method`).
    assert identity == Identity(fin=AYSEL, method=method)


def test_the_portal_client_is_registered_once(client, settings):
    sign_in(client, AYSEL)
    sign_in(client, AYSEL)

    applications = get_application_model().objects.filter(client_id=settings.IDENTITY_PROVIDER["client_id"])
    assert applications.count() == 1


def test_the_plain_pkce_method_is_refused(client):
    start = client.get("/signin/")
    query = {**query_of(start["Location"]), "code_challenge_method": "plain"}

    response = client.post(f"{ASAN_LOGIN_AUTHORIZE}?{urlencode(query)}", {"method": "sima", "fin": AYSEL})

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/signin/callback/"
    assert query_of(response["Location"])["error"] == "invalid_request"
    assert "code" not in query_of(response["Location"])


def test_a_wrong_client_secret_is_refused_and_the_citizen_asked_to_sign_in_again(client, settings):
    start = client.get("/signin/")
    login = client.post(start["Location"], {"method": "asan_imza", "fin": AYSEL})
    settings.IDENTITY_PROVIDER = {**settings.IDENTITY_PROVIDER, "client_secret": "guessed"}

    response = client.get(login["Location"])

    assert response.status_code == 400
    assert "Giriş alınmadı" in visible_text(response)
    assert "Yenidən daxil ol" in visible_text(response)
