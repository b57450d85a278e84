"""The state sign-in (ASAN Login): who the citizen is, proven by the identity provider.

Both backends use the OAuth 2.0 authorization-code shape: the portal redirects to
`authorization_url()`, the provider redirects back with a one-time code, and `resolve()`
turns the code into the citizen's FİN. The fake's "provider" is the emulated ASAN Login page
of this portal (subscribers.views.FakeAsanLoginView).
"""

import secrets
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlencode

from django.core.cache import cache
from django.urls import reverse

from subscribers.adapters.base import ExternalSystemUnavailable, JsonHttpClient, load_backend


class IdentityUnavailable(ExternalSystemUnavailable):
    """The identity provider could not be asked."""


class SignInRejected(Exception):
    """The provider's answer does not prove who the citizen is (bad, expired or reused code)."""


@dataclass(frozen=True)
class Identity:
    fin: str
    method: str  # "asan_imza", "sima" or "e_imza"


class IdentityProvider(Protocol):
    def authorization_url(self, *, state: str, redirect_uri: str) -> str:
        """Where to send the citizen to sign in."""

    def resolve(self, *, code: str, redirect_uri: str) -> Identity:
        """The identity the code proves; raises SignInRejected or IdentityUnavailable."""


FAKE_CODE_TTL = 300


class FakeIdentityProvider:
    """The emulated ASAN Login page of this portal: the citizen types a FİN, nothing else is checked.

    Like a real provider it hands back an opaque, single-use code (kept in the cache), so no
    FİN ever travels in a URL.
    """

    def __init__(self, **options):
        pass

    def authorization_url(self, *, state: str, redirect_uri: str) -> str:
        """The emulated ASAN Login page."""
        return f"{reverse('signin:fake_asan')}?{urlencode({'state': state})}"

    @staticmethod
    def issue_code(*, fin: str, method: str) -> str:
        """A random single-use code standing for the FİN for five minutes."""
        code = secrets.token_urlsafe(24)
        cache.set(f"fake-identity:{code}", {"fin": fin, "method": method}, FAKE_CODE_TTL)
        return code

    def resolve(self, *, code: str, redirect_uri: str) -> Identity:
        """The FİN the code stands for; raises SignInRejected for an unknown, used or expired code."""
        key = f"fake-identity:{code}"
        data = cache.get(key)
        if data is None or not cache.delete(key):
            raise SignInRejected("invalid, used or expired code")
        return Identity(fin=data["fin"], method=data["method"])


class HttpIdentityProvider:
    """An OAuth 2.0 provider: GET {base}/authorize, POST {base}/token, POST {base}/userinfo."""

    def __init__(self, *, base_url: str, client_id: str, client_secret: str, timeout: float = 5.0):
        self.base_url = base_url.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self.client = JsonHttpClient(base_url=base_url, timeout=timeout, unavailable=IdentityUnavailable)

    def authorization_url(self, *, state: str, redirect_uri: str) -> str:
        """The provider's authorization endpoint with our client id, state and callback."""
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": redirect_uri,
                "state": state,
                "scope": "openid fin",
            }
        )
        return f"{self.base_url}/authorize?{query}"

    def resolve(self, *, code: str, redirect_uri: str) -> Identity:
        """Exchange the code for a token and the token for the FİN; raises SignInRejected or
        IdentityUnavailable."""
        token = self.client.post(
            "/token",
            {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "client_id": self.client_id,
                "client_secret": self.client_secret,
            },
        )
        if not token or "access_token" not in token:
            raise SignInRejected("the provider refused the code")
        info = self.client.post("/userinfo", {"access_token": token["access_token"]})
        if not info or not info.get("fin"):
            raise SignInRejected("the provider did not return a FİN")
        return Identity(fin=str(info["fin"]), method=str(info.get("method", "")))


def get_identity_provider() -> IdentityProvider:
    """The identity provider that settings.IDENTITY_PROVIDER names."""
    return load_backend("IDENTITY_PROVIDER")
