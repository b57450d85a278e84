"""TwilioSmsGateway against twilio's pluggable HTTP client: the real request it makes, and how
each of Twilio's answers becomes a SID, a transient error or a permanent one."""

import json
import logging
from dataclasses import dataclass

import pytest
import requests
from twilio.http import HttpClient
from twilio.http.response import Response

from integrations.sms.base import SmsMessage, SmsRefused, SmsUnavailable, get_sms_gateway
from integrations.sms.twilio import TwilioSmsGateway
from notifications.models import Notification
from notifications.services import notification_deliver

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "test-auth-token"  # noqa: S105
SERVICE_SID = "MG" + "1" * 32
CALLBACK = "https://e.azerishiq.az/notifications/twilio/status/"
MESSAGES_URL = f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
MESSAGE = SmsMessage(
    to="+994501234567", body="Azərişıq: müraciət AZI-22222-2222Z qəbul edildi.", reference="7"
)


@dataclass(frozen=True)
class Sent:
    method: str
    url: str
    params: dict | None
    data: dict | None
    auth: tuple | None


class RecordingHttpClient(HttpClient):
    """Twilio's transport replaced: records each request and answers from a script (a Response,
    or an exception to raise, as requests would)."""

    def __init__(self, *answers):
        super().__init__(logging.getLogger("tests.twilio"), is_async=False, timeout=10.0)
        self.answers = list(answers)
        self.requests: list[Sent] = []

    def request(
        self,
        method,
        url,
        params=None,
        data=None,
        headers=None,
        auth=None,
        timeout=None,
        allow_redirects=False,
    ):
        self.requests.append(Sent(method, url, params, data, auth))
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer


def created(sid: str = "SM" + "a" * 32) -> Response:
    return Response(
        201, json.dumps({"sid": sid, "status": "accepted", "to": MESSAGE.to, "body": MESSAGE.body})
    )


def error(status: int, code: int, message: str) -> Response:
    body = {"code": code, "message": message, "more_info": f"https://www.twilio.com/docs/errors/{code}"}
    return Response(status, json.dumps({**body, "status": status}))


def gateway(*answers, **options) -> tuple[TwilioSmsGateway, RecordingHttpClient]:
    client = RecordingHttpClient(*answers)
    options = {"messaging_service_sid": SERVICE_SID, "status_callback_url": CALLBACK, **options}
    return TwilioSmsGateway(
        account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, http_client=client, **options
    ), client


# --- sending ----------------------------------------------------------------------------


def test_send_posts_the_message_to_the_accounts_messages_resource():
    sms, http = gateway(created())

    sms.send(MESSAGE)

    [sent] = http.requests
    assert sent.method == "POST"
    assert sent.url == MESSAGES_URL
    assert sent.auth == (ACCOUNT_SID, AUTH_TOKEN)
    assert sent.data == {
        "To": MESSAGE.to,
        "Body": MESSAGE.body,
        "MessagingServiceSid": SERVICE_SID,
        "StatusCallback": CALLBACK,
    }


def test_send_returns_the_message_sid():
    sms, _ = gateway(created("SM0123456789abcdef0123456789abcdef"))

    assert sms.send(MESSAGE) == "SM0123456789abcdef0123456789abcdef"


def test_send_uses_the_sender_number_when_configured_without_messaging_service():
    sms, http = gateway(created(), messaging_service_sid="", from_number="+15005550006")

    sms.send(MESSAGE)

    [sent] = http.requests
    assert sent.data["From"] == "+15005550006"
    assert "MessagingServiceSid" not in sent.data


def test_send_without_status_callback_asks_for_none():
    sms, http = gateway(created(), status_callback_url="")

    sms.send(MESSAGE)

    assert "StatusCallback" not in http.requests[0].data


def test_gateway_without_sender_refuses_to_start():
    with pytest.raises(ValueError, match="Messaging Service SID or a sender"):
        TwilioSmsGateway(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN)


def test_default_transport_has_a_timeout():
    sms = TwilioSmsGateway(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, messaging_service_sid=SERVICE_SID)

    assert sms.client.http_client.timeout == 10.0


# --- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(error(429, 20429, "Too Many Requests"), id="429-rate-limited"),
        pytest.param(error(400, 20429, "Too Many Requests"), id="code-20429"),
        pytest.param(error(500, 20500, "Internal Server Error"), id="500"),
        pytest.param(Response(503, "<html>Service Unavailable</html>"), id="503-not-json"),
    ],
)
def test_rate_limits_and_server_errors_are_transient(answer):
    sms, _ = gateway(answer)

    with pytest.raises(SmsUnavailable):
        sms.send(MESSAGE)


@pytest.mark.parametrize(
    "failure",
    [
        pytest.param(requests.ConnectionError("connection refused"), id="connection-error"),
        pytest.param(requests.Timeout("read timed out"), id="timeout"),
    ],
)
def test_network_failures_are_transient(failure):
    sms, _ = gateway(failure)

    with pytest.raises(SmsUnavailable, match="Twilio unreachable"):
        sms.send(MESSAGE)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (21211, "Nömrə yanlışdır"),
        (21614, "Nömrə mobil deyil"),
        (21610, "Abonent SMS-dən imtina edib"),
        (21408, "Bu regiona göndərişə icazə yoxdur"),
    ],
)
def test_refusals_no_retry_can_fix_are_permanent_with_a_readable_reason(code, reason):
    sms, _ = gateway(error(400, code, "The request was refused"))

    with pytest.raises(SmsRefused) as raised:
        sms.send(MESSAGE)

    assert reason in str(raised.value)
    assert str(code) in str(raised.value)
    assert raised.value.code == str(code)


def test_an_unknown_client_error_is_permanent_and_keeps_twilios_message():
    sms, _ = gateway(error(400, 21602, "Message body is required."))

    with pytest.raises(SmsRefused) as raised:
        sms.send(MESSAGE)

    assert "21602" in str(raised.value)
    assert "Message body is required." in str(raised.value)


# --- find_sent --------------------------------------------------------------------------


def messages_page(*messages: dict) -> Response:
    page = {
        "messages": list(messages),
        "first_page_uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json?PageSize=50&Page=0",
        "next_page_uri": None,
        "previous_page_uri": None,
        "page": 0,
        "page_size": 50,
        "start": 0,
        "end": len(messages) - 1,
        "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json?PageSize=50&Page=0",
    }
    return Response(200, json.dumps(page))


def test_find_sent_matches_the_same_text_to_the_same_number():
    sms, http = gateway(
        messages_page(
            {"sid": "SM_other", "to": MESSAGE.to, "body": "Azərişıq təsdiq kodu: 123456."},
            {"sid": "SM_ours", "to": MESSAGE.to, "body": MESSAGE.body},
        )
    )

    assert sms.find_sent(MESSAGE) == "SM_ours"
    [asked] = http.requests
    assert asked.method == "GET"
    assert asked.url == MESSAGES_URL
    assert asked.params["To"] == MESSAGE.to
    # Not filtered by send date: a message Twilio queued but has not sent yet has none.
    assert not any(name.startswith("DateSent") for name in asked.params)


def test_find_sent_is_none_when_twilio_has_no_such_message():
    sms, _ = gateway(messages_page({"sid": "SM_other", "to": MESSAGE.to, "body": "another text"}))

    assert sms.find_sent(MESSAGE) is None


def test_find_sent_while_twilio_is_unreachable_is_transient():
    sms, _ = gateway(requests.ConnectionError("connection refused"))

    with pytest.raises(SmsUnavailable):
        sms.find_sent(MESSAGE)


# --- chosen by the setting --------------------------------------------------------------


def test_the_setting_selects_twilio_and_a_delivered_row_records_the_sid(settings, db):
    http = RecordingHttpClient(created("SM" + "b" * 32))
    settings.SMS_GATEWAY = {
        "BACKEND": "integrations.sms.twilio.TwilioSmsGateway",
        "account_sid": ACCOUNT_SID,
        "auth_token": AUTH_TOKEN,
        "messaging_service_sid": SERVICE_SID,
        "status_callback_url": CALLBACK,
        "http_client": http,
    }
    assert isinstance(get_sms_gateway(), TwilioSmsGateway)
    row = Notification.objects.create(
        channel="sms", recipient=MESSAGE.to, template="receipt", body=MESSAGE.body
    )

    notification_deliver(notification_id=row.pk)

    row.refresh_from_db()
    assert row.status == Notification.Status.SENT
    assert row.provider_message_id == "SM" + "b" * 32
    assert http.requests[0].data["Body"] == MESSAGE.body
