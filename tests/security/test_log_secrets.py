"""One-time codes and document links never reach the server log, whatever the SMS gateway: the
console (development), the file and in-memory stubs, and Twilio's real HTTP client (its transport
answered locally). The log here is the project's own LOGGING (base.py, with its filter and levels)
plus everything written to stdout and stderr, where the console gateways print."""

import datetime
import io
import json
import logging
import logging.config
import re

import pytest
import requests
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string
from gunicorn.config import Config
from twilio.http.http_client import TwilioHttpClient

from applications.documents.links import bundle_token
from azerishiq_portal.settings import base
from core.personal_data import message_secrets_masked
from integrations.sms.base import SmsRefused
from integrations.sms.fake import InMemorySmsGateway
from notifications.models import Notification
from notifications.verification import phone_verification_start
from tests.support.outbox import MOBILE, submit_application

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def demo(demo_world):
    """The demo accounts."""


@pytest.fixture
def aysel(demo_world):
    from tests.support.applications import citizen_user
    from tests.support.demo import AYSEL

    return citizen_user(AYSEL)


@pytest.fixture
def server_log(capsys):
    """The production logging configuration for the test's length (at DEBUG on the root, so
    nothing is dropped for its level alone), its handlers writing to one buffer; returns a
    function reading what they wrote and what was printed to stdout and stderr."""
    names = ["", *base.LOGGING["loggers"]]
    saved = {
        name: (logger.handlers[:], logger.level, logger.propagate)
        for name in names
        for logger in [logging.getLogger(name or None)]
    }
    logging.config.dictConfig({**base.LOGGING, "root": {**base.LOGGING["root"], "level": "DEBUG"}})
    written = io.StringIO()
    for name in names:
        for handler in logging.getLogger(name or None).handlers:
            handler.setStream(written)
    yield lambda: written.getvalue() + "".join(capsys.readouterr())
    for name, (handlers, level, propagate) in saved.items():
        logger = logging.getLogger(name or None)
        logger.handlers, logger.level, logger.propagate = handlers, level, propagate


class CannedTwilio(requests.adapters.BaseAdapter):
    """Twilio's API answering locally: every message accepted."""

    def send(self, request, **kwargs):
        response = requests.Response()
        response.status_code = 201
        response._content = json.dumps({"sid": "SM" + "c" * 32, "status": "accepted"}).encode()
        response.request, response.url = request, request.url
        return response

    def close(self):
        pass


def twilio_gateway() -> dict:
    http = TwilioHttpClient(timeout=5.0)
    http.session.mount("https://", CannedTwilio())
    return {
        "BACKEND": "integrations.sms.twilio.TwilioSmsGateway",
        "account_sid": "AC" + "0" * 32,
        "auth_token": "test-auth-token",
        "messaging_service_sid": "MG" + "1" * 32,
        "http_client": http,
    }


GATEWAYS = {
    "console": lambda tmp_path: {"BACKEND": "integrations.sms.fake.ConsoleSmsGateway"},
    "file": lambda tmp_path: {
        "BACKEND": "integrations.sms.fake.FileSmsGateway",
        "path": str(tmp_path / "sms"),
    },
    "in-memory": lambda tmp_path: {"BACKEND": "integrations.sms.fake.InMemorySmsGateway"},
    "twilio": lambda tmp_path: twilio_gateway(),
}


def code_sent(aysel, capture) -> str:
    """Start a phone verification and deliver its SMS; returns the code it carried (read before
    delivery: the row's text is blanked once sent)."""
    with capture() as callbacks:
        phone_verification_start(user=aysel, phone=MOBILE, language="az")
    code = re.search(r"\b(\d{6})\b", Notification.objects.get(template="otp").body).group(1)
    for callback in callbacks:
        callback()
    return code


@pytest.mark.parametrize("gateway", GATEWAYS)
def test_no_gateway_writes_codes_or_document_links_to_the_log(
    gateway, settings, tmp_path, aysel, server_log, django_capture_on_commit_callbacks
):
    settings.SMS_GATEWAY = GATEWAYS[gateway](tmp_path)
    settings.EMAIL_BACKEND = "core.mail.console.EmailBackend"
    code = code_sent(aysel, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        application = submit_application(aysel)
    token = bundle_token(application.document_bundle.key)
    assert Notification.objects.to_applicant().filter(status=Notification.Status.SENT).count() == 2

    logging.getLogger("django.server").info('"GET /d/%s/receipt.pdf HTTP/1.1" 200 5', token)
    written = server_log()

    assert "/d/[token]/receipt.pdf" in written  # the request line was logged, masked
    assert code not in written and token not in written, gateway
    assert "Logging error" not in written, written


def test_the_console_shows_the_sms_with_its_secrets_masked(
    settings, aysel, server_log, django_capture_on_commit_callbacks
):
    settings.SMS_GATEWAY = GATEWAYS["console"](None)
    with django_capture_on_commit_callbacks(execute=True):
        phone_verification_start(user=aysel, phone=MOBILE, language="az")
    with django_capture_on_commit_callbacks(execute=True):
        submit_application(aysel)

    printed = server_log()
    assert "Azərişıq təsdiq kodu: [code]." in printed
    assert "qəbul edildi: http://127.0.0.1:8000/d/[token]/" in printed


def test_the_e_mail_fallback_on_the_console_has_its_link_masked(
    settings, aysel, server_log, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "core.mail.console.EmailBackend"
    InMemorySmsGateway.script.append(SmsRefused("unreachable", code="30005"))
    with django_capture_on_commit_callbacks(execute=True):
        application = submit_application(aysel)

    printed = server_log()
    assert Notification.objects.filter(channel="email", status=Notification.Status.SENT).exists()
    assert "/d/[token]/" in printed and "[E-mail to " in printed
    assert bundle_token(application.document_bundle.key) not in printed
    assert "aysel@example.az" not in printed


def test_djangos_own_console_backend_is_replaced_by_the_masking_one():
    assert base.EMAIL_BACKEND == "core.mail.console.EmailBackend"
    EmailMessage("x", "kod 123456, https://e.azerishiq.az/d/abc.12.sig/", to=["a@example.az"])  # builds


def test_gunicorns_access_log_masks_document_links(capsys):
    namespace = {}
    exec((base.BASE_DIR / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 — our own file
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", namespace["access_log_format"])
    logger_class = namespace["logger_class"]
    access = (import_string(logger_class) if isinstance(logger_class, str) else logger_class)(config)

    class Response:
        status, response_length, sent, headers = "200 OK", 5, 5, ()

    path = "/d/abcdef.1f4.signature/receipt.pdf"
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "RAW_URI": path, "SERVER_PROTOCOL": "HTTP/1.1"}
    access.access(Response(), [], environ, datetime.timedelta(seconds=0.1))

    written = "".join(capsys.readouterr())
    assert "GET /d/[token]/receipt.pdf" in written
    assert "abcdef.1f4.signature" not in written


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Azərişıq təsdiq kodu: 123456. 10 dəqiqə etibarlıdır.", "Azərişıq təsdiq kodu: [code]. 10 dəqiqə"),
        ("Sənədlər: https://e.azerishiq.az/d/k3y.1f4.s1g/", "Sənədlər: https://e.azerishiq.az/d/[token]/"),
        (
            "müraciət AZI-22222-2222Z, 31.10.2025, 45,20 AZN",
            "müraciət AZI-22222-2222Z, 31.10.2025, 45,20 AZN",
        ),
    ],
)
def test_the_masking_of_message_texts(text, shown):
    assert message_secrets_masked(text).startswith(shown)
