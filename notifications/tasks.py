"""Delivering the outbox, and its housekeeping. Tasks take row ids and are idempotent: the row
decides what happens. Each task is named after the service it runs."""

import logging

from celery import shared_task

from notifications.health import heartbeat_record
from notifications.services import notification_deliver, outbox_sweep
from notifications.verification import verification_codes_purge

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def notification_deliver_task(notification_id: int) -> None:
    """Send one outbox row if it is due and nobody else is sending it (safe to run twice)."""
    notification_deliver(notification_id=notification_id)


@shared_task(ignore_result=True)
def outbox_sweep_task() -> int:
    """Re-publish rows left pending (broker down at commit, lost task) or stuck mid-send."""
    return outbox_sweep()


@shared_task(bind=True, ignore_result=True)
def heartbeat_record_task(self) -> None:
    """Record that the worker running it is alive (read by /healthz and /metrics); beat sends
    one to each pool's queue."""
    queue = (self.request.delivery_info or {}).get("routing_key") or "celery"
    heartbeat_record(queue=queue, worker=self.request.hostname or "")


@shared_task(ignore_result=True)
def verification_codes_purge_task() -> None:
    """Delete one-time-code records past use and blank expired codes in SMS texts (idempotent)."""
    deleted, blanked = verification_codes_purge()
    if deleted or blanked:
        logger.info("retention: deleted %d phone verifications, blanked %d code texts", deleted, blanked)
