"""The outbox: every message to a citizen is a row first, written in the transaction of the
event that causes it. The queue only carries row ids; the row is the truth."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# A one-time code in an SMS text: blanked from the outbox once the message has left.
ONE_TIME_CODE = re.compile(r"\b\d{6}\b")
CODE_BLANKED = "••••••"


class NotificationQuerySet(models.QuerySet):
    def for_application(self, application):
        return self.filter(application=application).order_by("created_at", "pk")

    def to_applicant(self):
        return self.filter(addressee=Notification.Addressee.APPLICANT)


class Notification(models.Model):
    """One SMS or e-mail to one recipient, tracked from pending to delivered or failed."""

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-poçt")

    class Addressee(models.TextChoices):
        # Who the message is for, beside the application it is about: the citizen's own page
        # lists only theirs.
        APPLICANT = "applicant", _("Müraciətçi")
        PREVIOUS_HOLDER = "previous_holder", _("Əvvəlki sahib")
        CO_OWNER = "co_owner", _("Digər mülkiyyətçi")

    class Status(models.TextChoices):
        PENDING = "pending", _("Növbədə")
        SENDING = "sending", _("Göndərilir")
        SENT = "sent", _("Göndərildi")
        DELIVERED = "delivered", _("Çatdırıldı")
        FAILED = "failed", _("Alınmadı")

    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    channel = models.CharField(_("kanal"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(_("alıcı"), max_length=254)
    addressee = models.CharField(
        _("kimə"), max_length=16, choices=Addressee.choices, default=Addressee.APPLICANT
    )
    language = models.CharField(_("dil"), max_length=8, default="az")
    template = models.CharField(_("şablon"), max_length=40)
    subject = models.CharField(_("mövzu"), max_length=200, blank=True)
    body = models.TextField(_("mətn"))
    # A secret (a one-time code) is in the text: it is blanked once the message has left.
    sensitive = models.BooleanField(default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("cəhdlər"), default=0)
    provider_message_id = models.CharField(_("provayder ID"), max_length=64, blank=True)
    last_error = models.CharField(_("son xəta"), max_length=500, blank=True)
    # An e-mail sent because this SMS failed for good points back to it.
    fallback_for = models.OneToOneField(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="fallback"
    )
    next_attempt_at = models.DateTimeField(_("növbəti cəhd"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("bildiriş")
        verbose_name_plural = _("bildirişlər")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"],
                name="notification_due",
                condition=Q(status__in=["pending", "sending"]),
            ),
            models.Index(fields=["provider_message_id"], name="notification_provider_id"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.template} #{self.pk}"


class PhoneVerification(models.Model):
    """A one-time code sent to prove a citizen can receive SMS on a number. Only a keyed hash
    of the code is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    phone = models.CharField(max_length=16)
    code_hash = models.CharField(max_length=64)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    verified_at = models.DateTimeField(null=True, blank=True)
    # The client address the code was asked from: codes are also limited per address.
    requested_from = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "created_at"], name="phoneverification_user"),
            models.Index(fields=["phone", "created_at"], name="phoneverification_phone"),
            models.Index(fields=["requested_from", "created_at"], name="phoneverification_address"),
        ]

    def __str__(self):
        return f"verification {self.pk}"


class DeliveryReportReceived(models.Model):
    """A gateway's delivery report, recorded once: Twilio's reports carry no timestamp or nonce
    to tell a replay from the original, so the same report (message, outcome) counts only once."""

    provider_message_id = models.CharField(max_length=64)
    outcome = models.CharField(max_length=16)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider_message_id", "outcome"], name="delivery_report_once")
        ]

    def __str__(self):
        return f"{self.provider_message_id} {self.outcome}"


class WorkerHeartbeat(models.Model):
    """The last time each Celery worker ran its heartbeat task (read by /healthz). In the
    database, not the cache, so that every web process sees it whatever cache it uses."""

    worker = models.CharField(max_length=200, primary_key=True)
    at = models.DateTimeField()

    def __str__(self):
        return f"{self.worker} @ {self.at:%H:%M:%S}"
