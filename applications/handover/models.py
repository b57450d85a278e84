"""What a transfer hands over, and who has agreed to it."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

# The outgoing holder and the co-owners are written to in the portal's source language: the
# language the buyer chose is theirs, not necessarily the others'.
PREVIOUS_HOLDER_LANGUAGE = "az"


def _link_key() -> str:
    return secrets.token_urlsafe(12)


class Handover(models.Model):
    """The day and meter reading a transfer changes the contract at, the outgoing holder (as
    billing names and reaches them), their answer, and after billing's confirmation their final bill."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("Cavab gözlənilir")
        CONFIRMED = "confirmed", _("Təsdiq etdi")
        OBJECTED = "objected", _("Etiraz etdi")

    class ReadingSource(models.TextChoices):
        SMART = "smart", _("Smart sayğacdan")
        BUYER = "buyer", _("Yeni sahibin yazdığı")

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="handover"
    )
    handover_date = models.DateField(_("təhvil tarixi"))
    reading_kwh = models.DecimalField(_("sayğacın göstəricisi, kVt·saat"), max_digits=12, decimal_places=1)
    reading_source = models.CharField(_("göstəricinin mənbəyi"), max_length=8, choices=ReadingSource.choices)
    meter_number = models.CharField(_("sayğacın nömrəsi"), max_length=20)
    meter_kind = models.CharField(_("sayğacın növü"), max_length=16)
    last_billed_kwh = models.DecimalField(
        _("son hesablanmış göstərici, kVt·saat"), max_digits=12, decimal_places=1
    )
    last_billed_on = models.DateField(_("son hesablama tarixi"))
    previous_holder_fin = models.CharField(_("əvvəlki sahibin FİN-i"), max_length=7)
    previous_holder_name = models.CharField(_("əvvəlki sahib"), max_length=255)
    previous_holder_phone = models.CharField(_("əvvəlki sahibin mobil nömrəsi"), max_length=16, blank=True)
    previous_holder_email = models.EmailField(_("əvvəlki sahibin e-poçtu"), blank=True)
    # Random: the outgoing holder's signed link carries it, never an id or personal data.
    link_key = models.CharField(max_length=16, unique=True, default=_link_key, editable=False)
    answer = models.CharField(
        _("əvvəlki sahibin cavabı"), max_length=12, choices=Answer.choices, default=Answer.PENDING
    )
    objection = models.TextField(_("etirazın səbəbi"), blank=True)
    answered_at = models.DateTimeField(_("cavab verilib"), null=True, blank=True)
    # Billing's final bill for the outgoing holder (integrations.billing.base.FinalBill as JSON),
    # once billing has carried the transfer out.
    final_bill = models.JSONField(_("yekun hesab"), null=True, blank=True)

    class Meta:
        verbose_name = _("təhvil-təslim")
        verbose_name_plural = _("təhvil-təslimlər")

    def __str__(self):
        return f"{self.application}: {self.handover_date}"


class CoOwnerConsent(models.Model):
    """Another owner of the property (the registry lists several) asked to agree to the transfer."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("Cavab gözlənilir")
        CONSENTED = "consented", _("Razılıq verdi")
        DECLINED = "declined", _("Razılıq vermədi")

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="co_owner_consents"
    )
    owner_fin = models.CharField("FİN", max_length=7)
    owner_name = models.CharField(_("mülkiyyətçi"), max_length=255)
    mobile_phone = models.CharField(_("mobil nömrə"), max_length=16)
    link_key = models.CharField(max_length=16, unique=True, default=_link_key, editable=False)
    answer = models.CharField(_("cavab"), max_length=12, choices=Answer.choices, default=Answer.PENDING)
    answered_at = models.DateTimeField(_("cavab verilib"), null=True, blank=True)

    class Meta:
        verbose_name = _("mülkiyyətçinin razılığı")
        verbose_name_plural = _("mülkiyyətçilərin razılığı")
        constraints = [
            models.UniqueConstraint(fields=["application", "owner_fin"], name="one_consent_per_co_owner"),
        ]

    def __str__(self):
        return f"{self.application}: {self.get_answer_display()}"
