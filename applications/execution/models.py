"""The command an approved application sends Azərişıq's billing, tracked as an outbox row."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BillingCommand(models.Model):
    """The change an approval asks billing to make, written in the approval's transaction and
    sent by a worker until billing confirms (the application is then done) or refuses (staff
    retry or reject it). The application number is the command's idempotency key in billing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Növbədə")
        SENDING = "sending", _("Göndərilir")
        CONFIRMED = "confirmed", _("Billinq təsdiqlədi")
        REFUSED = "refused", _("Billinq imtina etdi")
        FAILED = "failed", _("Billinq cavab vermədi")

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="billing_command"
    )
    kind = models.CharField(_("növ"), max_length=16)
    # What is sent (integrations.billing.base.TransferCommand or RenameCommand, as JSON).
    payload = models.JSONField(_("əmr"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("cəhdlər"), default=0)
    next_attempt_at = models.DateTimeField(_("növbəti cəhd"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("son xəta"), max_length=500, blank=True)
    refusal = models.CharField(_("billinqin imtina səbəbi"), max_length=500, blank=True)
    contract_number = models.CharField(_("müqavilə nömrəsi"), max_length=32, blank=True)
    confirmed_at = models.DateTimeField(_("billinq təsdiqləyib"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("billinq əmri")
        verbose_name_plural = _("billinq əmrləri")
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"],
                name="billing_command_due",
                condition=Q(status__in=["pending", "sending"]),
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.get_status_display()}"
