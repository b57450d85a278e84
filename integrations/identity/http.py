"""A real OAuth 2.0 identity provider (ASAN Login): authorize, token, userinfo."""

from urllib.parse import urlencode

from integrations.base import JsonHttpClient
from integrations.identity.base import Identity, IdentityUnavailable, SignInRejected


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
