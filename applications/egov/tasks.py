"""Delivering the status events to e-gov.az (queue `celery`, with housekeeping)."""

from celery import shared_task

from applications.egov.services import egov_event_deliver, egov_events_sweep


@shared_task(ignore_result=True)
def egov_event_deliver_task(event_id: int) -> None:
    """Send one status event if it is due, first of its application, and nobody else is
    sending it (safe to run twice)."""
    egov_event_deliver(event_id=event_id)


@shared_task(ignore_result=True)
def egov_events_sweep_task() -> int:
    """Re-publish events left pending (broker down at commit, lost task) or stuck mid-send."""
    return egov_events_sweep()
