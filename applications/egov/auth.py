"""The API's authentication: an OAuth 2.0 Bearer token from django-oauth-toolkit, with a scope."""

from django.conf import settings
from django_ratelimit import ALL
from django_ratelimit.core import _split_rate
from ninja.security.base import AuthBase
from oauth2_provider.oauth2_backends import get_oauthlib_core

from applications.egov import problems
from applications.egov.scopes import granted_api_scopes
from core.ratelimits import RateLimitUnavailable, rate_limit_exceeded

TOKEN_URL = "/api/oauth/token/"  # noqa: S105 — a path, not a secret


class ClientToken(AuthBase):
    """A valid access token (DOT checks it: known, not expired, not revoked) carrying `scope`,
    which staff still grant its client; then the client's rate limit. Sets request.api_client.
    Described in the OpenAPI document as OAuth 2.0 client credentials."""

    openapi_type = "oauth2"

    def __init__(self, scope: str):
        self.scope = scope
        self.openapi_flows = {
            "clientCredentials": {
                "tokenUrl": TOKEN_URL,
                "scopes": {scope: settings.OAUTH2_PROVIDER["SCOPES"][scope]},
            }
        }
        super().__init__()

    def __call__(self, request):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise problems.invalid_token()
        return self.authenticate(request, token.strip())

    def authenticate(self, request, token: str):
        valid, oauth_request = get_oauthlib_core().verify_request(request, scopes=[])
        access_token = getattr(oauth_request, "access_token", None)
        if not valid or access_token is None or access_token.application is None:
            raise problems.invalid_token()
        client = access_token.application
        if not access_token.allow_scopes([self.scope]) or self.scope not in granted_api_scopes(client):
            raise problems.insufficient_scope(self.scope)
        _refuse_over_rate(request, client)
        request.api_client = client
        return access_token


def _refuse_over_rate(request, client) -> None:
    rate = settings.EGOV_API_RATE
    try:
        over = rate_limit_exceeded(
            request,
            group="egov-api",
            key=lambda _group, _request: f"client:{client.pk}",
            rate=rate,
            method=ALL,
        )
    except RateLimitUnavailable as error:
        raise problems.unavailable() from error
    if over:
        # The window's length: a bound on the wait, never shorter than it.
        raise problems.rate_limited(retry_after=_split_rate(rate)[1])
