"""Health of the moving parts, for /healthz: the database, the broker, and a recent heartbeat from
each pool of workers (docker-compose's `worker` and `worker-sms`)."""

import socket
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from notifications.models import WorkerHeartbeat


def heartbeat_record(*, queue: str = "celery", worker: str = "") -> None:
    """Called by a worker on a schedule: proves a worker (its Celery node name, `sms@host`) is
    alive and consuming `queue`. Recorded as `<queue>/<node>`.

    Every deploy brings new node names (containers' host names), so a live worker of a queue
    also forgets that queue's nodes silent for WORKER_HEARTBEAT_FORGET_AFTER: the table and
    /metrics' series stay bounded. A queue whose every worker is gone keeps its last rows (no one
    of its workers runs this), so /healthz and the heartbeat alert keep saying it is down.
    """
    node = f"{queue}/{worker or f'celery@{socket.gethostname()}'}"
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(worker=node, defaults={"at": now})
    forget_before = now - timedelta(seconds=settings.WORKER_HEARTBEAT_FORGET_AFTER)
    WorkerHeartbeat.objects.filter(worker__startswith=f"{queue}/", at__lt=forget_before).exclude(
        worker=node
    ).delete()


def health_report() -> dict[str, str]:
    """ "ok", or what is wrong, for each part; the embedded default runs tasks in-process."""
    report = {"database": _database(), "broker": _broker()}
    for name, queue in settings.WORKER_POOLS.items():
        report[name] = _worker(queue)
    return report


def readiness_report() -> dict[str, str]:
    """What the load balancer needs before sending citizens here: the database answers."""
    return {"database": _database()}


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any driver error means "down"
        return f"down: {type(error).__name__}"
    return "ok"


def _broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "ok (in-process)"
    # The project's Celery app (azerishiq_portal/celery.py), set as current when it is loaded.
    from celery import current_app

    try:
        with current_app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=1)
    except Exception as error:  # kombu's errors vary by transport
        return f"down: {type(error).__name__}"
    return "ok"


def _worker(queue: str) -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "ok (in-process)"
    beats = WorkerHeartbeat.objects.filter(worker__startswith=f"{queue}/")
    beat = beats.aggregate(latest=Max("at"))["latest"]
    if beat is None:
        return "down: no heartbeat yet"
    age = (timezone.now() - beat).total_seconds()
    if age > settings.WORKER_HEARTBEAT_MAX_AGE:
        return f"down: last heartbeat {age:.0f}s ago"
    return "ok"
