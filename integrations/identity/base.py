"""The state sign-in (ASAN Login): who the citizen is, proven by the identity provider.

The provider speaks OpenID Connect (oidc.py): the portal sends the citizen to
`authorization_url()`, the provider sends them back with a one-time code, and `resolve()` turns
the code into the citizen's FİN and sign-in method, taken from the provider's signed ID token.
What the round trip needs to remember (state, nonce, PKCE verifier) is kept in the citizen's
session. In development and tests the provider is the portal's own emulated ASAN Login
(emulated/), reached through the same client.
"""

from dataclasses import dataclass
from typing import Protocol

from integrations.base import ExternalSystemUnavailable, load_backend

# The sign-in methods ASAN Login offers, as the `asan_method` claim names them.
METHODS = ("asan_imza", "sima", "e_imza")


class IdentityUnavailable(ExternalSystemUnavailable):
    """The identity provider could not be asked (no connection, a timeout, a 5xx answer)."""


class SignInRejected(Exception):
    """The provider's answer does not prove who the citizen is: a refused, expired or reused
    code, a wrong state, a token that is not the provider's or not for this sign-in."""


@dataclass(frozen=True)
class Identity:
    fin: str
    method: str  # one of METHODS


class IdentityProvider(Protocol):
    def authorization_url(self, request, *, redirect_uri: str) -> str:
        """Where to send the citizen to sign in; remembers this sign-in in `request.session`."""

    def resolve(self, request, *, redirect_uri: str) -> Identity:
        """The identity the callback `request` proves; raises SignInRejected or IdentityUnavailable."""

    def logout_url(self, *, post_logout_redirect_uri: str) -> str | None:
        """Where to send the citizen to end their session at the provider too (None: nowhere).
        The URL names the client, not the citizen: no ID token (id_token_hint carries the FİN)."""


def get_identity_provider() -> IdentityProvider:
    """The identity provider that settings.IDENTITY_PROVIDER names."""
    return load_backend("IDENTITY_PROVIDER")
