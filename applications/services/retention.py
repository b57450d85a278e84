"""Deleting what citizens typed but never sent, once it has waited long enough."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from applications.models import WizardDraft

logger = logging.getLogger(__name__)


def drafts_purge_stale(*, now: datetime | None = None) -> int:
    """Delete wizard drafts (new applications and corrections) nobody touched for
    DRAFT_RETENTION_DAYS; returns how many. Safe to run again."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.DRAFT_RETENTION_DAYS)
    deleted, _ = WizardDraft.objects.filter(updated_at__lt=cutoff).delete()
    if deleted:
        logger.info("retention: deleted %d wizard drafts untouched since %s", deleted, cutoff.date())
    return deleted
