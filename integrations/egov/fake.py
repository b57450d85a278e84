"""A sender that sends nothing (development and tests): it records each message, signed as the
real one would sign it, and fails on demand."""

import threading

from integrations.egov.base import EgovUnavailable, WebhookMessage
from integrations.egov.http import signed_headers


class RecordingWebhookSender:
    """Messages land in `RecordingWebhookSender.delivered` as (message, headers); the next
    `RecordingWebhookSender.failures` sends raise EgovUnavailable."""

    delivered: list[tuple[WebhookMessage, dict[str, str]]] = []
    failures = 0
    _lock = threading.Lock()

    def __init__(self, **options):
        pass

    @classmethod
    def reset(cls) -> None:
        with cls._lock:
            cls.delivered, cls.failures = [], 0

    def send(self, message: WebhookMessage) -> None:
        """Record the message with the headers the real sender would send; or fail if told to."""
        with self._lock:
            if RecordingWebhookSender.failures:
                RecordingWebhookSender.failures -= 1
                raise EgovUnavailable("scripted failure")
            RecordingWebhookSender.delivered.append((message, signed_headers(message)))
