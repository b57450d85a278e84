"""The real webhook sender against a local HTTP server: what the receiver gets (a body signed as
Standard Webhooks says, verified here with the same package a receiver uses), and every way the
receiver can fail mapped to EgovUnavailable."""

import base64

import pytest
from standardwebhooks.webhooks import Webhook
from werkzeug import Response

from integrations.egov.base import EgovUnavailable, WebhookMessage
from integrations.egov.http import HttpWebhookSender

SECRET = "whsec_" + base64.b64encode(b"a webhook secret of 32 bytes ...").decode()
PAYLOAD = '{"type":"application.submitted","timestamp":"2026-12-04T08:00:00+04:00","data":{"number":"AZI-1"}}'


def message(url: str) -> WebhookMessage:
    return WebhookMessage(url=url, secret=SECRET, message_id="msg_1", payload=PAYLOAD)


def test_the_receiver_gets_a_body_it_can_verify(httpserver):
    received = []

    def receive(request):
        received.append((request.get_data(as_text=True), dict(request.headers)))
        return Response("", status=204)

    httpserver.expect_request("/hook", method="POST").respond_with_handler(receive)
    HttpWebhookSender(timeout=5).send(message(httpserver.url_for("/hook")))

    [(body, headers)] = received
    headers = {name.lower(): value for name, value in headers.items()}
    assert body == PAYLOAD
    assert headers["webhook-id"] == "msg_1"
    assert headers["content-type"] == "application/json"
    assert Webhook(SECRET).verify(body, headers)["data"]["number"] == "AZI-1"


@pytest.mark.parametrize("status", [301, 400, 410, 500, 503])
def test_any_answer_but_2xx_is_unavailable(httpserver, status):
    httpserver.expect_request("/hook").respond_with_data("no", status=status, headers={"Location": "/x"})
    with pytest.raises(EgovUnavailable, match=str(status)):
        HttpWebhookSender(timeout=5).send(message(httpserver.url_for("/hook")))


def test_a_refused_connection_is_unavailable(closed_port_url):
    with pytest.raises(EgovUnavailable):
        HttpWebhookSender(timeout=5).send(message(f"{closed_port_url}/hook"))


def test_a_receiver_that_does_not_answer_times_out(httpserver, stalled_handler):
    httpserver.expect_request("/hook").respond_with_handler(stalled_handler)
    with pytest.raises(EgovUnavailable, match="Timeout"):
        HttpWebhookSender(timeout=0.5).send(message(httpserver.url_for("/hook")))
    assert not stalled_handler.answered.is_set()
