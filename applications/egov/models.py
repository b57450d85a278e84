"""e-gov.az's machine clients: the API scopes each may be given, its webhook subscription, and
the outbox of status events waiting to reach it."""

import base64
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The OAuth 2.0 scopes of the portal's API (OAUTH2_PROVIDER["SCOPES"] describes them).
API_SCOPES = ("applications:read",)


class EventType(models.TextChoices):
    SUBMITTED = "application.submitted", "application.submitted"
    INFO_REQUESTED = "application.info_requested", "application.info_requested"
    APPROVED = "application.approved", "application.approved"
    DONE = "application.done", "application.done"
    REJECTED = "application.rejected", "application.rejected"
    WITHDRAWN = "application.withdrawn", "application.withdrawn"


def _signing_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _strong_secret(secret: str) -> bool:
    try:
        return secret.startswith("whsec_") and len(base64.b64decode(secret[6:], validate=True)) >= 24
    except ValueError:
        return False


def _message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def _all_event_types() -> list[str]:
    return list(EventType.values)


class ApiClientScopes(models.Model):
    """The API scopes one OAuth 2.0 client may ask for: a client without a row gets none."""

    client = models.OneToOneField(
        "oauth2_provider.Application",
        verbose_name=_("müştəri"),
        on_delete=models.CASCADE,
        related_name="api_scopes",
    )
    scopes = models.JSONField(_("icazələr"), default=list, help_text=", ".join(API_SCOPES))

    class Meta:
        verbose_name = _("API müştərisinin icazələri")
        verbose_name_plural = _("API müştərilərinin icazələri")

    def __str__(self):
        return f"{self.client}: {' '.join(self.scopes)}"

    def clean(self):
        if not isinstance(self.scopes, list) or not set(self.scopes) <= set(API_SCOPES):
            raise ValidationError(
                {"scopes": _("Yalnız bu icazələr: %(scopes)s") % {"scopes": ", ".join(API_SCOPES)}}
            )


class EgovSubscription(models.Model):
    """Where one client receives the status events, the secret they are signed with, and which
    event types it wants."""

    client = models.OneToOneField(
        "oauth2_provider.Application",
        verbose_name=_("müştəri"),
        on_delete=models.CASCADE,
        related_name="egov_subscription",
    )
    url = models.URLField(_("webhook ünvanı"), max_length=500)
    secret = models.CharField(_("imza açarı"), max_length=64, default=_signing_secret)
    event_types = models.JSONField(_("hadisə növləri"), default=_all_event_types)
    is_active = models.BooleanField(_("aktivdir"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("e-gov.az abunəliyi")
        verbose_name_plural = _("e-gov.az abunəlikləri")

    def __str__(self):
        return str(self.client)

    def clean(self):
        if not isinstance(self.event_types, list) or not set(self.event_types) <= set(EventType.values):
            raise ValidationError(
                {"event_types": _("Yalnız bu hadisələr: %(types)s") % {"types": ", ".join(EventType.values)}}
            )
        if not _strong_secret(self.secret):
            raise ValidationError({"secret": _("Açar “whsec_” və ən azı 24 baytın base64 yazılışıdır.")})
        if not self.url.lower().startswith("https://") and not settings.EGOV_WEBHOOK_ALLOW_HTTP:
            # The events name the citizen's FİN: they travel encrypted, or not at all.
            raise ValidationError({"url": _("Ünvan https:// ilə başlamalıdır.")})


class EgovEvent(models.Model):
    """One status event for one subscriber (an outbox row), written in the transaction of the
    status change and sent by a worker, in order per application, until the receiver takes it
    or the retries run out (dead: staff see it and may send it again)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Növbədə")
        SENDING = "sending", _("Göndərilir")
        DELIVERED = "delivered", _("Çatdırıldı")
        DEAD = "dead", _("Çatdırılmadı")

    # webhook-id: one per event and subscriber, the same on every attempt.
    message_id = models.CharField(
        _("hadisənin id-si"), max_length=40, unique=True, default=_message_id, editable=False
    )
    subscription = models.ForeignKey(
        EgovSubscription, verbose_name=_("abunəlik"), on_delete=models.CASCADE, related_name="events"
    )
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="egov_events"
    )
    event_type = models.CharField(_("hadisə"), max_length=32, choices=EventType.choices)
    payload = models.JSONField(_("məzmun"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("cəhdlər"), default=0)
    next_attempt_at = models.DateTimeField(_("növbəti cəhd"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("son xəta"), max_length=500, blank=True)
    delivered_at = models.DateTimeField(_("çatdırılıb"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("e-gov.az hadisəsi")
        verbose_name_plural = _("e-gov.az hadisələri")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"],
                name="egov_event_due",
                condition=Q(status__in=["pending", "sending"]),
            ),
            # The order per application: the earlier events of one application and subscriber.
            models.Index(fields=["subscription", "application", "id"], name="egov_event_order"),
        ]
        permissions = [("resend_egovevent", _("Çatdırılmayan e-gov.az hadisəsini yenidən göndərə bilər"))]

    def __str__(self):
        return f"{self.event_type} {self.application} → {self.subscription}"
