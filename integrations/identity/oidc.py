"""ASAN Login over OpenID Connect, with Authlib: discovery, the authorization code with PKCE (S256),
`state` and `nonce` kept in the session, the ID token's signature checked against the provider's
JWKS (fetched again once when a token names a key it does not know: key rotation), `iss`, `aud`,
`exp` and the nonce checked, and RP-initiated logout.

The HTTP calls go through httpx2; `transport` (a dotted path to a factory) replaces its network
transport, which development uses to reach the portal's own emulated provider in-process
(integrations/identity/emulated/transport.py). An `issuer` given as a path is this portal's own.
"""

import re
from contextlib import contextmanager
from urllib.parse import urljoin

import httpx2
from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import DjangoIntegration, DjangoOAuth2App
from authlib.integrations.httpx_client import OAuth2Client
from django.core.cache import cache
from django.utils.module_loading import import_string
from joserfc.errors import JoseError

from integrations.identity.base import METHODS, Identity, IdentityUnavailable, SignInRejected
from integrations.registry.base import FIN_PATTERN

# Discovery and the JWKS are asked once per issuer for this long (in the shared cache): a key
# the cached JWKS does not know is fetched at once anyway.
METADATA_CACHE_SECONDS = 60 * 60
# How the provider signs ID tokens (its key in the JWKS).
SIGNING_ALGORITHM = "RS256"
# The clock difference tolerated in `exp` and `iat`.
CLOCK_LEEWAY_SECONDS = 60


class _AsanLoginApp(DjangoOAuth2App):
    """Authlib's Django client (state, nonce and PKCE verifier in the session), over httpx2."""

    client_cls = OAuth2Client


def _refuse_server_errors(response: httpx2.Response) -> None:
    if response.status_code >= 500:
        raise IdentityUnavailable(f"{response.request.url.path}: HTTP {response.status_code}")


@contextmanager
def _provider_down_is_unavailable():
    """Any failure to reach the provider or read its discovery or keys: it is unavailable."""
    try:
        yield
    except IdentityUnavailable:
        raise
    except (httpx2.HTTPError, ValueError, KeyError, RuntimeError) as error:
        raise IdentityUnavailable(type(error).__name__) from error


class OidcIdentityProvider:
    """An OpenID Connect provider at `issuer`; this portal is its confidential client."""

    def __init__(
        self,
        *,
        issuer: str,
        client_id: str,
        client_secret: str,
        timeout: float = 5.0,
        transport: str = "",
    ):
        # As given: the discovery document must name exactly this issuer (OpenID Connect
        # Discovery §4.3), trailing slash or not.
        self.issuer = issuer
        self.client_id = client_id
        self.client_secret = client_secret
        self.timeout = timeout
        self.transport = transport

    def authorization_url(self, request, *, redirect_uri: str) -> str:
        """The provider's authorization endpoint for a new sign-in, remembered in the session."""
        app = self._app(redirect_uri)
        with _provider_down_is_unavailable():
            app.load_server_metadata()
            self._metadata_keep(app)
            sign_in = app.create_authorization_url(redirect_uri)
        app.save_authorize_data(request, redirect_uri=redirect_uri, **sign_in)
        return sign_in["url"]

    def resolve(self, request, *, redirect_uri: str) -> Identity:
        """The FİN and method in the ID token the callback's code is exchanged for."""
        app = self._app(redirect_uri)
        with _provider_down_is_unavailable():
            app.load_server_metadata()
            self._metadata_keep(app)
        # RS256 only, whatever else the provider lists: never a MAC keyed with the client secret.
        app.server_metadata["id_token_signing_alg_values_supported"] = [SIGNING_ALGORITHM]
        issuer_named = request.GET.get("iss")
        if issuer_named is not None and issuer_named != app.server_metadata["issuer"]:
            # RFC 9207: the answer comes from another provider than this sign-in went to (mix-up).
            raise SignInRejected("the authorization response names another issuer")
        try:
            # The state first (a forged callback asks the provider nothing), then the code's
            # exchange, then the ID token against the JWKS.
            token = app.authorize_access_token(
                request,
                claims_options={
                    "iss": {"essential": True, "value": app.server_metadata["issuer"]},
                    "aud": {"essential": True, "value": self.client_id},
                },
                leeway=CLOCK_LEEWAY_SECONDS,
            )
        except (httpx2.TransportError, IdentityUnavailable) as error:
            raise IdentityUnavailable(type(error).__name__) from error
        except httpx2.HTTPStatusError as error:
            answer = f"{error.request.url.path}: HTTP {error.response.status_code}"
            if error.request.url != app.server_metadata["token_endpoint"]:
                raise IdentityUnavailable(answer) from error
            raise SignInRejected(answer) from error
        except (OAuthError, JoseError, ValueError, KeyError) as error:
            # An OAuth error from the token endpoint (a refused, expired or reused code), a wrong
            # state, an ID token that is not the provider's or not for this client and sign-in.
            raise SignInRejected(f"{type(error).__name__}: {getattr(error, 'error', '')}") from error
        finally:
            # The JWKS, fetched again if the token named a new key.
            self._metadata_keep(app)
        claims = token.get("userinfo")
        if not claims:
            raise SignInRejected("no ID token")
        fin, method = str(claims.get("fin", "")), str(claims.get("asan_method", ""))
        if not re.fullmatch(FIN_PATTERN, fin) or method not in METHODS:
            raise SignInRejected("the ID token names no FİN or sign-in method")
        return Identity(fin=fin, method=method)

    def logout_url(self, *, post_logout_redirect_uri: str) -> str | None:
        """The provider's end_session_endpoint for this client; None when it has none or cannot be
        asked (the portal's own session has ended anyway). No id_token_hint: an ID token names the
        citizen, and URLs end up in access logs."""
        app = self._app(post_logout_redirect_uri)
        try:
            with _provider_down_is_unavailable():
                app.load_server_metadata()
                self._metadata_keep(app)
                if not app.server_metadata.get("end_session_endpoint"):
                    return None
                return app.create_logout_url(
                    post_logout_redirect_uri=post_logout_redirect_uri, client_id=self.client_id
                )["url"]
        except IdentityUnavailable:
            return None

    def _issuer_for(self, portal_url: str) -> str:
        return urljoin(portal_url, self.issuer)

    def _app(self, portal_url: str) -> _AsanLoginApp:
        issuer = self._issuer_for(portal_url)
        client_kwargs = {
            "scope": "openid",
            "code_challenge_method": "S256",
            "token_endpoint_auth_method": "client_secret_basic",
            "timeout": self.timeout,
            "event_hooks": {"response": [_refuse_server_errors]},
        }
        if self.transport:
            client_kwargs["transport"] = import_string(self.transport)()
        app = _AsanLoginApp(
            DjangoIntegration("asan_login"),
            name="asan_login",
            client_id=self.client_id,
            client_secret=self.client_secret,
            server_metadata_url=f"{issuer.rstrip('/')}/.well-known/openid-configuration",
            client_kwargs=client_kwargs,
        )
        app.server_metadata = dict(cache.get(self._cache_key(issuer)) or {})
        app.expected_issuer = issuer
        return app

    def _metadata_keep(self, app: _AsanLoginApp) -> None:
        """Checks the discovery document is this issuer's, and shares it (with the JWKS)."""
        if app.server_metadata.get("issuer") != app.expected_issuer:
            raise IdentityUnavailable("the discovery document names another issuer")
        key = self._cache_key(app.expected_issuer)
        if cache.get(key) != app.server_metadata:
            cache.set(key, app.server_metadata, METADATA_CACHE_SECONDS)

    @staticmethod
    def _cache_key(issuer: str) -> str:
        return f"oidc-metadata:{issuer}"
