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

    class Meta:
        # Created by the notifications app, which held the documents before applications/ did.
        db_table = "notifications_documentbundle"
        verbose_name = _("sənəd toplusu")
        verbose_name_plural = _("sənəd toplusu")

    def __str__(self):
        return f"bundle {self.application_id}"


class Document(models.Model):
    """One PDF document of a bundle, with a public code its QR code points to."""

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
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "notifications_document"
        verbose_name = _("sənəd")
        verbose_name_plural = _("sənədlər")
        constraints = [
            models.UniqueConstraint(fields=["bundle", "kind", "is_final"], name="one_document_per_kind"),
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def is_draft(self) -> bool:
        """A contract or card before approval: watermarked, not sealed, not verifiable. The receipt
        and the final bill are issued as they are."""
        return not self.is_final and self.kind in (self.Kind.CONTRACT, self.Kind.SUBSCRIBER_CARD)
