"""Scheduled work on applications (celery beat, settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from applications.services import drafts_purge_stale


@shared_task(ignore_result=True)
def purge_stale_drafts() -> int:
    """Delete wizard drafts untouched for DRAFT_RETENTION_DAYS (idempotent); returns how many."""
    return drafts_purge_stale()
