"""Work on applications done by the workers: scheduled retention (celery beat,
settings.CELERY_BEAT_SCHEDULE). The documents' tasks are applications/documents/tasks.py."""

from celery import shared_task

from applications.services import applications_personal_data_remove_expired, drafts_purge_stale


@shared_task(ignore_result=True)
def drafts_purge_stale_task() -> int:
    """Delete wizard drafts untouched for DRAFT_RETENTION_DAYS (idempotent); returns how many."""
    return drafts_purge_stale()


@shared_task(ignore_result=True)
def applications_personal_data_remove_expired_task() -> int:
    """Remove the personal data of applications past their status's retention (idempotent)."""
    return applications_personal_data_remove_expired()
