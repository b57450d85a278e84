"""The fake identity provider: the emulated ASAN Login page of this portal (views.py).
Development and tests only; production settings refuse it."""

import secrets
from urllib.parse import urlencode

from django.core.cache import cache
from django.urls import reverse

from integrations.identity.base import Identity, SignInRejected

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
