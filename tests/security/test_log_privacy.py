"""A citizen's FİN, phone number and e-mail address are never written to a log.

Every handler in settings.LOGGING carries core.personal_data.PersonalDataFilter (checked
in a fresh production process below). The journey test drives a whole application through HTTP
with a handler carrying that filter on the root and django.server loggers at DEBUG, and scans
what it wrote and every record captured."""

import io
import json
import logging
import os
import subprocess
import sys
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.core.signals import request_started
from django.test import Client

from applications.models import Application
from azerishiq_portal.celery import mask_personal_data_in_worker_logs
from backoffice.roles import roles_sync
from backoffice.services import staff_demo_load
from core.personal_data import PersonalDataFilter, personal_data_masked
from core.request_id import RequestIdFilter
from integrations.sms.base import SmsRefused
from integrations.sms.fake import InMemorySmsGateway
from subscribers.demo import demo_data_load
from tests.support.demo import AYSEL, NESIMI_FLAT, OPERATOR_BAKI, RAUF_ACCOUNT
from tests.support.production import REALISTIC_ENVIRONMENT
from tests.support.staff import PASSWORDS, pass_second_factor
from tests.support.wizard import assert_redirects_to, fill_until, send, sign_in

EMAIL = "aysel.mammadova@example.az"
CONTACT = {"mobile_phone": "050 123 45 67", "email": EMAIL}
# Every way Aysel's identifiers could be spelled in a log line.
PERSONAL_DATA = (
    AYSEL,
    "+994501234567",
    "994501234567",
    "0501234567",
    "050 123 45 67",
    "501234567",
    "50 123 45 67",
    "123 45 67",
    "1234567",
    EMAIL,
    EMAIL.replace("@", "%40"),
    # Her name as the registry gives it.
    "Məmmədova",
)
PLAIN = "%(levelname)s %(name)s %(message)s"


@pytest.fixture
def written_logs(caplog):
    """What a handler with the settings' filter writes, at DEBUG, from the root logger and
    django.server (which does not propagate); caplog keeps every record too."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter(PLAIN))
    handler.addFilter(PersonalDataFilter())
    caplog.set_level(logging.DEBUG)
    loggers = [logging.getLogger(), logging.getLogger("django.server")]
    for logger in loggers:
        caplog.set_level(logging.DEBUG, logger=logger.name or None)
        logger.addHandler(handler)
    yield buffer
    for logger in loggers:
        logger.removeHandler(handler)


def leaks(text: str) -> list[str]:
    lowered = text.lower()
    return [value for value in PERSONAL_DATA if value.lower() in lowered]


def test_a_whole_journey_writes_no_personal_data_to_the_logs(
    db, written_logs, caplog, django_capture_on_commit_callbacks
):
    demo_data_load()
    roles_sync()
    staff_demo_load()

    # The citizen signs in, fills the four steps (the SMS code included) and sends.
    citizen = Client()
    sign_in(citizen, AYSEL)
    citizen.get(f"/lookup/{AYSEL}/")  # a 404 whose URL holds the FİN (logged by django.request)
    fill_until(citizen, "contact", code=RAUF_ACCOUNT, place=NESIMI_FLAT, contact=CONTACT)
    with django_capture_on_commit_callbacks(execute=True):
        assert_redirects_to(send(citizen), "/apply/submitted/")
    application = Application.objects.get(applicant_fin=AYSEL)

    # Anyone looks the status up by number.
    assert Client().post("/status/", {"number": application.number}).status_code == 200

    # The operator signs in (password, then the code), claims and approves; the approval SMS
    # is refused by the gateway with a message naming the number, as Twilio's errors do.
    staff = Client()
    staff.post("/admin/login/", {"username": OPERATOR_BAKI, "password": "wrong-password"})
    staff.post("/admin/login/", {"username": OPERATOR_BAKI, "password": PASSWORDS[OPERATOR_BAKI]})
    pass_second_factor(staff, OPERATOR_BAKI)
    staff.get("/admin/applications/application/", {"q": AYSEL})  # a search by FİN
    staff.get(f"/admin/applications/application/{application.pk}/change/")
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/admin/applications/application/{application.pk}/claim/")
    InMemorySmsGateway.script.append(
        SmsRefused("The 'To' number +994501234567 is not a valid mobile number", code="21614")
    )
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/admin/applications/application/{application.pk}/approve/")
    # Billing carried it out in-process after commit: the refused SMS is the "approved" one.
    assert Application.objects.get(pk=application.pk).status == Application.Status.DONE

    written = written_logs.getvalue()
    assert "Not Found: /lookup/[FİN]/" in written  # the journey did log, and the filter masked it
    assert "[phone] is not a valid mobile number" in written
    assert leaks(written) == [], written
    records = [f"{record.name} {record.getMessage()} {record.exc_text or ''}" for record in caplog.records]
    assert len(records) > 5
    assert [record for record in records if leaks(record)] == []


def test_a_citizens_journey_puts_no_personal_data_in_any_url(db, django_capture_on_commit_callbacks):
    demo_data_load()
    urls = []

    def record(environ, **kwargs):
        urls.append(f"{environ['PATH_INFO']}?{environ.get('QUERY_STRING', '')}")

    request_started.connect(record)
    try:
        citizen = Client()
        sign_in(citizen, AYSEL)
        fill_until(citizen, "contact", code=RAUF_ACCOUNT, place=NESIMI_FLAT, contact=CONTACT)
        with django_capture_on_commit_callbacks(execute=True):
            send(citizen)
        number = Application.objects.get(applicant_fin=AYSEL).number
        citizen.get("/my/")
        citizen.get(f"/my/{number}/")
        Client().post("/status/", {"number": number})
    finally:
        request_started.disconnect(record)

    assert len(urls) > 10
    assert [url for url in urls if leaks(unquote(url))] == []


def test_the_filter_masks_messages_arguments_and_tracebacks():
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"GET /admin/?q=%s HTTP/1.1" 200 %s', (AYSEL, 5), None
    )
    try:
        raise ValueError(f"Key (email)=({EMAIL}) already exists; phone +994 50 123 45 67")
    except ValueError:
        record.exc_info = sys.exc_info()

    assert PersonalDataFilter().filter(record) is True

    text = logging.Formatter(PLAIN).format(record)
    assert leaks(text) == []
    assert '"GET /admin/?q=[FİN] HTTP/1.1" 200 5' in text
    assert "Key (email)=([e-mail]) already exists; phone [phone]" in text


@pytest.mark.parametrize(
    "spelling",
    [
        "2AB3C4D",
        "2ab3c4d",
        "citizen-2AB3C4D",
        "+994501234567",
        "+994 50 123 45 67",
        "994501234567",
        "00994501234567",
        "%2B994501234567",
        "050 123 45 67",
        "(050) 123-45-67",
        "0501234567",
        "50 123 45 67",
        "501234567",
        "aysel.mammadova@example.az",
        "aysel.mammadova%40example.az",
    ],
)
def test_every_spelling_is_masked(spelling):
    assert leaks(personal_data_masked(f"x {spelling} y")) == []


@pytest.mark.parametrize(
    "ordinary",
    [
        "application AZI-7K3MP-Q9XZ2 submitted to office 3",
        "account 100100200300401, registry 608011001798, registration 1725022423",
        "notification 1234567890123 failed after 6 attempts",
        "2026-11-26 19:30:03 127.0.0.1 10.123.45.67",
        "Azərişıq təsdiq kodu: 123456",
        "Elektrik enerjisinin alqı-satqı müqaviləsi python3 ABCDEFGH OPTIONS WARNING",
    ],
)
def test_ordinary_text_is_left_alone(ordinary):
    assert personal_data_masked(ordinary) == ordinary


def test_every_handler_of_the_production_logging_masks_personal_data():
    script = """
import json, logging, django
django.setup()
loggers = [logging.getLogger()] + [
    logging.getLogger(name) for name, logger in logging.Logger.manager.loggerDict.items()
    if isinstance(logger, logging.Logger)
]
from core.personal_data import PersonalDataFilter
print(json.dumps(sorted({
    f"{logger.name}:{type(handler).__name__}"
    for logger in loggers for handler in logger.handlers
    if not isinstance(handler, logging.NullHandler)
    and not any(isinstance(f, PersonalDataFilter) for f in handler.filters)
})))
"""
    done = subprocess.run(  # noqa: S603 — our own interpreter, fixed arguments
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), **REALISTIC_ENVIRONMENT},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_production_json_lines_carry_the_request_id_and_mask_personal_data():
    script = (
        "import logging, django; django.setup(); from core import request_id; "
        "request_id.bind('edge-12345678'); "
        "logging.getLogger('applications').warning('no account for FİN %s', '2AB3C4D')"
    )
    done = subprocess.run(  # noqa: S603 — our own interpreter, fixed arguments
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), **REALISTIC_ENVIRONMENT, "LOG_FORMAT": "json"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    line = json.loads(done.stderr.strip().splitlines()[-1])
    assert line["request_id"] == "edge-12345678"
    assert line["level"] == "WARNING" and line["logger"] == "applications"
    assert "2AB3C4D" not in line["message"]


def test_celery_workers_handlers_get_the_filter_too():
    worker_logger = logging.getLogger("test.celery.worker")
    handler = logging.StreamHandler(io.StringIO())
    worker_logger.addHandler(handler)
    try:
        mask_personal_data_in_worker_logs(logger=worker_logger)
        mask_personal_data_in_worker_logs(logger=worker_logger)  # once is enough
    finally:
        worker_logger.removeHandler(handler)

    assert [type(f) for f in handler.filters] == [PersonalDataFilter, RequestIdFilter]


def test_gunicorns_access_log_leaves_out_query_strings_and_referrers():
    namespace = {}
    exec((settings.BASE_DIR / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 — our own file

    access_format = namespace["access_log_format"]
    assert "%(U)s" in access_format  # the path
    for query_bearing in ("%(r)s", "%(q)s", "%(f)s", "%({"):
        assert query_bearing not in access_format


# --- document links ------------------------------------------------------------------------

TOKEN = "Ab3dEf6hIj9kLm0n.2a1b.Zq8Wx7Vc6Bn5Ml4Kj3"


def test_a_not_found_warning_for_a_document_link_does_not_log_its_token(db, written_logs):
    answers = [Client().get(path) for path in (f"/d/{TOKEN}/", f"/d/{TOKEN}/contract.pdf")]

    assert [answer.status_code for answer in answers] == [404, 404]
    assert "Not Found: /d/[token]/" in written_logs.getvalue()
    assert TOKEN not in written_logs.getvalue()


@pytest.mark.parametrize("kind", ["h", "r", "s"])
def test_a_refused_handover_or_status_link_does_not_log_its_token(db, written_logs, kind):
    """The outgoing holder's (/h/), a co-owner's (/r/) and the applicant's status link (/s/)."""
    answer = Client().get(f"/{kind}/{TOKEN}/")

    assert answer.status_code == 404
    assert f"Not Found: /{kind}/[token]/" in written_logs.getvalue()
    assert TOKEN not in written_logs.getvalue()


@pytest.mark.parametrize("path", [f"/d/{TOKEN}/contract/", f"/s/{TOKEN}/", f"/h/{TOKEN}/"])
def test_gunicorns_access_log_masks_the_token_of_a_signed_link(tmp_path, path):
    from datetime import timedelta
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.util import load_class

    namespace = {}
    exec((settings.BASE_DIR / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 — our own file
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set("access_log_format", namespace["access_log_format"])
    access_logger = load_class(namespace["logger_class"])(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])

    access_logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=5))

    written = (tmp_path / "access.log").read_text()
    assert f'"GET {path.replace(TOKEN, "[token]")} HTTP/1.1" 200' in written
    assert TOKEN not in written
