"""A citizen's application, its status history, and the wizard progress saved before it is sent."""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from subscribers.models import Account, District, Property, RegionalOffice


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Application.OPEN_STATUSES)


class Application(models.Model):
    """An application to transfer an account to the applicant, or to rename its holder."""

    class Kind(models.TextChoices):
        TRANSFER = "transfer", _("Şəxsi hesabın digər abonentin adına keçirilməsi")
        RENAME = "rename", _("Ad, soyad dəyişikliyi")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Göndərildi")
        IN_REVIEW = "in_review", _("Baxılır")
        INFO_REQUESTED = "info_requested", _("Əlavə məlumat tələb olunur")
        APPROVED = "approved", _("Təsdiq edildi")
        REJECTED = "rejected", _("İmtina edildi")
        WITHDRAWN = "withdrawn", _("Geri götürüldü")

    OPEN_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED)

    number = models.CharField(_("müraciət nömrəsi"), max_length=15, unique=True, editable=False)
    kind = models.CharField(_("müraciətin növü"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    language = models.CharField(_("dil"), max_length=8, default="az")

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    applicant_fin = models.CharField("FİN", max_length=7, db_index=True)
    # What the registry said about the applicant when they sent it (the data they saw).
    registry_snapshot = models.JSONField(_("reyestr məlumatları"), encoder=DjangoJSONEncoder)

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="applications")
    subscriber_code = models.CharField(_("abonent kodu"), max_length=15, db_index=True)
    debt_at_submission = models.DecimalField(
        _("müraciət zamanı balans, AZN"), max_digits=12, decimal_places=2
    )

    # The house or flat (the property registry's unit) the account supplies.
    dwelling = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="applications")
    property_kind = models.CharField(_("əmlakın növü"), max_length=16, choices=Property.Kind.choices)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="applications")
    registry_number = models.CharField(_("reyestr nömrəsi"), max_length=13)
    registration_number = models.CharField(_("qeydiyyat nömrəsi"), max_length=12)
    property_snapshot = models.JSONField(_("əmlak reyestri məlumatları"), encoder=DjangoJSONEncoder)

    mobile_phone = models.CharField(_("mobil nömrə"), max_length=16)
    extra_mobile_phone = models.CharField(_("əlavə mobil nömrə"), max_length=16, blank=True)
    email = models.EmailField(_("e-poçt ünvanı"), blank=True)

    office = models.ForeignKey(RegionalOffice, on_delete=models.PROTECT, related_name="applications")
    # One key per wizard run: a double click, a refresh or a second tab finds the same application.
    submission_key = models.UUIDField(unique=True, editable=False)

    submitted_at = models.DateTimeField(_("göndərilib"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("müraciət")
        verbose_name_plural = _("müraciətlər")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["account"],
                condition=Q(status__in=["submitted", "in_review", "info_requested"]),
                name="one_open_application_per_account",
                violation_error_message=_("Bu şəxsi hesab üzrə artıq açıq müraciət var."),
            ),
            models.CheckConstraint(
                condition=Q(number__regex=r"^AZI-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$"),
                name="application_number_format",
            ),
        ]
        indexes = [models.Index(fields=["office", "status", "submitted_at"])]

    def __str__(self):
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ApplicationEvent(models.Model):
    """One step in an application's history: a status change, who made it, when, and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("əvvəlki status"), max_length=16, choices=Application.Status.choices, blank=True
    )
    to_status = models.CharField(_("yeni status"), max_length=16, choices=Application.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("qeyd"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("müraciət hadisəsi")
        verbose_name_plural = _("müraciət hadisələri")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.from_status or '—'} → {self.to_status}"


class WizardDraft(models.Model):
    """A citizen's unfinished application: the wizard's progress, saved at every step.

    Kept per citizen, not per session, so that signing out, losing the session or moving
    to another device resumes where they left off.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    submission_key = models.UUIDField(default=uuid.uuid4)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("qaralama")
        verbose_name_plural = _("qaralamalar")

    def __str__(self):
        return f"draft {self.pk}"
