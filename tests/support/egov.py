"""e-gov.az's machine clients in tests: an OAuth 2.0 client made as staff make one, its token
got from the token endpoint as e-gov.az gets it, and its webhook subscription."""

import base64
from dataclasses import dataclass

from django.test import Client
from oauth2_provider.models import Application as OAuthClient

from applications.egov.models import ApiClientScopes, EgovSubscription

TOKEN_URL = "/api/oauth/token/"
READ = "applications:read"


@dataclass
class MachineClient:
    client: OAuthClient
    client_id: str
    client_secret: str

    def token(self, scope: str = READ, browser: Client | None = None) -> str:
        """An access token from the token endpoint (client credentials, HTTP Basic)."""
        response = token_response(self, scope=scope, browser=browser)
        assert response.status_code == 200, response.content
        return response.json()["access_token"]


def machine_client(name: str = "e-gov.az", *, scopes=(READ,), webhook_url: str = "") -> MachineClient:
    """A confidential client-credentials client, granted `scopes`, subscribed at `webhook_url`."""
    secret = f"{name}-client-secret-for-tests"
    client = OAuthClient.objects.create(
        name=name,
        client_type=OAuthClient.CLIENT_CONFIDENTIAL,
        authorization_grant_type=OAuthClient.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,
    )
    ApiClientScopes.objects.create(client=client, scopes=list(scopes))
    if webhook_url:
        EgovSubscription.objects.create(client=client, url=webhook_url)
    return MachineClient(client=client, client_id=client.client_id, client_secret=secret)


def token_response(machine: MachineClient, *, scope: str = READ, browser: Client | None = None):
    basic = base64.b64encode(f"{machine.client_id}:{machine.client_secret}".encode()).decode()
    return (browser or Client()).post(
        TOKEN_URL,
        {"grant_type": "client_credentials", "scope": scope},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
