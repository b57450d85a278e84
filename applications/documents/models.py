"""The documents sent to a citizen for an application: a bundle behind a signed link, and its PDFs."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def _random_key() -> str:
    return secrets.token_urlsafe(12)


class DocumentBundle(models.Model):
    """The documents sent to a citizen for one application, reached by a signed link.

    `key` is random: links carry it (signed and expiring), never an id or personal data.
    """

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="document_bundle"
    )
    key = models.CharField(max_length=16, unique=True, default=_random_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set in the transaction that changed what the documents say (a correction): the documents
    # in force are re-issued by a worker, or by the sweeper if that task was lost; cleared then.
    reissue_requested_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        # Created by the notifications app, which held the documents before applications/ did.
        db_table = "notifications_documentbundle"
        verbose_name = _("sənəd toplusu")
        verbose_name_plural = _("sənəd toplusu")

    def __str__(self):
        return f"bundle {self.application_id}"


class DocumentQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(superseded_at__isnull=True)


class Document(models.Model):
    """One PDF document of a bundle, with a public code its QR code points to.

    Frozen when issued: `content` is what it says, stored with its PDF, and its web version is
    drawn from the same content, never from today's data. A correction or a later change of the
    account issues a new document; the old one stays, superseded by it (its code still verifies,
    saying so)."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Müraciət qəbzi")
        CONTRACT = "contract", _("Elektrik enerjisinin alqı-satqı müqaviləsi (layihə)")
        SUBSCRIBER_CARD = "subscriber_card", _("Abonent kartı")
        # The outgoing holder's, after a transfer: never in the buyer's bundle (see bundle_entries).
        FINAL_BILL = "final_bill", _("Yekun hesab")

    bundle = models.ForeignKey(DocumentBundle, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("növ"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("dil"), max_length=8, default="az")
    file = models.FileField(_("fayl"), upload_to="documents/%Y/%m/")
    verification_code = models.CharField(max_length=16, unique=True, default=_random_key, editable=False)
    # A final document (after approval) replaces nothing: it is a new row of its own kind.
    is_final = models.BooleanField(_("yekun sənəd"), default=False)
    # The SHA-256 of the file as issued (sealed): the verification page compares against it.
    sha256 = models.CharField(max_length=64, blank=True, default="", editable=False)
    # What the document says as issued (applications.documents.content.DocumentContent.as_json).
    # Empty for documents issued before the content was stored: their web version is not shown.
    content = models.JSONField(default=dict, blank=True, editable=False)
    superseded_at = models.DateTimeField(_("əvəz olunub"), null=True, blank=True, editable=False)
    # The document issued in its place; empty if that one was removed since (retention).
    superseded_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        db_table = "notifications_document"
        verbose_name = _("sənəd")
        verbose_name_plural = _("sənədlər")
        constraints = [
            models.UniqueConstraint(
                fields=["bundle", "kind", "is_final"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_document_in_force_per_kind",
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def in_force(self) -> bool:
        return self.superseded_at is None

    @property
    def is_draft(self) -> bool:
        """A contract or card before approval: watermarked, not sealed, not verifiable. The receipt
        and the final bill are issued as they are."""
        return not self.is_final and self.kind in (self.Kind.CONTRACT, self.Kind.SUBSCRIBER_CARD)
