"""ASAN Login in tests: one browser's session for driving the OIDC client directly, and a
transport (settings.IDENTITY_PROVIDER["transport"]) behind which the provider cannot be reached."""

import httpx2
from django.contrib.sessions.backends.cache import SessionStore
from django.test import RequestFactory

# A dotted path, as settings name a transport.
UNREACHABLE_TRANSPORT = "tests.support.identity.unreachable_transport"


def unreachable_transport() -> httpx2.MockTransport:
    """Every request fails to connect, as when ASAN Login's network is down."""

    def refuse(request: httpx2.Request):
        raise httpx2.ConnectError("connection refused", request=request)

    return httpx2.MockTransport(refuse)


class Browser:
    """One citizen's browser: its session, across the sign-in's start and the callback."""

    def __init__(self):
        self.session = SessionStore()

    def request(self, query: dict | None = None):
        """A request to the portal's callback with `query`, in this browser's session."""
        request = RequestFactory().get("/signin/callback/", query or {})
        request.session = self.session
        return request
