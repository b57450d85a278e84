"""The real sender: one HTTPS POST per attempt, signed with the `standardwebhooks` package."""

import datetime

import requests
from standardwebhooks.webhooks import Webhook

from integrations.egov.base import EgovUnavailable, WebhookMessage


class HttpWebhookSender:
    def __init__(self, *, timeout: float = 5.0, **options):
        self.timeout = timeout
        self.session = requests.Session()

    def send(self, message: WebhookMessage) -> None:
        """POST the message with its Standard Webhooks headers; raises EgovUnavailable unless
        the receiver answered 2xx (redirects are not followed: the URL is the subscriber's)."""
        response = self._post(message, signed_headers(message))
        if not 200 <= response.status_code < 300:
            raise EgovUnavailable(f"webhook receiver: HTTP {response.status_code}")

    def _post(self, message: WebhookMessage, headers: dict[str, str]):
        try:
            return self.session.post(
                message.url,
                data=message.payload.encode(),
                headers=headers,
                timeout=self.timeout,
                allow_redirects=False,
            )
        except requests.RequestException as error:
            # The URL is not logged: it may carry the subscriber's own token.
            raise EgovUnavailable(f"webhook receiver: {type(error).__name__}") from error


def signed_headers(message: WebhookMessage, *, at: datetime.datetime | None = None) -> dict[str, str]:
    """The headers of one attempt: the timestamp is the attempt's, and the signature covers the
    id, the timestamp and the body (Standard Webhooks, symmetric v1)."""
    at = at or datetime.datetime.now(tz=datetime.UTC)
    return {
        "Content-Type": "application/json",
        "webhook-id": message.message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(message.secret).sign(message.message_id, at, message.payload),
    }
