"""ASAN Login in tests: a transport for the OIDC client (settings.IDENTITY_PROVIDER["transport"])
behind which the provider cannot be reached."""

import httpx2

# A dotted path, as settings name a transport.
UNREACHABLE_TRANSPORT = "tests.support.identity.unreachable_transport"


def unreachable_transport() -> httpx2.MockTransport:
    """Every request fails to connect, as when ASAN Login's network is down."""

    def refuse(request: httpx2.Request):
        raise httpx2.ConnectError("connection refused", request=request)

    return httpx2.MockTransport(refuse)
