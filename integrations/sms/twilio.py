"""The real SMS gateway: Twilio's Programmable Messaging."""

import requests
from django.utils.translation import gettext_noop
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from integrations.sms.base import DeliveryReport, SmsMessage, SmsRefused, SmsUnavailable

# Twilio error codes that no retry can fix, with the reason staff read in the admin. Stored in
# Azerbaijani; the citizen's page translates them when it shows them (gettext_noop: catalogued).
PERMANENT_ERRORS = {
    21211: gettext_noop("Nömrə yanlışdır (Twilio 21211: invalid 'To' number)"),
    21614: gettext_noop("Nömrə mobil deyil (Twilio 21614: not a mobile number)"),
    21610: gettext_noop("Abonent SMS-dən imtina edib (Twilio 21610: unsubscribed recipient)"),
    21408: gettext_noop("Bu regiona göndərişə icazə yoxdur (Twilio 21408: region not enabled)"),
}
# Delivery failures the status callback reports ("undelivered", "failed"): the one table saying
# which are temporary (the carrier may take it later: retried with backoff before the e-mail
# fallback) and which permanent (failed at once), with the reason staff read. A code not listed
# is permanent: retrying what nobody understands would only repeat the cost.
TEMPORARY, PERMANENT = True, False
DELIVERY_ERRORS = {
    "30001": (TEMPORARY, gettext_noop("Operatorun növbəsi dolub (Twilio 30001: queue overflow)")),
    "30003": (TEMPORARY, gettext_noop("Telefon əlçatan deyil (Twilio 30003: unreachable handset)")),
    "30008": (TEMPORARY, gettext_noop("Naməlum xəta (Twilio 30008: unknown error)")),
    "30009": (TEMPORARY, gettext_noop("Mesajın hissəsi itib (Twilio 30009: missing segment)")),
    "30002": (PERMANENT, gettext_noop("Twilio hesabı dayandırılıb (Twilio 30002: account suspended)")),
    "30004": (PERMANENT, gettext_noop("Mesaj bloklanıb (Twilio 30004: message blocked)")),
    "30005": (
        PERMANENT,
        gettext_noop("Nömrə mövcud deyil və ya söndürülüb (Twilio 30005: unknown destination)"),
    ),
    "30006": (
        PERMANENT,
        gettext_noop("Nömrə SMS qəbul edə bilmir (Twilio 30006: landline or unreachable carrier)"),
    ),
    "30007": (PERMANENT, gettext_noop("Operator mesajı süzgəcdən keçirməyib (Twilio 30007: filtered)")),
    "21610": (
        PERMANENT,
        gettext_noop("Abonent SMS-dən imtina edib (Twilio 21610: unsubscribed recipient)"),
    ),
}
PERMANENT_DELIVERY_ERRORS = {
    code: reason for code, (temporary, reason) in DELIVERY_ERRORS.items() if not temporary
}
RATE_LIMITED = 20429
# Twilio's MessageStatus, as the status callback reports it -> the outcome in our words.
MESSAGE_STATUSES = {
    "accepted": DeliveryReport.SENT,
    "queued": DeliveryReport.SENT,
    "sending": DeliveryReport.SENT,
    "sent": DeliveryReport.SENT,
    "delivered": DeliveryReport.DELIVERED,
    "undelivered": DeliveryReport.FAILED,
    "failed": DeliveryReport.FAILED,
}


def status_callback_valid(*, url: str, params: dict, signature: str, auth_token: str) -> bool:
    """Whether X-Twilio-Signature proves Twilio sent these parameters to this (public) URL."""
    return bool(auth_token) and RequestValidator(auth_token).validate(url, params, signature)


def delivery_report(params: dict) -> DeliveryReport | None:
    """The report a status callback's form carries; None when it is not one we understand."""
    outcome = MESSAGE_STATUSES.get(params.get("MessageStatus", ""))
    provider_message_id = params.get("MessageSid", "")
    if outcome is None or not provider_message_id:
        return None
    reason, temporary = "", False
    if outcome == DeliveryReport.FAILED:
        code = params.get("ErrorCode", "")
        temporary, reason = DELIVERY_ERRORS.get(
            code, (PERMANENT, f"Çatdırılmadı (Twilio {code or params['MessageStatus']})")
        )
    return DeliveryReport(
        provider_message_id=provider_message_id, outcome=outcome, reason=reason, temporary=temporary
    )


class TwilioSmsGateway:
    def __init__(
        self,
        *,
        account_sid: str,
        auth_token: str,
        messaging_service_sid: str = "",
        from_number: str = "",
        status_callback_url: str = "",
        timeout: float = 10.0,
        http_client=None,
    ):
        if not (messaging_service_sid or from_number):
            raise ValueError("Twilio needs a Messaging Service SID or a sender (from_number).")
        self.client = Client(
            account_sid, auth_token, http_client=http_client or TwilioHttpClient(timeout=timeout)
        )
        self.sender = (
            {"messaging_service_sid": messaging_service_sid}
            if messaging_service_sid
            else {"from_": from_number}
        )
        self.status_callback_url = status_callback_url

    def send(self, message: SmsMessage) -> str:
        """Create the message at Twilio; returns its SID."""
        options = dict(self.sender)
        if self.status_callback_url:
            options["status_callback"] = self.status_callback_url
        try:
            created = self.client.messages.create(to=message.to, body=message.body, **options)
        except TwilioRestException as error:
            raise self._classify(error) from error
        except (requests.RequestException, TwilioException) as error:
            raise SmsUnavailable(f"Twilio unreachable: {type(error).__name__}") from error
        return created.sid

    def find_sent(self, message: SmsMessage) -> str | None:
        """Twilio has no client reference: look for the same text among the number's latest
        messages (not filtered by send date: a queued message has none yet)."""
        try:
            recent = self.client.messages.list(to=message.to, limit=50)
        except (TwilioException, requests.RequestException) as error:
            raise SmsUnavailable(f"Twilio unreachable: {type(error).__name__}") from error
        return next((sent.sid for sent in recent if sent.body == message.body), None)

    @staticmethod
    def _classify(error: TwilioRestException) -> Exception:
        if error.status == 429 or error.code == RATE_LIMITED or error.status >= 500:
            return SmsUnavailable(f"Twilio {error.status}/{error.code}: {error.msg}")
        reason = PERMANENT_ERRORS.get(error.code, f"Twilio {error.status}/{error.code}: {error.msg}")
        return SmsRefused(reason, code=str(error.code or error.status))
