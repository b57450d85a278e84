"""The state sign-in (ASAN Login): who the citizen is, proven by the identity provider.

Both backends use the OAuth 2.0 authorization-code shape: the portal redirects to
`authorization_url()`, the provider redirects back with a one-time code, and `resolve()`
turns the code into the citizen's FİN. The fake (fake.py) is the emulated ASAN Login page of
this portal (views.py); the real provider is http.py.
"""

from dataclasses import dataclass
from typing import Protocol

from integrations.base import ExternalSystemUnavailable, load_backend


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


def get_identity_provider() -> IdentityProvider:
    """The identity provider that settings.IDENTITY_PROVIDER names."""
    return load_backend("IDENTITY_PROVIDER")
