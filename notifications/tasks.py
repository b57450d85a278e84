"""Delivering the outbox. Tasks take row ids and are idempotent: the row decides what happens."""

import logging

from celery import shared_task

from notifications import delivery

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def send_notification(notification_id: int) -> None:
    """Send one outbox row if it is due and nobody else is sending it (safe to run twice)."""
    delivery.notification_deliver(notification_id=notification_id)


@shared_task(ignore_result=True)
def sweep_outbox() -> int:
    """Re-enqueue rows left pending (broker down at commit, lost task) or stuck mid-send."""
    return delivery.outbox_sweep()


@shared_task(ignore_result=True)
def generate_documents(application_id: int) -> None:
    """Render the application's document bundle (idempotent: existing documents are kept)."""
    from notifications.documents import documents_generate

    documents_generate(application_id=application_id)


@shared_task(ignore_result=True)
def sweep_documents() -> int:
    """Re-enqueue generation for bundles left without a document (lost task, failed render)."""
    from notifications.documents import documents_sweep

    return documents_sweep()


@shared_task(ignore_result=True)
def worker_heartbeat() -> None:
    """Record that a worker is alive (read by /healthz)."""
    from notifications.health import heartbeat_record

    heartbeat_record()


@shared_task(ignore_result=True)
def purge_expired_codes() -> None:
    """Delete one-time-code records past use and blank expired codes in SMS texts (idempotent)."""
    from notifications.verification import verification_codes_purge

    deleted, blanked = verification_codes_purge()
    if deleted or blanked:
        logger.info("retention: deleted %d phone verifications, blanked %d code texts", deleted, blanked)
