"""/metrics after a citizen's journey: each metric an operator watches, with the value the
database (the truth) says it should have."""

import os
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from applications.models import Application
from integrations.sms.base import SmsRefused, SmsUnavailable
from integrations.sms.fake import InMemorySmsGateway
from notifications.health import heartbeat_record
from notifications.models import Notification, WorkerHeartbeat
from tests.support.demo import AYSEL, CONTACT, NESIMI_FLAT, RAUF_ACCOUNT
from tests.support.metrics import TOKEN, scrape, value
from tests.support.wizard import fill_until, send


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN


def test_metrics_after_a_journey_count_what_happened(
    demo_world, token, signed_in_client, sms_outbox, django_capture_on_commit_callbacks
):
    before = scrape()
    aysel = signed_in_client(AYSEL)
    fill_until(aysel, "contact", kind="transfer", code=RAUF_ACCOUNT, place=NESIMI_FLAT, contact=CONTACT)
    # The receipt meets a gateway that does not answer (retried later), Rauf's SMS one that refuses.
    InMemorySmsGateway.script.extend(
        [SmsUnavailable("503 from the gateway"), SmsRefused("invalid", code="21211")]
    )
    with django_capture_on_commit_callbacks(execute=True):
        send(aysel)
    after = scrape(aysel)

    application = Application.objects.get()
    office = application.office.name
    sms = Notification.objects.filter(channel=Notification.Channel.SMS)
    assert (
        value(after, "azerishiq_applications_submitted_total", kind="transfer")
        - value(before, "azerishiq_applications_submitted_total", kind="transfer")
        == 1
    )
    sent = sms.filter(status__in=["sent", "delivered"]).count()
    assert sent == len(sms_outbox) >= 1
    assert value(after, "azerishiq_sms_sent_total") - value(before, "azerishiq_sms_sent_total") == sent
    for reason in ("gateway_unavailable", "gateway_refused"):
        assert (
            value(after, "azerishiq_sms_failed_total", reason=reason)
            - value(before, "azerishiq_sms_failed_total", reason=reason)
            == 1
        ), reason
    assert value(after, "azerishiq_outbox_pending", kind="sms") == 1 == sms.filter(status="pending").count()
    assert value(after, "azerishiq_outbox_pending", kind="billing_command") == 0
    assert ("azerishiq_outbox_pending", (("kind", "email"),)) in after
    assert value(after, "azerishiq_outbox_oldest_pending_seconds", kind="sms") >= 0
    assert value(after, "azerishiq_applications_open", office=office) == 1
    assert value(after, "azerishiq_applications_overdue", office=office) == 0
    assert value(
        after,
        "django_http_requests_total_by_view_transport_method_total",
        view="applications:wizard_step",
        transport="http",
        method="POST",
    ) > value(
        before,
        "django_http_requests_total_by_view_transport_method_total",
        view="applications:wizard_step",
        transport="http",
        method="POST",
    )
    assert any(name == "django_http_requests_latency_seconds_by_view_method_count" for name, _ in after)
    assert any(name == "django_db_query_duration_seconds_count" for name, _ in after)


def test_an_old_pending_row_and_a_late_application_show(aysel_transfer, token):
    Notification.objects.filter(application=aysel_transfer).update(
        status="pending", created_at=timezone.now() - timedelta(minutes=10)
    )
    Application.objects.filter(pk=aysel_transfer.pk).update(due_date=timezone.localdate() - timedelta(days=1))

    samples = scrape()

    office = aysel_transfer.office.name
    assert value(samples, "azerishiq_outbox_oldest_pending_seconds", kind="sms") >= 600
    assert value(samples, "azerishiq_applications_overdue", office=office) == 1


def test_worker_heartbeats_show_per_queue_and_worker(db, token):
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker="celery/celery@web-1", at=now - timedelta(seconds=5))
    WorkerHeartbeat.objects.create(worker="sms/sms@web-1", at=now - timedelta(seconds=300))

    samples = scrape()

    assert (
        5
        <= value(samples, "azerishiq_worker_heartbeat_age_seconds", queue="celery", worker="celery@web-1")
        < 60
    )
    assert value(samples, "azerishiq_worker_heartbeat_age_seconds", queue="sms", worker="sms@web-1") >= 300


def test_a_live_worker_forgets_its_queues_nodes_of_old_deploys_but_not_a_dead_queue(db, token):
    day_ago = timezone.now() - timedelta(days=1, minutes=1)
    WorkerHeartbeat.objects.create(worker="celery/celery@old-deploy", at=day_ago)
    WorkerHeartbeat.objects.create(worker="celery/celery@web-2", at=timezone.now() - timedelta(minutes=5))
    WorkerHeartbeat.objects.create(worker="sms/sms@old-deploy", at=day_ago)

    heartbeat_record(queue="celery", worker="celery@web-1")

    samples = scrape()
    workers = {
        dict(labels)["worker"]
        for name, labels in samples
        if name == "azerishiq_worker_heartbeat_age_seconds" and dict(labels)["queue"] == "celery"
    }
    assert workers == {"celery@web-1", "celery@web-2"}
    # No sms worker beat: the sms pool's last heartbeat stays, so it is still reported down.
    assert (
        value(samples, "azerishiq_worker_heartbeat_age_seconds", queue="sms", worker="sms@old-deploy") > 86400
    )


def test_queue_lengths_come_from_the_broker(db, token, settings):
    import redis

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/13")
    broker = redis.Redis.from_url(url)
    try:
        broker.ping()
    except redis.RedisError as error:
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail(f"Redis is not reachable at {url}: {error}")
        pytest.skip(f"Redis is not reachable at {url}")
    queue = f"metrics-test-{uuid.uuid4().hex}"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = url
    settings.CELERY_QUEUES_WATCHED = [queue]
    broker.rpush(queue, "a", "b", "c")
    try:
        samples = scrape()
    finally:
        broker.delete(queue)

    assert value(samples, "azerishiq_celery_queue_length", queue=queue) == 3


# --- who may read it ------------------------------------------------------------------------


def test_with_a_token_a_request_without_it_is_refused_even_from_an_allowed_network(db, token):
    assert Client().get("/metrics").status_code == 403
    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    assert Client().get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200


def test_without_a_token_only_the_allowed_networks_read_it(db, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = ["10.0.0.0/8"]

    assert Client(REMOTE_ADDR="10.1.2.3").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="192.0.2.7").get("/metrics").status_code == 403
