"""e-gov.az is told of every status change, in order, whatever fails on the way: a worker killed
while the receiver holds an event, Redis stopped at a status change. The receiver is a small
threaded HTTP server in this test that verifies each delivery's signature with `standardwebhooks`,
as e-gov.az would; a delivery made twice carries the same webhook-id. The API is read through
the real gunicorn with a token from the token endpoint."""

import base64
import json
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from tests.support.processes import AYSEL, BASE_URL, HTTP_TIMEOUT, aysel_at_check_page, wait_for

pytestmark = pytest.mark.slow
SECRET = "whsec_" + base64.b64encode(b"e2e webhook secret, 32 bytes ...").decode()
CLIENT_SECRET = "e2e-egov-client-secret"
JOURNEY = ["application.submitted", "application.approved", "application.done"]

SUBSCRIBE = """
from oauth2_provider.models import Application as OAuthClient
from applications.egov.models import ApiClientScopes, EgovSubscription
client = OAuthClient.objects.create(
    name="e-gov.az", client_id="egov-e2e", client_secret={secret!r},
    client_type="confidential", authorization_grant_type="client-credentials",
)
ApiClientScopes.objects.create(client=client, scopes=["applications:read"])
EgovSubscription.objects.create(client=client, url={url!r}, secret={webhook_secret!r})
"""
UNSUBSCRIBE = """
from oauth2_provider.models import Application as OAuthClient
OAuthClient.objects.filter(client_id="egov-e2e").delete()
"""
APPROVE = """
from applications.models import Application
from applications.services import application_approve, application_claim
from django.contrib.auth import get_user_model
operator = get_user_model().objects.get(username="operator.baki")
application = application_claim(application=Application.objects.get(), actor=operator)
application_approve(application=application, actor=operator)
"""


class Receiver:
    """e-gov.az's end: every POST verified with the subscription's secret and recorded (id,
    type) as it arrives; `hold()` makes the next one wait before it is answered."""

    def __init__(self):
        self.received: list[tuple[str, str]] = []
        self.forged = 0
        self.held = threading.Event()
        self.release = threading.Event()
        self.release.set()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                try:
                    event = Webhook(SECRET).verify(body, dict(self.headers.items()))
                except WebhookVerificationError:
                    receiver.forged += 1
                    self.send_response(400)
                    self.end_headers()
                    return
                receiver.received.append((self.headers["webhook-id"], event["type"]))
                if not receiver.release.is_set():
                    receiver.held.set()
                    receiver.release.wait(timeout=120)
                try:
                    self.send_response(204)
                    self.end_headers()
                except OSError:  # the sender died while we held it
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/webhooks/azerishiq"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def hold(self):
        self.held.clear()
        self.release.clear()

    def distinct(self) -> list[str]:
        """The event types in the order they first arrived, each id once."""
        seen, types = set(), []
        for message_id, event_type in list(self.received):
            if message_id not in seen:
                seen.add(message_id)
                types.append(event_type)
        return types

    def wait_for(self, types: list[str]):
        wait_for(
            lambda: self.distinct() == types, timeout=180, what=f"the events {types}, got {self.received}"
        )

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def subscribed(e2e):
    e2e.reset_billing()
    receiver = Receiver()
    e2e.run_python(SUBSCRIBE.format(secret=CLIENT_SECRET, url=receiver.url, webhook_secret=SECRET))
    yield e2e, receiver
    receiver.stop()
    e2e.query("TRUNCATE applications_egovevent, applications_applicationaccess")
    e2e.run_python(UNSUBSCRIBE)
    e2e.reset_billing()


def submit(stack):
    citizen, page = aysel_at_check_page(stack)
    assert citizen.submit(page).url == f"{BASE_URL}/apply/submitted/"


def assert_told_once_each(stack, receiver, types: list[str]):
    receiver.wait_for(types)
    stack.wait_for_sweeps()  # a few sweeps later: nothing more, nothing out of order
    assert receiver.distinct() == types
    assert receiver.forged == 0
    rows = stack.query("SELECT status, count(*) FROM applications_egovevent GROUP BY status")
    assert rows == [("delivered", len(types))]


def test_each_change_reaches_e_gov_az_once_in_order_and_the_api_shows_it(subscribed):
    stack, receiver = subscribed
    submit(stack)
    stack.run_python(APPROVE)

    assert_told_once_each(stack, receiver, JOURNEY)
    assert len(receiver.received) == len(JOURNEY)

    token = requests.post(
        f"{BASE_URL}/api/oauth/token/",
        data={"grant_type": "client_credentials", "scope": "applications:read"},
        auth=("egov-e2e", CLIENT_SECRET),
        timeout=HTTP_TIMEOUT,
    ).json()["access_token"]
    response = requests.post(
        f"{BASE_URL}/api/v1/applications/by-citizen",
        data=json.dumps({"fin": AYSEL["fin"]}),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=HTTP_TIMEOUT,
    )
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    [application] = response.json()["applications"]
    assert [stage["status"] for stage in application["stages"]] == [
        "submitted",
        "in_review",
        "approved",
        "done",
    ]
    assert stack.query("SELECT count(*) FROM applications_applicationaccess WHERE page = 'api'")[0][0] == 1


def test_the_worker_killed_while_e_gov_az_holds_an_event_loses_nothing_and_keeps_the_order(subscribed):
    stack, receiver = subscribed
    receiver.hold()
    submit(stack)
    wait_for(receiver.held.is_set, timeout=180, what="the submitted event to reach the receiver")

    stack.stop("worker", signal.SIGKILL)  # mid-send: the receiver has it, the outbox does not know
    receiver.release.set()
    stack.run_python(APPROVE)
    stack.start_worker()

    assert_told_once_each(stack, receiver, JOURNEY)
    submitted_id = receiver.received[0][0]
    # Sent again after the lease, with the same id: e-gov.az recognises the duplicate.
    assert [message_id for message_id, _ in receiver.received].count(submitted_id) == 2


def test_redis_stopped_at_a_status_change_the_sweeper_sends_it_once_redis_is_back(subscribed):
    stack, receiver = subscribed
    submit(stack)
    receiver.wait_for(JOURNEY[:1])

    stack.stop("redis")
    stack.run_python(APPROVE)  # recorded with its event; neither can be published now
    stack.start_redis()

    assert_told_once_each(stack, receiver, JOURNEY)
