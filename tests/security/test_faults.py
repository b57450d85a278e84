"""The state registry, billing, the SMS gateway, Redis and PostgreSQL, each unavailable in the
middle of a journey: a friendly page in the citizen's language (Azerbaijani or English),
nothing typed is lost, and the journey completes once the system is back.

The broker (Redis as Celery's) going down at "Müraciəti göndər" is proved with real processes
in tests/e2e/test_pipeline.py and in-process in tests/notifications/test_services.py.
"""

import json
import re
from datetime import timedelta

import psycopg2
import pytest
import requests
from django.conf import settings as django_settings
from django.test import TestCase
from django.utils import timezone, translation
from django.utils.translation import gettext

from applications import numbers
from applications.links import status_link_url
from applications.models import Application
from integrations.sms.base import SmsUnavailable
from integrations.sms.fake import InMemorySmsGateway
from notifications.models import Notification, WorkerHeartbeat
from notifications.tasks import notification_deliver_task
from tests.security.outages import DATABASE, RedisServer, Server, TcpProxy
from tests.support.demo import AYSEL, LEYLA, NESIMI_FLAT, RAUF_ACCOUNT
from tests.support.processes import PG_DSN, recreate_database, require_services, wait_for
from tests.support.wizard import (
    CLOSED_PORT,
    CONTACT,
    application_fields,
    asks_for_sms_code,
    assert_redirects_to,
    e164,
    fill_until,
    handover_fields,
    input_value,
    post_delivering_sms,
    post_step,
    send,
    step_url,
    submission_key,
    visible_text,
)
from tests.support.world import last_code_sent_to

pytestmark = pytest.mark.usefixtures("world")

# What the citizen reads, per language (the English is the catalogue's translation).
TEXTS = {
    "az": {
        "sorry": "Bağışlayın, yoxlama hazırda aparıla bilmir",
        "kept": "Yazdıqlarınız yadda saxlanılıb",
        "received": "Müraciətiniz qəbul edildi",
    },
    "en": {
        "sorry": "Sorry, we cannot run the checks at the moment",
        "kept": "What you entered has been saved",
        "received": "Your application has been received",
    },
}
DOWN = {
    "STATE_REGISTRY": {
        "BACKEND": "integrations.registry.http.HttpStateRegistry",
        "base_url": CLOSED_PORT,
        "timeout": 0.2,
    },
    "BILLING": {
        "BACKEND": "integrations.billing.http.HttpBilling",
        "base_url": CLOSED_PORT,
        "timeout": 0.2,
    },
    "CACHES": {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    },
}


@pytest.fixture(params=["az", "en"])
def language(request):
    return request.param


@pytest.fixture
def aysel(citizen, language):
    """Aysel, signed in, the portal switched to `language` with the language switch."""
    browser = citizen(AYSEL)
    browser.post("/i18n/setlang/", {"language": language, "next": "/apply/"})
    return browser


@pytest.fixture
def outage(settings):
    """`outage(name)` takes a system down (its setting points at a closed port); the returned
    function brings it back."""

    def take_down(name: str):
        working = getattr(django_settings, name)
        setattr(settings, name, DOWN[name])
        if name == "BILLING":
            # Down long enough that the wizard's copy of the account is too old to reuse.
            settings.BILLING_ACCOUNT_CACHE_SECONDS = 0
        return lambda: setattr(settings, name, working)

    return take_down


def assert_friendly(response, language: str, *, status: int = 503):
    assert response.status_code == status
    assert f'<html lang="{language}">' in response.content.decode()
    text = visible_text(response)
    assert TEXTS[language]["sorry"] in text
    for leak in ("127.0.0.1", "Traceback", "Exception", "ConnectionError", "redis", "Redis"):
        assert leak not in text, leak


def finish(browser, language: str) -> Application:
    """From wherever the citizen is: every step again with the same answers, then send."""
    fill_until(browser, "contact")
    assert_redirects_to(send(browser), "/apply/submitted/")
    assert TEXTS[language]["received"] in visible_text(browser.get("/apply/submitted/"))
    application = Application.objects.get()
    assert application.language == language
    return application


# --- the state registry and billing -------------------------------------------------------


@pytest.mark.parametrize(
    ("system", "step", "typed"),
    [
        ("STATE_REGISTRY", "property", {**NESIMI_FLAT, "registry_number": "6080 1100 1798"}),
        ("BILLING", "application", application_fields("transfer", "100 100 200 300 401")),
    ],
)
def test_registry_or_billing_down_at_its_step_keeps_what_was_typed(
    aysel, outage, language, system, step, typed
):
    fill_until(aysel, {"property": "application", "application": "basic"}[step])
    restore = outage(system)

    response = post_step(aysel, step, typed)

    assert_friendly(response, language)
    assert TEXTS[language]["kept"] in visible_text(response)
    assert f'href="{step_url(step)}"' in response.content.decode()
    restore()
    page = aysel.get(step_url(step))
    for name, value in typed.items():
        assert input_value(page, f"{step}-{name}") == value, name
    finish(aysel, language)


@pytest.mark.parametrize("system", ["STATE_REGISTRY", "BILLING"])
def test_registry_or_billing_down_when_sending_sends_nothing_until_it_is_back(
    aysel, outage, language, system
):
    fill_until(aysel, "contact")
    key = submission_key(aysel)
    restore = outage(system)

    assert_friendly(send(aysel, key), language)

    assert Application.objects.count() == 0
    restore()
    assert_redirects_to(send(aysel, key), "/apply/submitted/")
    assert Application.objects.get().language == language


# --- the SMS gateway ----------------------------------------------------------------------


def gateway_back_and_retry_due() -> None:
    """The gateway answers again and the scheduled retries come due (as the worker runs them)."""
    InMemorySmsGateway.script.clear()
    due = Notification.objects.filter(status=Notification.Status.PENDING)
    due.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    with TestCase.captureOnCommitCallbacks(execute=True):
        for notification_id in due.values_list("pk", flat=True):
            notification_deliver_task.delay(notification_id)


def test_sms_gateway_down_for_the_code_and_the_receipt_loses_nothing(aysel, language, sms_outbox):
    fill_until(aysel, "handover")
    InMemorySmsGateway.script.extend([SmsUnavailable("HTTP 503 from the gateway")] * 3)

    asked = post_delivering_sms(aysel, "contact", CONTACT)

    # The page is the usual one: the code is on its way, the number stays typed.
    assert asks_for_sms_code(asked)
    assert f'<html lang="{language}">' in asked.content.decode()
    assert input_value(asked, "contact-mobile_phone") == CONTACT["mobile_phone"]
    assert sms_outbox == []
    gateway_back_and_retry_due()
    code = last_code_sent_to(e164(CONTACT["mobile_phone"]))
    assert_redirects_to(post_step(aysel, "contact", {**CONTACT, "otp_code": code}), step_url("check"))

    InMemorySmsGateway.script.append(SmsUnavailable("HTTP 503 from the gateway"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert_redirects_to(send(aysel), "/apply/submitted/")
    assert TEXTS[language]["received"] in visible_text(aysel.get("/apply/submitted/"))
    receipt = Notification.objects.get(template="receipt")
    assert receipt.status == Notification.Status.PENDING and "503" in receipt.last_error
    gateway_back_and_retry_due()
    receipts = [sms for sms in sms_outbox if sms.body == receipt.body]
    assert len(receipts) == 1


# --- Redis as the cache (rate limits) -------------------------------------------------------


def test_cache_down_at_the_debt_check_keeps_what_was_typed(aysel, outage, language):
    fill_until(aysel, "basic")
    typed = application_fields("transfer", RAUF_ACCOUNT)
    restore = outage("CACHES")

    response = post_step(aysel, "application", typed)

    assert_friendly(response, language)
    restore()
    page = aysel.get(step_url("application"))
    assert input_value(page, "application-subscriber_code") == RAUF_ACCOUNT
    finish(aysel, language)


def test_cache_down_at_the_status_lookup_keeps_the_number(client, outage, language):
    client.post("/i18n/setlang/", {"language": language, "next": "/status/"})
    number = numbers.generate()
    restore = outage("CACHES")

    response = client.post("/status/", {"number": number})

    assert_friendly(response, language)
    assert input_value(response, "number") == number
    restore()
    answer = client.post("/status/", {"number": number})
    assert answer.status_code == 200 and 'class="status-result"' in answer.content.decode()


def test_cache_down_at_the_status_link_offers_the_lookup_and_opens_once_back(
    client, outage, language, aysel_transfer
):
    client.post("/i18n/setlang/", {"language": language, "next": "/status/"})
    path = status_link_url(aysel_transfer).removeprefix(django_settings.PUBLIC_BASE_URL)
    restore = outage("CACHES")

    response = client.get(path)

    assert_friendly(response, language)
    assert 'name="number"' in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    restore()
    answer = client.get(path)
    assert answer.status_code == 200 and f"{aysel_transfer.number}: " in visible_text(answer)


def test_rate_limits_count_in_redis_fail_closed_while_it_is_stopped_and_recover(client, settings):
    require_services(postgres=False)
    redis = RedisServer()
    redis.start()
    try:
        location = f"redis://127.0.0.1:{redis.port}/0"
        settings.CACHES = {"default": {"BACKEND": "core.cache.RedisCache", "LOCATION": location}}
        settings.STATUS_LOOKUP_RATE = "3/m"
        lookups = [client.post("/status/", {"number": numbers.generate()}).status_code for _ in range(4)]
        redis.stop()
        while_stopped = client.post("/status/", {"number": numbers.generate()})
        redis.start()
        after = client.post("/status/", {"number": numbers.generate()})
    finally:
        redis.stop()

    assert lookups == [200, 200, 200, 429]
    assert while_stopped.status_code == 503
    assert after.status_code == 200  # a restarted Redis has forgotten the counts


# --- /healthz -----------------------------------------------------------------------------


def test_healthz_reports_each_part_as_json(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "broker": "ok (in-process)",
        "worker": "ok (in-process)",
        "worker-sms": "ok (in-process)",
    }


@pytest.mark.parametrize(
    ("heartbeat_age", "status", "worker"),
    [(None, 503, r"down: no heartbeat yet"), (5, 200, r"ok"), (3600, 503, r"down: last heartbeat \d+s ago")],
)
def test_healthz_with_real_workers_needs_a_recent_heartbeat(client, settings, heartbeat_age, status, worker):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # as with REDIS_URL: tasks go to workers
    WorkerHeartbeat.objects.create(worker="sms/sms@host-1", at=timezone.now())
    if heartbeat_age is not None:
        WorkerHeartbeat.objects.create(
            worker="celery/celery@host-1", at=timezone.now() - timedelta(seconds=heartbeat_age)
        )

    response = client.get("/healthz")

    assert response.status_code == status
    report = response.json()
    assert report["database"] == "ok" and report["broker"] == "ok"
    assert re.fullmatch(worker, report["worker"]), report
    assert report["worker-sms"] == "ok"


def test_healthz_names_the_silent_pool_when_only_the_sms_worker_is_dead(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    WorkerHeartbeat.objects.create(worker="celery/celery@host-1", at=timezone.now())
    WorkerHeartbeat.objects.create(worker="sms/sms@host-1", at=timezone.now() - timedelta(minutes=10))

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["worker"] == "ok"
    assert response.json()["worker-sms"].startswith("down: last heartbeat")


def test_readiness_and_liveness_do_not_wait_on_the_workers(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # and no heartbeat at all

    assert client.get("/readyz").json() == {"database": "ok"}
    assert client.get("/livez").status_code == 200


# --- PostgreSQL, with a real server -------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """gunicorn on a database of its own, reached through a proxy the test can stop."""
    require_services(redis_server=False)
    recreate_database(DATABASE)
    proxy = TcpProxy()
    proxy.start()
    server = Server(tmp_path_factory.mktemp("faults"), proxy)
    server.prepare()
    server.start()
    yield server, proxy
    server.stop()
    proxy.shutdown()


class RealBrowser:
    """A citizen with a real HTTP client, in `language`, walking the wizard on `server`."""

    def __init__(self, server: Server, fin: str, language: str):
        self.server = server
        self.http = requests.Session()
        self.http.cookies.set(django_settings.LANGUAGE_COOKIE_NAME, language)
        login = self.http.get(f"{server.url}/signin/?next=/apply/", timeout=10)
        assert self.post(login.url, {"method": "asan_imza", "fin": fin}).url == f"{server.url}/apply/basic/"

    def post(self, url: str, data: dict):
        token = self.http.cookies.get("csrftoken")
        return self.http.post(url, data={"csrfmiddlewaretoken": token, **data}, timeout=15)

    def step(self, step: str, fields: dict, **extra):
        data = {"application_wizard_view-current_step": step, **extra}
        data.update({f"{step}-{name}": value for name, value in fields.items()})
        return self.post(f"{self.server.url}/apply/{step}/", data)

    def code_sent_to(self, phone: str) -> str | None:
        lines = self.server.sms_file.read_text().splitlines() if self.server.sms_file.exists() else []
        codes = [re.search(r"\b\d{6}\b", sms["body"]) for sms in map(json.loads, lines) if sms["to"] == phone]
        return codes[-1].group(0) if codes and codes[-1] else None


def database_down_heading(language: str) -> str:
    """The heading of the database-outage page (templates/503.html) in `language`."""
    with translation.override(language):
        heading = gettext("Bağışlayın, xidmət bu an işləmir")
    assert language == "az" or heading != "Bağışlayın, xidmət bu an işləmir", f"not translated to {language}"
    return heading


def applications_in(database_url: str) -> int:
    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM applications_application")
        return cursor.fetchone()[0]


@pytest.mark.slow
def test_postgresql_down_mid_journey_friendly_page_then_the_journey_completes(served):
    server, proxy = served
    aysel = RealBrowser(server, AYSEL, "en")
    for step, fields in (
        ("basic", {}),
        ("application", application_fields("transfer", RAUF_ACCOUNT)),
        ("property", NESIMI_FLAT),
        ("handover", handover_fields()),
    ):
        aysel.step(step, fields)

    leyla = RealBrowser(server, LEYLA, "az")

    proxy.stop()
    during = {"en": aysel.step("contact", CONTACT), "az": leyla.http.get(f"{server.url}/apply/", timeout=10)}
    health = requests.get(f"{server.url}/healthz", timeout=10)
    proxy.start()

    for language, response in during.items():
        assert response.status_code == 503
        assert f'<html lang="{language}">' in response.text
        assert database_down_heading(language) in response.text
        assert "Traceback" not in response.text and "OperationalError" not in response.text
    assert health.status_code == 503 and health.json()["database"].startswith("down")
    resumed = aysel.http.get(f"{server.url}/apply/", timeout=10)
    assert resumed.url == f"{server.url}/apply/contact/"  # every step before the outage is kept
    assert 'value="608011001798"' in aysel.http.get(f"{server.url}/apply/property/", timeout=10).text
    aysel.step("contact", CONTACT)
    code = wait_for(lambda: aysel.code_sent_to(e164(CONTACT["mobile_phone"])), timeout=10, what="the code")
    check = aysel.step("contact", {**CONTACT, "otp_code": code})
    key = re.search(r'name="submission_key" value="([^"]+)"', check.text).group(1)
    sent = aysel.step("check", {"declaration": "on"}, submission_key=key)
    assert sent.url == f"{server.url}/apply/submitted/" and TEXTS["en"]["received"] in sent.text
    assert applications_in(f"{PG_DSN}/{DATABASE}") == 1
    assert requests.get(f"{server.url}/healthz", timeout=10).status_code == 200
