"""SMS gateways, chosen by settings.SMS_GATEWAY like Django's EMAIL_BACKEND.

Each gateway sends one message and reports the outcome in one of three ways: a provider
message id (accepted), SmsUnavailable (worth retrying: rate limits, 5xx, timeouts), or
SmsRefused (retrying cannot help: invalid number, landline, opted out). The fakes are fake.py,
the real gateway twilio.py.
"""

from dataclasses import dataclass
from typing import Protocol

from integrations.base import ExternalSystemUnavailable, load_backend


class SmsUnavailable(ExternalSystemUnavailable):
    """The gateway could not take the message now; the same message may succeed later."""


class SmsRefused(Exception):
    """The gateway refused the message for a reason retrying cannot fix; the message is the
    reason staff read (in Azerbaijani, translated where it is shown)."""

    def __init__(self, message: str, *, code: str = ""):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class SmsMessage:
    to: str  # E.164
    body: str
    reference: str  # our notification id: lets a gateway recognise a message it already has


@dataclass(frozen=True)
class DeliveryReport:
    """What a gateway tells later about a message it accepted (its status callback)."""

    SENT = "sent"  # on its way (accepted, queued, sending, sent)
    DELIVERED = "delivered"
    FAILED = "failed"

    provider_message_id: str
    outcome: str  # SENT, DELIVERED or FAILED
    reason: str = ""  # why it failed, in the words staff read
    temporary: bool = False  # a failure the carrier may get past later: worth sending again


class SmsGateway(Protocol):
    def send(self, message: SmsMessage) -> str:
        """Hand the message over; returns the provider's message id.
        Raises SmsUnavailable or SmsRefused."""

    def find_sent(self, message: SmsMessage) -> str | None:
        """The provider id of this message if the gateway already accepted it, else None.
        Used after a worker died mid-send, so that a message is never sent twice."""


def get_sms_gateway() -> SmsGateway:
    """The gateway settings.SMS_GATEWAY names, built at call time."""
    return load_backend("SMS_GATEWAY")
