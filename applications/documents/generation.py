"""Generating a bundle's documents: which ones it should hold, rendering the missing ones, and
the sweeper that catches bundles a lost task left incomplete."""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone, translation

from applications.documents.content import document_content, document_title
from applications.documents.models import Document, DocumentBundle
from applications.documents.pdf import render_pdf
from applications.documents.seal import document_seal
from applications.handover.models import PREVIOUS_HOLDER_LANGUAGE
from applications.models import Application

logger = logging.getLogger(__name__)
Kind = Document.Kind

# Generation normally finishes within a second of submission; older gaps are the sweeper's.
SWEEP_AFTER = timedelta(minutes=1)
SWEEP_BATCH = 200
# Every application has two drafts (the receipt, and its contract or card); approval adds one final.
DRAFTS_PER_BUNDLE = 2
SECOND_DOCUMENT = {
    Application.Kind.TRANSFER: Kind.CONTRACT,
    Application.Kind.RENAME: Kind.SUBSCRIBER_CARD,
}


def documents_expected(*, application: Application) -> list[tuple[str, bool]]:
    """The (kind, is_final) documents the application's bundle should hold, in reading order:
    the drafts, the final contract or card once billing has carried the application out, and
    after a transfer the outgoing holder's final bill (theirs, not in the buyer's list)."""
    second = SECOND_DOCUMENT[application.kind]
    expected = [(Kind.RECEIPT, False), (second, False)]
    if application.status == Application.Status.DONE:
        expected.append((second, True))
        handover = getattr(application, "handover", None)
        if handover is not None and handover.final_bill:
            expected.append((Kind.FINAL_BILL, True))
    return expected


def documents_generate(*, application_id: int) -> list[Document]:
    """Render and store the application's missing documents; returns the ones this call made.

    Idempotent and safe to run concurrently: the file is stored before its row exists, and a
    row that loses the (bundle, kind, is_final) race deletes its file, so a row never points
    to a half-written or missing file.
    """
    application = (
        Application.objects.select_related("account__holder", "district__parent", "office", "dwelling")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        logger.warning("documents: application %s no longer exists", application_id)
        return []
    if application.personal_data_removed_at is not None:  # retention: never rendered again
        return []
    bundle, _ = DocumentBundle.objects.get_or_create(application=application)
    existing = set(bundle.documents.values_list("kind", "is_final"))
    created = []
    for kind, is_final in documents_expected(application=application):
        if (kind, is_final) not in existing:
            document = _document_create(bundle=bundle, application=application, kind=kind, is_final=is_final)
            if document is not None:
                created.append(document)
    return created


def _document_create(*, bundle, application, kind: str, is_final: bool) -> Document | None:
    # The outgoing holder's final bill is in their language (the portal's), not the buyer's.
    language = PREVIOUS_HOLDER_LANGUAGE if kind == Kind.FINAL_BILL else application.language
    document = Document(
        bundle=bundle, kind=kind, is_final=is_final, language=language, created_at=timezone.now()
    )
    with translation.override(language):
        pdf = render_pdf(document_content(document=document, application=application))
    if not document.is_draft:
        pdf = document_seal(pdf)
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    # A random name: nothing about the citizen in paths or bucket listings.
    document.file.save(f"{secrets.token_urlsafe(12)}.pdf", ContentFile(pdf), save=False)
    issued_at = document.created_at
    try:
        with transaction.atomic():
            document.save()
            # auto_now_add re-stamps the row; keep the moment the PDF prints as its issue date.
            Document.objects.filter(pk=document.pk).update(created_at=issued_at)
    except IntegrityError:
        # Another run made this document a moment ago: theirs stays, our file goes.
        document.file.delete(save=False)
        return None
    document.created_at = issued_at
    logger.info("documents: %s (final=%s) for application %s stored", kind, is_final, application.number)
    return document


def document_bundle_create(*, application: Application) -> DocumentBundle:
    """The application's (empty) bundle, its documents rendered by a worker once the caller's
    transaction commits. Call inside the submission's transaction."""
    bundle = DocumentBundle.objects.create(application=application)
    transaction.on_commit(lambda: documents_enqueue(application_id=application.pk), robust=True)
    return bundle


def documents_enqueue(*, application_id: int) -> None:
    """Hand the application's document generation to the broker; if it is down, the sweeper
    renders them later (logged, never raised)."""
    from applications.documents.tasks import documents_generate_task

    try:
        documents_generate_task.delay(application_id)
    except Exception:  # the broker's errors vary by transport; the sweeper is the safety net
        logger.warning("documents for application %s not enqueued", application_id, exc_info=True)


def documents_sweep() -> int:
    """Re-enqueue generation for bundles missing a document for over a minute; returns how many."""
    cutoff = timezone.now() - SWEEP_AFTER
    incomplete = (
        DocumentBundle.objects.annotate(
            drafts=Count("documents", filter=Q(documents__is_final=False)),
            finals=Count("documents", filter=Q(documents__is_final=True)),
        )
        .filter(
            Q(drafts__lt=DRAFTS_PER_BUNDLE, created_at__lt=cutoff)
            | Q(finals=0, application__status=Application.Status.DONE, application__updated_at__lt=cutoff)
        )
        .order_by("created_at")
        .values_list("application_id", flat=True)[:SWEEP_BATCH]
    )
    application_ids = list(incomplete)
    for application_id in application_ids:
        documents_enqueue(application_id=application_id)
    if application_ids:
        logger.info("document sweep re-enqueued %d bundles", len(application_ids))
    return len(application_ids)


@dataclass(frozen=True)
class BundleEntry:
    """One line of the bundle page: a document, or the promise of one being prepared."""

    kind: str
    is_final: bool
    title: str
    document: Document | None

    @property
    def slug(self) -> str:
        return f"{self.kind}-final" if self.is_final else self.kind


def bundle_entries(*, bundle: DocumentBundle) -> list[BundleEntry]:
    """The documents the bundle holds or will hold for the applicant, in reading order (titles in
    the active language); the outgoing holder's final bill is theirs and not listed."""
    documents = bundle.documents.exclude(kind=Kind.FINAL_BILL)
    stored = {(document.kind, document.is_final): document for document in documents}
    entries = []
    for kind, is_final in documents_expected(application=bundle.application):
        if kind == Kind.FINAL_BILL:
            continue
        title = document_title(kind=kind, is_final=is_final)
        entries.append(BundleEntry(kind, is_final, title, stored.pop((kind, is_final), None)))
    # A document the rules no longer expect (say, a final one before a reversal) is still shown.
    for (kind, is_final), document in stored.items():
        entries.append(BundleEntry(kind, is_final, document_title(kind=kind, is_final=is_final), document))
    return entries
