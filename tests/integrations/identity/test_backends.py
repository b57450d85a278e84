"""The OpenID Connect client (integrations/identity/oidc.py) against a local provider that a test
controls (pytest-httpserver): discovery, PKCE, state, nonce, the ID token's signature and claims,
key rotation, and what counts as refused and what as unavailable."""

import base64
import hashlib
import json
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey
from werkzeug import Response

from integrations.identity.base import Identity, IdentityUnavailable, SignInRejected, get_identity_provider
from integrations.identity.oidc import OidcIdentityProvider
from tests.support.identity import Browser

BACKEND = "integrations.identity.oidc.OidcIdentityProvider"
CALLBACK = "https://portal.example/signin/callback/"
CLIENT_ID = "azerishiq-portal"
CLIENT_SECRET = "client-secret-of-at-least-thirty-two-bytes"
AYSEL = "2AB3C4D"


def rsa_key(kid: str) -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})


class LocalProvider:
    """An OpenID provider on pytest-httpserver: its discovery, JWKS and token endpoint. The token
    endpoint answers with an ID token signed by `signing_key`, or with `forged` when a test set it."""

    def __init__(self, httpserver):
        self.server = httpserver
        self.issuer = httpserver.url_for("/op")
        self.signing_key = rsa_key("key-1")
        self.published = [self.signing_key]
        self.jwks_requests = 0
        self.token_requests = []
        self.nonce = ""
        self.forged = ""
        httpserver.expect_request("/op/.well-known/openid-configuration").respond_with_json(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "end_session_endpoint": f"{self.issuer}/logout",
                "id_token_signing_alg_values_supported": ["RS256", "HS256"],
            }
        )
        httpserver.expect_request("/op/jwks").respond_with_handler(self._jwks)
        self.token_endpoint = httpserver.expect_request("/op/token", method="POST")
        self.token_endpoint.respond_with_handler(self._token)

    def _jwks(self, request):
        self.jwks_requests += 1
        keys = [key.as_dict(private=False) for key in self.published]
        return Response(json.dumps({"keys": keys}), content_type="application/json")

    def _token(self, request):
        self.token_requests.append(request)
        id_token = self.forged or self.id_token()
        body = {"access_token": "access-1", "token_type": "Bearer", "id_token": id_token}
        return Response(json.dumps(body), content_type="application/json")

    def id_token(self, **changes) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": AYSEL,
            "fin": AYSEL,
            "asan_method": "sima",
            "iat": now,
            "exp": now + 300,
            "nonce": self.nonce,
            **changes,
        }
        claims = {name: value for name, value in claims.items() if value is not None}
        header = {"alg": "RS256", "kid": self.signing_key.kid}
        return jwt.encode(header, claims, self.signing_key)


@pytest.fixture
def provider(httpserver) -> LocalProvider:
    return LocalProvider(httpserver)


@pytest.fixture
def backend(settings, provider) -> OidcIdentityProvider:
    settings.IDENTITY_PROVIDER = {
        "BACKEND": BACKEND,
        "issuer": provider.issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "timeout": 0.5,
    }
    return get_identity_provider()


def start(backend, provider, browser: Browser) -> dict[str, str]:
    """The sign-in's start: the authorization request's parameters (the provider learns the nonce)."""
    url = backend.authorization_url(browser.request(), redirect_uri=CALLBACK)
    query = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    provider.nonce = query["nonce"]
    return query


def come_back(backend, browser: Browser, query: dict) -> Identity:
    """The provider sends the browser back to the callback with `query`."""
    return backend.resolve(browser.request(query), redirect_uri=CALLBACK)


def sign_in(backend, provider) -> Identity:
    browser = Browser()
    authorization = start(backend, provider, browser)
    return come_back(backend, browser, {"code": "code-1", "state": authorization["state"]})


# --- signing in ---------------------------------------------------------------------------


def test_the_authorization_request_asks_for_a_code_with_pkce_state_and_nonce(backend, provider):
    browser = Browser()
    url = urlsplit(backend.authorization_url(browser.request(), redirect_uri=CALLBACK))
    query = parse_qs(url.query)

    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{provider.issuer}/authorize"
    assert query["response_type"] == ["code"]
    assert query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"] == [CALLBACK]
    assert query["scope"] == ["openid"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["state"][0] and query["nonce"][0]
    assert "client_secret" not in query


def test_a_good_id_token_gives_the_fin_and_method_it_names(backend, provider):
    identity = sign_in(backend, provider)

    assert identity == Identity(fin=AYSEL, method="sima")


def test_the_token_request_proves_the_client_and_the_pkce_verifier(backend, provider):
    browser = Browser()
    authorization = start(backend, provider, browser)
    come_back(backend, browser, {"code": "code-1", "state": authorization["state"]})

    (request,) = provider.token_requests
    form = request.form
    assert form["grant_type"] == "authorization_code"
    assert form["code"] == "code-1"
    assert form["redirect_uri"] == CALLBACK
    verifier_hash = hashlib.sha256(form["code_verifier"].encode()).digest()
    assert base64.urlsafe_b64encode(verifier_hash).rstrip(b"=").decode() == authorization["code_challenge"]
    expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    assert request.headers["Authorization"] == f"Basic {expected}"
    assert "client_secret" not in form


def test_discovery_and_keys_are_asked_once_for_many_sign_ins(backend, provider, httpserver):
    for _ in range(3):
        sign_in(backend, provider)

    discoveries = [r for r, _ in httpserver.log if r.path.endswith("openid-configuration")]
    assert len(discoveries) == 1
    assert provider.jwks_requests == 1


def test_a_key_the_jwks_does_not_know_yet_is_fetched_once_and_then_works(backend, provider):
    sign_in(backend, provider)
    assert provider.jwks_requests == 1
    # The provider rotates its signing key.
    provider.signing_key = rsa_key("key-2")
    provider.published = [provider.published[0], provider.signing_key]

    identity = sign_in(backend, provider)

    assert identity.fin == AYSEL
    assert provider.jwks_requests == 2
    sign_in(backend, provider)
    assert provider.jwks_requests == 2


def test_a_key_the_provider_never_published_is_refused_after_one_fetch(backend, provider):
    sign_in(backend, provider)
    provider.signing_key = rsa_key("key-unpublished")

    with pytest.raises(SignInRejected):
        sign_in(backend, provider)
    assert provider.jwks_requests == 2


# --- refused: the citizen is sent back to sign in ----------------------------------------


def tampered(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["fin"] = "9XY8Z7W"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def signed_by_another_key_with_the_same_kid(provider) -> str:
    real = provider.signing_key
    provider.signing_key = rsa_key(real.kid)
    try:
        return provider.id_token()
    finally:
        provider.signing_key = real


def with_claims(**changes):
    """An ID token signed by the provider, with these claims changed (None: left out)."""
    return lambda provider: provider.id_token(**changes)


def expired(provider) -> str:
    now = int(time.time())
    return provider.id_token(exp=now - 3600, iat=now - 3900)


def unsigned(provider) -> str:
    """The provider's own claims with the signature taken off ("alg": "none")."""
    _header, payload, _signature = provider.id_token().split(".")
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    return f"{header}.{payload}."


def mac_keyed_with_the_client_secret(provider) -> str:
    now = int(time.time())
    claims = {"iss": provider.issuer, "aud": CLIENT_ID, "sub": AYSEL, "fin": AYSEL, "asan_method": "sima"}
    claims.update(iat=now, exp=now + 300, nonce=provider.nonce)
    return jwt.encode({"alg": "HS256"}, claims, OctKey.import_key(CLIENT_SECRET))


FORGED = {
    "tampered": lambda provider: tampered(provider.id_token()),
    "wrongly signed": signed_by_another_key_with_the_same_kid,
    "unsigned": unsigned,
    "a MAC keyed with the client secret": mac_keyed_with_the_client_secret,
    "expired": expired,
    "for another client": with_claims(aud="another-client"),
    "from another issuer": with_claims(iss="https://evil.example"),
    "another sign-in's nonce": with_claims(nonce="another-sign-in"),
    "without a nonce": with_claims(nonce=None),
    "without a FİN": with_claims(fin=None),
    "with a malformed FİN": with_claims(fin="2AB3C4"),
    "with an unknown method": with_claims(asan_method="password"),
}


@pytest.mark.parametrize("forge", FORGED.values(), ids=FORGED.keys())
def test_an_id_token_that_does_not_prove_the_sign_in_is_refused(backend, provider, forge):
    browser = Browser()
    authorization = start(backend, provider, browser)
    provider.forged = forge(provider)

    with pytest.raises(SignInRejected):
        come_back(backend, browser, {"code": "code-1", "state": authorization["state"]})
    assert len(provider.token_requests) == 1


@pytest.mark.parametrize(
    "error", ["invalid_grant", "invalid_client", "invalid_request", "unauthorized_client"]
)
def test_an_oauth_error_from_the_token_endpoint_is_refused_not_unavailable(
    backend, provider, httpserver, error
):
    # An expired or reused code: RFC 6749 §5.2 answers 400 invalid_grant. The citizen signs in
    # again; the provider is not down.
    browser = Browser()
    authorization = start(backend, provider, browser)
    httpserver.clear_all_handlers()
    httpserver.expect_request("/op/.well-known/openid-configuration").respond_with_data(status=500)
    httpserver.expect_request("/op/jwks").respond_with_handler(provider._jwks)
    httpserver.expect_request("/op/token", method="POST").respond_with_json({"error": error}, status=400)

    with pytest.raises(SignInRejected):
        come_back(backend, browser, {"code": "used-code", "state": authorization["state"]})


def test_a_token_answer_without_an_id_token_is_refused(backend, provider, httpserver):
    browser = Browser()
    authorization = start(backend, provider, browser)
    httpserver.clear_all_handlers()
    httpserver.expect_request("/op/jwks").respond_with_handler(provider._jwks)
    httpserver.expect_request("/op/token", method="POST").respond_with_json(
        {"access_token": "a", "token_type": "Bearer"}
    )

    with pytest.raises(SignInRejected):
        come_back(backend, browser, {"code": "code-1", "state": authorization["state"]})


@pytest.mark.parametrize("state", ["wrong-state", ""])
def test_a_wrong_or_missing_state_is_refused_before_the_code_is_used(backend, provider, state):
    browser = Browser()
    start(backend, provider, browser)

    with pytest.raises(SignInRejected):
        come_back(backend, browser, {"code": "code-1", "state": state})
    assert provider.token_requests == []


def test_a_state_works_once(backend, provider):
    browser = Browser()
    authorization = start(backend, provider, browser)
    come_back(backend, browser, {"code": "code-1", "state": authorization["state"]})

    with pytest.raises(SignInRejected):
        come_back(backend, browser, {"code": "code-1", "state": authorization["state"]})
    assert len(provider.token_requests) == 1


def test_a_callback_in_another_browser_is_refused(backend, provider):
    authorization = start(backend, provider, Browser())

    with pytest.raises(SignInRejected):
        come_back(backend, Browser(), {"code": "code-1", "state": authorization["state"]})


def test_the_provider_sending_an_error_back_is_refused(backend, provider):
    browser = Browser()
    authorization = start(backend, provider, browser)

    with pytest.raises(SignInRejected):
        come_back(backend, browser, {"error": "access_denied", "state": authorization["state"]})
    assert provider.token_requests == []


# --- unavailable: the provider could not be asked ---------------------------------------


def configured(settings, issuer: str, timeout: float = 0.5):
    settings.IDENTITY_PROVIDER = {
        "BACKEND": BACKEND,
        "issuer": issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "timeout": timeout,
    }
    return get_identity_provider()


def test_a_provider_nobody_answers_at_is_unavailable(settings, closed_port_url):
    backend = configured(settings, f"{closed_port_url}/op")

    with pytest.raises(IdentityUnavailable):
        backend.authorization_url(Browser().request(), redirect_uri=CALLBACK)


@pytest.mark.parametrize("status", [500, 502, 503, 404])
def test_a_broken_discovery_document_is_unavailable(settings, httpserver, status):
    httpserver.expect_request("/op/.well-known/openid-configuration").respond_with_data("", status=status)
    backend = configured(settings, httpserver.url_for("/op"))

    with pytest.raises(IdentityUnavailable):
        backend.authorization_url(Browser().request(), redirect_uri=CALLBACK)


def test_a_discovery_document_of_another_issuer_is_unavailable(settings, httpserver):
    httpserver.expect_request("/op/.well-known/openid-configuration").respond_with_json(
        {"issuer": "https://evil.example", "authorization_endpoint": "https://evil.example/authorize"}
    )
    backend = configured(settings, httpserver.url_for("/op"))

    with pytest.raises(IdentityUnavailable):
        backend.authorization_url(Browser().request(), redirect_uri=CALLBACK)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_token_endpoint_answering_5xx_is_unavailable(backend, provider, httpserver, status):
    browser = Browser()
    authorization = start(backend, provider, browser)
    httpserver.clear_all_handlers()
    httpserver.expect_request("/op/jwks").respond_with_handler(provider._jwks)
    httpserver.expect_request("/op/token", method="POST").respond_with_data("down", status=status)

    with pytest.raises(IdentityUnavailable):
        come_back(backend, browser, {"code": "code-1", "state": authorization["state"]})


def test_a_token_endpoint_that_does_not_answer_in_time_is_unavailable(
    backend, provider, httpserver, stalled_handler
):
    browser = Browser()
    authorization = start(backend, provider, browser)
    httpserver.clear_all_handlers()
    httpserver.expect_request("/op/jwks").respond_with_handler(provider._jwks)
    httpserver.expect_request("/op/token", method="POST").respond_with_handler(stalled_handler)

    with pytest.raises(IdentityUnavailable):
        come_back(backend, browser, {"code": "code-1", "state": authorization["state"]})
    assert not stalled_handler.answered.is_set(), "the client waited for the answer"


def test_a_jwks_endpoint_that_is_down_is_unavailable(backend, provider, httpserver):
    browser = Browser()
    authorization = start(backend, provider, browser)
    httpserver.clear_all_handlers()
    httpserver.expect_request("/op/jwks").respond_with_data("", status=503)

    with pytest.raises(IdentityUnavailable):
        come_back(backend, browser, {"code": "code-1", "state": authorization["state"]})


# --- signing out ---------------------------------------------------------------------------


def test_logout_goes_to_the_end_session_endpoint_naming_the_client_not_the_citizen(backend, provider):
    url = urlsplit(backend.logout_url(post_logout_redirect_uri="https://portal.example/"))
    query = parse_qs(url.query)

    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{provider.issuer}/logout"
    assert query["client_id"] == [CLIENT_ID]
    assert query["post_logout_redirect_uri"] == ["https://portal.example/"]
    # An ID token (id_token_hint) names the citizen; URLs end up in access logs.
    assert "id_token_hint" not in query


def test_logout_while_the_provider_is_down_ends_only_the_portal_session(settings, closed_port_url):
    backend = configured(settings, f"{closed_port_url}/op")

    assert backend.logout_url(post_logout_redirect_uri="https://portal.example/") is None


def test_an_authorization_response_from_another_issuer_is_refused(backend, provider):
    # RFC 9207's `iss` parameter: a mix-up with another provider is caught before the exchange.
    browser = Browser()
    authorization = start(backend, provider, browser)

    with pytest.raises(SignInRejected):
        come_back(
            backend,
            browser,
            {"code": "code-1", "state": authorization["state"], "iss": "https://evil.example"},
        )
    assert provider.token_requests == []
