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

from applications.documents.content import document_content, document_content_stored, document_title
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
# The documents that say who holds the account: a later one for the account supersedes them.
ACCOUNT_DOCUMENTS = (Kind.CONTRACT, Kind.SUBSCRIBER_CARD)
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
    """Issue the application's missing documents, and re-issue those in force whose text a
    correction changed (when the bundle asks for it); returns the ones this call issued.

    Idempotent and safe to run concurrently: the file is stored before its row exists, and a
    row that loses the race (another run issued it first) deletes its file, so a row never
    points to a half-written or missing file.
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
    reissue_requested_at = bundle.reissue_requested_at
    # Issued once: a final contract a later change of the account superseded is not issued again.
    issued_kinds = set(bundle.documents.values_list("kind", "is_final"))
    in_force = {(document.kind, document.is_final): document for document in bundle.documents.in_force()}
    issued = []
    for kind, is_final in documents_expected(application=application):
        current = in_force.get((kind, is_final))
        if (kind, is_final) not in issued_kinds:
            document = _document_issue(bundle=bundle, application=application, kind=kind, is_final=is_final)
        elif reissue_requested_at is not None and not is_final and current is not None:
            document = _document_reissue(current=current, application=application)
        else:
            continue
        if document is not None:
            issued.append(document)
    if reissue_requested_at is not None:
        # Only the request this run saw: a correction sent meanwhile asks again.
        DocumentBundle.objects.filter(pk=bundle.pk, reissue_requested_at=reissue_requested_at).update(
            reissue_requested_at=None
        )
    return issued


def documents_reissue_request(*, application: Application) -> None:
    """What the application's documents say has changed (a correction was sent): the documents
    in force are re-issued by a worker once the caller's transaction commits, or by the sweeper.
    Call inside that transaction."""
    DocumentBundle.objects.filter(application=application).update(reissue_requested_at=timezone.now())
    transaction.on_commit(lambda: documents_enqueue(application_id=application.pk), robust=True)


def _document_render(*, bundle, application, kind: str, is_final: bool) -> Document:
    """A new document of the bundle, its content built from today's data and stored with its
    PDF (sealed unless it is a draft): not saved yet."""
    # The outgoing holder's final bill is in their language (the portal's), not the buyer's.
    language = PREVIOUS_HOLDER_LANGUAGE if kind == Kind.FINAL_BILL else application.language
    document = Document(
        bundle=bundle, kind=kind, is_final=is_final, language=language, created_at=timezone.now()
    )
    with translation.override(language):
        content = document_content(document=document, application=application)
    document.content = content.as_json()
    pdf = render_pdf(content)
    if not document.is_draft:
        pdf = document_seal(pdf)
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    # A random name: nothing about the citizen in paths or bucket listings.
    document.file.save(f"{secrets.token_urlsafe(12)}.pdf", ContentFile(pdf), save=False)
    return document


def _document_save(document: Document) -> None:
    issued_at = document.created_at
    document.save()
    # auto_now_add re-stamps the row; keep the moment the PDF prints as its issue date.
    Document.objects.filter(pk=document.pk).update(created_at=issued_at)
    document.created_at = issued_at


def _document_issue(*, bundle, application, kind: str, is_final: bool) -> Document | None:
    document = _document_render(bundle=bundle, application=application, kind=kind, is_final=is_final)
    try:
        with transaction.atomic():
            _document_save(document)
            if kind in ACCOUNT_DOCUMENTS and is_final:
                _account_documents_supersede(document=document, application=application)
    except IntegrityError:
        # Another run issued this document a moment ago: theirs stays, our file goes.
        document.file.delete(save=False)
        return None
    logger.info("documents: %s (final=%s) for application %s stored", kind, is_final, application.number)
    return document


def _document_reissue(*, current: Document, application: Application) -> Document | None:
    """Issue `current` again from today's data if what it says changed, superseding it."""
    document = _document_render(
        bundle=current.bundle, application=application, kind=current.kind, is_final=current.is_final
    )
    stored = document_content_stored(current)
    if stored is not None and stored.same_text_as(document_content_stored(document)):
        document.file.delete(save=False)
        return None
    with transaction.atomic():
        if not Document.objects.select_for_update().in_force().filter(pk=current.pk).exists():
            # Another run re-issued it a moment ago: theirs stays, our file goes.
            transaction.on_commit(lambda: document.file.delete(save=False))
            return None
        # Out of force first: one document in force per kind, checked at each write.
        Document.objects.filter(pk=current.pk).update(superseded_at=document.created_at)
        _document_save(document)
        Document.objects.filter(pk=current.pk).update(superseded_by=document)
    logger.info("documents: %s of application %s re-issued after a change", current.kind, application.number)
    return document


def _account_documents_supersede(*, document: Document, application: Application) -> None:
    """The account's contract or card in force from an earlier application (decided before this
    one) is superseded by `document`; if a later one is already in force, `document` is."""
    others = (
        Document.objects.in_force()
        .filter(kind__in=ACCOUNT_DOCUMENTS, is_final=True)
        .filter(bundle__application__account=application.account_id)
        .exclude(pk=document.pk)
        .select_related("bundle__application")
        .select_for_update(of=("self",))
    )
    decided = application.decided_at or document.created_at
    for other in others:
        if (other.bundle.application.decided_at or other.created_at) <= decided:
            superseded, replacement = other, document
        else:  # a later change of the account was issued first (a late run): this one is history
            superseded, replacement = document, other
        Document.objects.filter(pk=superseded.pk).update(
            superseded_at=document.created_at, superseded_by=replacement
        )


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
    """Re-enqueue generation for bundles missing a document, or waiting for a re-issue, for over
    a minute; returns how many."""
    cutoff = timezone.now() - SWEEP_AFTER
    incomplete = (
        DocumentBundle.objects.annotate(
            drafts=Count("documents", filter=Q(documents__is_final=False, documents__superseded_at=None)),
            finals=Count("documents", filter=Q(documents__is_final=True)),
        )
        .filter(
            Q(drafts__lt=DRAFTS_PER_BUNDLE, created_at__lt=cutoff)
            | Q(reissue_requested_at__lt=cutoff)
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
    the active language): of each kind the latest, in force or superseded by a later change of
    the account; the outgoing holder's final bill is theirs and not listed."""
    documents = bundle.documents.exclude(kind=Kind.FINAL_BILL).order_by("created_at", "pk")
    stored = {(document.kind, document.is_final): document for document in documents}  # the latest
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
