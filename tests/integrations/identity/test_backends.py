import time
from urllib.parse import parse_qs, urlsplit

import pytest

from integrations.identity.base import Identity, IdentityUnavailable, SignInRejected, get_identity_provider
from integrations.identity.fake import FakeIdentityProvider
from integrations.identity.http import HttpIdentityProvider

HTTP_BACKEND = "integrations.identity.http.HttpIdentityProvider"
CALLBACK = "https://portal.example/signin/callback/"


@pytest.fixture
def own_clock_cache(settings):
    """A local-memory cache, whose expiry follows time.time(), whatever CACHE_URL says."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "identity-tests",
        }
    }


@pytest.fixture
def provider(settings, httpserver):
    settings.IDENTITY_PROVIDER = {
        "BACKEND": HTTP_BACKEND,
        "base_url": httpserver.url_for("/"),
        "client_id": "azerishiq-portal",
        "client_secret": "client-secret",
        "timeout": 0.5,
    }
    return get_identity_provider()


# The fake (the emulated ASAN Login page)


def test_fake_code_resolves_to_the_fin_and_method_it_was_issued_for(own_clock_cache):
    code = FakeIdentityProvider.issue_code(fin="2AB3C4D", method="sima")

    identity = FakeIdentityProvider().resolve(code=code, redirect_uri=CALLBACK)

    assert identity == Identity(fin="2AB3C4D", method="sima")


def test_fake_code_does_not_carry_the_fin(own_clock_cache):
    code = FakeIdentityProvider.issue_code(fin="2AB3C4D", method="asan_imza")

    assert "2AB3C4D" not in code


def test_fake_code_works_only_once(own_clock_cache):
    provider = FakeIdentityProvider()
    code = FakeIdentityProvider.issue_code(fin="2AB3C4D", method="asan_imza")
    provider.resolve(code=code, redirect_uri=CALLBACK)

    with pytest.raises(SignInRejected):
        provider.resolve(code=code, redirect_uri=CALLBACK)


def test_fake_rejects_altered_and_invented_codes(own_clock_cache):
    provider = FakeIdentityProvider()
    code = FakeIdentityProvider.issue_code(fin="2AB3C4D", method="asan_imza")
    altered = code[:-1] + ("A" if code[-1] != "A" else "B")

    for bad_code in (altered, code + "x", "2AB3C4D", ""):
        with pytest.raises(SignInRejected):
            provider.resolve(code=bad_code, redirect_uri=CALLBACK)
    # The genuine code is still good: the failed attempts did not use it up.
    assert provider.resolve(code=code, redirect_uri=CALLBACK).fin == "2AB3C4D"


def test_fake_code_expires_after_five_minutes(own_clock_cache, monkeypatch):
    provider = FakeIdentityProvider()
    issued_at = time.time()
    fresh = FakeIdentityProvider.issue_code(fin="2AB3C4D", method="asan_imza")
    stale = FakeIdentityProvider.issue_code(fin="3CD4E5F", method="asan_imza")

    monkeypatch.setattr(time, "time", lambda: issued_at + 299)
    assert provider.resolve(code=fresh, redirect_uri=CALLBACK).fin == "2AB3C4D"

    monkeypatch.setattr(time, "time", lambda: issued_at + 301)
    with pytest.raises(SignInRejected):
        provider.resolve(code=stale, redirect_uri=CALLBACK)


# The real provider (OAuth 2.0 authorization code)


def test_authorization_url_asks_for_a_code_for_our_client_state_and_callback(provider, httpserver):
    url = urlsplit(provider.authorization_url(state="st4te", redirect_uri=CALLBACK))

    assert f"{url.scheme}://{url.netloc}{url.path}" == httpserver.url_for("/authorize")
    query = parse_qs(url.query)
    assert query["response_type"] == ["code"]
    assert query["client_id"] == ["azerishiq-portal"]
    assert query["redirect_uri"] == [CALLBACK]
    assert query["state"] == ["st4te"]
    assert "client_secret" not in query


def test_resolve_trades_the_code_for_a_token_and_the_token_for_the_fin(provider, httpserver):
    httpserver.expect_ordered_request(
        "/token",
        method="POST",
        json={
            "grant_type": "authorization_code",
            "code": "one-time-code",
            "redirect_uri": CALLBACK,
            "client_id": "azerishiq-portal",
            "client_secret": "client-secret",
        },
    ).respond_with_json({"access_token": "access-123", "token_type": "Bearer"})
    httpserver.expect_ordered_request(
        "/userinfo", method="POST", json={"access_token": "access-123"}
    ).respond_with_json({"fin": "2AB3C4D", "method": "asan_imza"})

    identity = provider.resolve(code="one-time-code", redirect_uri=CALLBACK)

    httpserver.check_assertions()
    assert identity == Identity(fin="2AB3C4D", method="asan_imza")
    assert all(request.query_string == b"" for request, _response in httpserver.log)


def test_resolve_reports_unavailable_when_the_token_endpoint_refuses_the_code_with_400(provider, httpserver):
    # What the code does today. OAuth 2.0 (RFC 6749 §5.2) refuses an expired or reused code
    # with 400 "invalid_grant", so the citizen is told the provider is down and to try later,
    # instead of being asked to sign in again.
    httpserver.expect_request("/token", method="POST").respond_with_json(
        {"error": "invalid_grant"}, status=400
    )

    with pytest.raises(IdentityUnavailable):
        provider.resolve(code="used-code", redirect_uri=CALLBACK)


@pytest.mark.parametrize(
    "respond",
    [
        pytest.param(lambda handler: handler.respond_with_data("", status=404), id="404"),
        pytest.param(lambda handler: handler.respond_with_json({}), id="no-access-token"),
    ],
)
def test_resolve_rejects_sign_in_when_the_provider_gives_no_token(provider, httpserver, respond):
    respond(httpserver.expect_request("/token", method="POST"))

    with pytest.raises(SignInRejected):
        provider.resolve(code="one-time-code", redirect_uri=CALLBACK)


@pytest.mark.parametrize(
    "userinfo",
    [
        pytest.param({"method": "asan_imza"}, id="no-fin"),
        pytest.param({"fin": "", "method": "asan_imza"}, id="empty-fin"),
        pytest.param({}, id="empty"),
    ],
)
def test_resolve_rejects_sign_in_when_userinfo_has_no_fin(provider, httpserver, userinfo):
    httpserver.expect_request("/token", method="POST").respond_with_json({"access_token": "a"})
    httpserver.expect_request("/userinfo", method="POST").respond_with_json(userinfo)

    with pytest.raises(SignInRejected):
        provider.resolve(code="one-time-code", redirect_uri=CALLBACK)


def test_resolve_token_endpoint_error_is_identity_unavailable(provider, httpserver):
    httpserver.expect_request("/token", method="POST").respond_with_data("", status=502)

    with pytest.raises(IdentityUnavailable):
        provider.resolve(code="one-time-code", redirect_uri=CALLBACK)


def test_resolve_userinfo_error_is_identity_unavailable(provider, httpserver):
    httpserver.expect_request("/token", method="POST").respond_with_json({"access_token": "a"})
    httpserver.expect_request("/userinfo", method="POST").respond_with_data("", status=401)

    with pytest.raises(IdentityUnavailable):
        provider.resolve(code="one-time-code", redirect_uri=CALLBACK)


def test_resolve_slow_provider_is_identity_unavailable(settings, httpserver, stalled_handler):
    settings.IDENTITY_PROVIDER = {
        "BACKEND": HTTP_BACKEND,
        "base_url": httpserver.url_for("/"),
        "client_id": "azerishiq-portal",
        "client_secret": "client-secret",
        "timeout": 0.2,
    }
    httpserver.expect_request("/token", method="POST").respond_with_handler(stalled_handler)

    with pytest.raises(IdentityUnavailable):
        get_identity_provider().resolve(code="one-time-code", redirect_uri=CALLBACK)
    assert not stalled_handler.answered.is_set(), "the client waited for the answer"


def test_resolve_provider_down_is_identity_unavailable(settings, closed_port_url):
    settings.IDENTITY_PROVIDER = {
        "BACKEND": HTTP_BACKEND,
        "base_url": closed_port_url,
        "client_id": "azerishiq-portal",
        "client_secret": "client-secret",
        "timeout": 0.5,
    }

    with pytest.raises(IdentityUnavailable):
        get_identity_provider().resolve(code="one-time-code", redirect_uri=CALLBACK)


def test_get_identity_provider_follows_the_setting_at_call_time(settings, httpserver):
    settings.IDENTITY_PROVIDER = {"BACKEND": "integrations.identity.fake.FakeIdentityProvider"}
    assert isinstance(get_identity_provider(), FakeIdentityProvider)

    settings.IDENTITY_PROVIDER = {
        "BACKEND": HTTP_BACKEND,
        "base_url": httpserver.url_for("/"),
        "client_id": "other-client",
        "client_secret": "s",
    }
    provider = get_identity_provider()
    assert isinstance(provider, HttpIdentityProvider)
    assert "client_id=other-client" in provider.authorization_url(state="s", redirect_uri=CALLBACK)
