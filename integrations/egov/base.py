"""The contract for pushing a status event to a subscriber's webhook URL, chosen by
settings.EGOV_WEBHOOKS like Django's EMAIL_BACKEND.

A sender makes one attempt: it returns when the receiver answered 2xx, and raises
EgovUnavailable for anything else (timeout, refused connection, any other status), which the
outbox retries with backoff until it gives up and shows the event to staff as a dead letter.
"""

from dataclasses import dataclass
from typing import Protocol

from integrations.base import ExternalSystemUnavailable, load_backend


class EgovUnavailable(ExternalSystemUnavailable):
    """The receiver did not take the event now (no answer, or not 2xx); try again later."""


@dataclass(frozen=True)
class WebhookMessage:
    url: str
    # The signing secret shared with the subscriber, "whsec_" + base64 (Standard Webhooks).
    secret: str
    # webhook-id: the same for every attempt of one event to one subscriber, so that the
    # receiver recognises a duplicate.
    message_id: str
    payload: str  # the JSON body, exactly as signed


class WebhookSender(Protocol):
    def send(self, message: WebhookMessage) -> None:
        """POST the signed message once (webhook-id, webhook-timestamp, webhook-signature);
        raises EgovUnavailable unless the receiver answered 2xx."""


def get_webhook_sender() -> WebhookSender:
    """The sender settings.EGOV_WEBHOOKS names, built at call time."""
    return load_backend("EGOV_WEBHOOKS")
