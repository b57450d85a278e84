"""The gauges read at scrape time: outbox backlogs, open and overdue applications per office,
the Celery queues' lengths and each worker's last heartbeat.

Every query walks a partial or composite index (a few hundred open rows out of a million, one
row per office), never the big tables themselves: bench/ measures it at 1M rows.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from applications.egov.models import EgovEvent
from applications.execution.models import BillingCommand
from applications.models import Application
from notifications.models import Notification, WorkerHeartbeat
from subscribers.models import RegionalOffice


@dataclass(frozen=True)
class Outbox:
    """One outbox for azerishiq_outbox_*: its kind label and the rows still waiting to leave."""

    kind: str
    model: type
    pending: dict
    waiting_since: str = "created_at"

    def waiting(self):
        return self.model.objects.filter(**self.pending).order_by()


# One entry per outbox model; a new outbox adds a line here.
OUTBOXES = [
    Outbox("sms", Notification, {"status__in": ["pending", "sending"], "channel": "sms"}),
    Outbox("email", Notification, {"status__in": ["pending", "sending"], "channel": "email"}),
    Outbox("billing_command", BillingCommand, {"status__in": ["pending", "sending"]}),
    Outbox("egov_event", EgovEvent, {"status__in": ["pending", "sending"]}),
]


class PortalCollector(Collector):
    """prometheus-client calls collect() on every scrape of /metrics."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield from outbox_metrics()
        yield from application_metrics()
        yield from celery_metrics()
        yield worker_heartbeat_metric()


def outbox_metrics() -> Iterator[GaugeMetricFamily]:
    pending = GaugeMetricFamily("azerishiq_outbox_pending", "Outbox rows not sent yet.", labels=["kind"])
    oldest = GaugeMetricFamily(
        "azerishiq_outbox_oldest_pending_seconds",
        "Age of the oldest outbox row not sent yet (0 when none).",
        labels=["kind"],
    )
    now = timezone.now()
    for outbox in OUTBOXES:
        row = outbox.waiting().aggregate(n=Count("pk"), since=Min(outbox.waiting_since))
        pending.add_metric([outbox.kind], row["n"])
        oldest.add_metric([outbox.kind], (now - row["since"]).total_seconds() if row["since"] else 0)
    yield pending
    yield oldest


def application_metrics() -> Iterator[GaugeMetricFamily]:
    offices = dict(RegionalOffice.objects.values_list("pk", "name"))
    applications = Application.objects.order_by()
    open_counts = dict(applications.open().values_list("office_id").annotate(n=Count("pk")))
    overdue_counts = dict(
        applications.overdue(timezone.localdate()).values_list("office_id").annotate(n=Count("pk"))
    )
    yield _per_office(
        "azerishiq_applications_open", "Applications not decided yet, per office.", offices, open_counts
    )
    yield _per_office(
        "azerishiq_applications_overdue",
        "Applications waiting on the office past their due date, per office.",
        offices,
        overdue_counts,
    )


def _per_office(name: str, documentation: str, offices: dict, counts: dict) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, documentation, labels=["office"])
    for office_id, office in sorted(offices.items()):
        family.add_metric([office], counts.get(office_id, 0))
    return family


def celery_metrics() -> Iterator[GaugeMetricFamily]:
    family = GaugeMetricFamily(
        "azerishiq_celery_queue_length", "Tasks waiting in each Celery queue.", labels=["queue"]
    )
    lengths = celery_queue_lengths()
    for queue, length in lengths.items():
        family.add_metric([queue], length)
    yield family


def celery_queue_lengths() -> dict[str, int]:
    """Each queue's length in the Redis broker; nothing while tasks run in-process."""
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL.startswith("redis"):
        return {}
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=1, socket_connect_timeout=1)
    try:
        return {queue: client.llen(queue) for queue in settings.CELERY_QUEUES_WATCHED}
    except redis.RedisError:
        return {}
    finally:
        client.close()


def worker_heartbeat_metric() -> GaugeMetricFamily:
    family = GaugeMetricFamily(
        "azerishiq_worker_heartbeat_age_seconds",
        "Seconds since each Celery worker last ran its heartbeat task.",
        labels=["queue", "worker"],
    )
    now = timezone.now()
    for recorded, at in WorkerHeartbeat.objects.values_list("worker", "at"):
        queue, _, worker = recorded.rpartition("/")
        family.add_metric([queue or "celery", worker], (now - at).total_seconds())
    return family
