"""Retention: deleting what citizens typed but never sent, and removing the personal data of
decided applications once their status's retention period (settings) has passed."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from applications.documents.models import Document, DocumentBundle
from applications.models import (
    AnswersVersion,
    Application,
    ApplicationEvent,
    EgovEvent,
    HandedInFile,
    InfoRequest,
    WizardDraft,
)
from notifications.models import Notification

logger = logging.getLogger(__name__)


def drafts_purge_stale(*, now: datetime | None = None) -> int:
    """Delete wizard drafts (new applications and corrections) nobody touched for
    DRAFT_RETENTION_DAYS; returns how many. Safe to run again."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.DRAFT_RETENTION_DAYS)
    deleted, _ = WizardDraft.objects.filter(updated_at__lt=cutoff).delete()
    if deleted:
        logger.info("retention: deleted %d wizard drafts untouched since %s", deleted, cutoff.date())
    return deleted


def applications_expired(*, now: datetime | None = None):
    """Decided applications whose status's APPLICATION_RETENTION_DAYS have passed since they
    entered it, personal data not yet removed. Open applications are never expired."""
    now = now or timezone.now()
    entered_status = ApplicationEvent.objects.filter(
        application=OuterRef("pk"), to_status=OuterRef("status")
    ).order_by("-created_at")
    expired = Q()
    for status, days in settings.APPLICATION_RETENTION_DAYS.items():
        if status not in Application.OPEN_STATUSES:
            expired |= Q(status=status, entered_status_at__lt=now - timedelta(days=days))
    if not expired:
        return Application.objects.none()
    return (
        Application.objects.filter(personal_data_removed_at__isnull=True)
        .annotate(entered_status_at=Subquery(entered_status.values("created_at")[:1]))
        .filter(expired)
    )


def application_personal_data_remove(*, application: Application) -> Application:
    """Remove what identifies the applicant (registry and property snapshots, FİN, phones, e-mail,
    notes, messages, documents, the answers' versions and the files handed in, the events sent to
    e-gov.az); keep what the statistics need (number, kind, status, office, district, dates).
    Idempotent."""
    files = []
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.personal_data_removed_at is not None:
            return locked
        for document in Document.objects.filter(bundle__application=locked):
            files.append(document.file)
        files += [handed_in.file for handed_in in HandedInFile.objects.filter(application=locked)]
        DocumentBundle.objects.filter(application=locked).delete()
        # The files handed in, the answers' versions and the office's requests name the person.
        HandedInFile.objects.filter(application=locked).delete()
        AnswersVersion.objects.filter(application=locked).delete()
        InfoRequest.objects.filter(application=locked).update(message="")
        Notification.objects.filter(application=locked).update(recipient="", subject="", body="")
        ApplicationEvent.objects.filter(application=locked).update(note="")
        # e-gov.az has had them (or they are long dead); they carry the FİN.
        EgovEvent.objects.filter(application=locked).delete()
        WizardDraft.objects.filter(correcting=locked).delete()
        locked.registry_snapshot, locked.property_snapshot = {}, {}
        locked.applicant_fin = locked.mobile_phone = locked.email = ""
        locked.decision_note = ""
        locked.personal_data_removed_at = timezone.now()
        locked.save()
    # The rows are gone for good only once committed: then the files.
    for file in files:
        file.delete(save=False)
    return locked


def applications_personal_data_remove_expired(*, now: datetime | None = None) -> int:
    """Remove the personal data of every expired application (applications_expired); returns
    how many. Safe to run again and concurrently (each application is locked)."""
    removed = 0
    for application in applications_expired(now=now).only("pk").iterator():
        application_personal_data_remove(application=application)
        removed += 1
    if removed:
        logger.info("retention: removed the personal data of %d decided applications", removed)
    return removed
