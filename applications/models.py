"""A citizen's application, its status history, and the wizard progress saved before it is sent."""

import datetime
import secrets
import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The document models live with the documents (applications/documents/models.py); imported here,
# they are the applications app's models like the others.
from applications.corrections.models import AnswersVersion, DocumentKind, HandedInFile, InfoRequest
from applications.documents.models import Document, DocumentBundle
from applications.egov.models import ApiClientScopes, EgovEvent, EgovSubscription
from applications.execution.models import BillingCommand
from applications.handover.models import CoOwnerConsent, Handover
from core.personal_data import name_masked
from subscribers.models import Account, District, Property, RegionalOffice

__all__ = [
    "ApiClientScopes",
    "AnswersVersion",
    "Application",
    "ApplicationAccess",
    "ApplicationEvent",
    "BillingCommand",
    "CoOwnerConsent",
    "Document",
    "DocumentBundle",
    "EgovEvent",
    "EgovSubscription",
    "DocumentKind",
    "HandedInFile",
    "Handover",
    "InfoRequest",
    "WizardDraft",
]


def status_link_key_new() -> str:
    """A random, opaque key for the application's status link (applications/links.py): 72 bits,
    12 characters, neither the number nor anything personal."""
    return secrets.token_urlsafe(9)


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Application.OPEN_STATUSES)

    def active(self):
        """Not finished: open, or approved and not yet carried out by billing."""
        return self.filter(status__in=Application.ACTIVE_STATUSES)

    def waiting_on_office(self):
        return self.filter(status__in=Application.WAITING_ON_OFFICE)

    def overdue(self, today: datetime.date):
        """Open, waiting on the office (not on the citizen), and past the due date."""
        return self.waiting_on_office().filter(due_date__lt=today)

    def visible_to(self, user):
        """What a staff member may see: every office with `view_all_offices`, else their own."""
        if user.has_perm("applications.view_all_offices"):
            return self
        if getattr(user, "office_id", None):
            return self.filter(office_id=user.office_id)
        return self.none()


class Application(models.Model):
    """An application to transfer an account to the applicant, or to rename its holder."""

    class Kind(models.TextChoices):
        TRANSFER = "transfer", _("Şəxsi hesabın digər abonentin adına keçirilməsi")
        RENAME = "rename", _("Ad, soyad dəyişikliyi")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Göndərildi")
        IN_REVIEW = "in_review", _("Baxılır")
        INFO_REQUESTED = "info_requested", _("Əlavə məlumat tələb olunur")
        # Approved by the office and being carried out in billing …
        APPROVED = "approved", _("Təsdiq edildi")
        # … until billing confirms: the new contract (or the new names) is in force.
        DONE = "done", _("İcra edildi")
        REJECTED = "rejected", _("İmtina edildi")
        WITHDRAWN = "withdrawn", _("Geri götürüldü")

    class DecisionReason(models.TextChoices):
        # Short: the label goes into the rejection SMS.
        DEBT = "debt", _("Hesab üzrə borc var")
        NOT_OWNER = "not_owner", _("Mülkiyyətçi deyil")
        DATA_MISMATCH = "data_mismatch", _("Məlumatlar uyğun deyil")
        DUPLICATE = "duplicate", _("Təkrar müraciət")
        CO_OWNER_DECLINED = "co_owner_declined", _("Mülkiyyətçi razı deyil")
        OTHER = "other", _("Digər səbəb")

    OPEN_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED)
    # Still changing the account: no other application for it may be made meanwhile.
    ACTIVE_STATUSES = (*OPEN_STATUSES, Status.APPROVED)
    # The office's queue: an application waiting for the citizen's answer is not overdue.
    WAITING_ON_OFFICE = (Status.SUBMITTED, Status.IN_REVIEW)

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
    district = models.ForeignKey(
        District, verbose_name=_("rayon"), on_delete=models.PROTECT, related_name="applications"
    )
    registry_number = models.CharField(_("reyestr nömrəsi"), max_length=13)
    registration_number = models.CharField(_("qeydiyyat nömrəsi"), max_length=12)
    property_snapshot = models.JSONField(_("əmlak reyestri məlumatları"), encoder=DjangoJSONEncoder)

    mobile_phone = models.CharField(_("mobil nömrə"), max_length=16)
    email = models.EmailField(_("e-poçt ünvanı"), blank=True)

    office = models.ForeignKey(
        RegionalOffice, verbose_name=_("ofis"), on_delete=models.PROTECT, related_name="applications"
    )
    # One key per wizard run: a double click, a refresh or a second tab finds the same application.
    submission_key = models.UUIDField(unique=True, editable=False)
    # What the status link sent by SMS carries (signed): the link opens this application's status.
    status_link_key = models.CharField(
        max_length=12, unique=True, default=status_link_key_new, editable=False
    )

    submitted_at = models.DateTimeField(_("göndərilib"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The back office's review: who has the case, by when it must be decided, and the decision.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("baxan əməkdaş"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_applications",
    )
    # Null only for applications sent before deadlines were kept.
    due_date = models.DateField(_("son tarix"), null=True, blank=True)
    decided_at = models.DateTimeField(_("qərar verilib"), null=True, blank=True)
    decision_reason = models.CharField(
        _("imtina səbəbi"), max_length=24, choices=DecisionReason.choices, blank=True
    )
    decision_note = models.TextField(_("qərarın izahı"), blank=True)
    # The outgoing holder objected to the transfer: the case is shown first, for a closer look.
    previous_holder_objected = models.BooleanField(_("əvvəlki sahib etiraz edib"), default=False)
    # Set when the retention period of its status passed and its personal data was removed
    # (applications/services/retention.py); what is left serves the statistics.
    personal_data_removed_at = models.DateTimeField(_("şəxsi məlumatlar silinib"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("müraciət")
        verbose_name_plural = _("müraciətlər")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["account"],
                condition=Q(status__in=["submitted", "in_review", "info_requested", "approved"]),
                name="one_active_application_per_account",
                violation_error_message=_("Bu şəxsi hesab üzrə artıq açıq müraciət var."),
            ),
            models.CheckConstraint(
                condition=Q(number__regex=r"^AZI-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$"),
                name="application_number_format",
            ),
        ]
        # The back office's list at a million rows: every filter, alone or with the operator's
        # office, walks an index in the list's order (newest first) and stops after one page.
        indexes = [
            models.Index(fields=["office", "status", "submitted_at"]),
            models.Index(fields=["submitted_at", "id"], name="application_recent"),
            models.Index(fields=["office", "submitted_at", "id"], name="application_office_recent"),
            models.Index(
                fields=["office", "submitted_at"],
                name="application_objected",
                condition=Q(previous_holder_objected=True),
            ),
            models.Index(fields=["status", "submitted_at", "id"], name="application_status_recent"),
            models.Index(fields=["kind", "submitted_at", "id"], name="application_kind_recent"),
            models.Index(fields=["district", "submitted_at", "id"], name="application_district_recent"),
            models.Index(fields=["assigned_to", "submitted_at", "id"], name="application_assignee_recent"),
            models.Index(
                fields=["office", "due_date"],
                name="application_overdue",
                condition=Q(status__in=["submitted", "in_review"]),
            ),
            models.Index(
                fields=["decided_at"],
                name="application_decided",
                condition=Q(decided_at__isnull=False),
            ),
        ]
        permissions = [
            ("review_application", _("Müraciətə baxa və qərar verə bilər")),
            ("reassign_application", _("Müraciəti başqa əməkdaşa verə bilər")),
            ("view_all_offices", _("Bütün ofislərin müraciətlərini görə bilər")),
        ]

    def __str__(self):
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_visible_to(self, user) -> bool:
        """The object-level rule of ApplicationQuerySet.visible_to, for one application."""
        if user.has_perm("applications.view_all_offices"):
            return True
        return getattr(user, "office_id", None) is not None and user.office_id == self.office_id

    @property
    def document_links_open(self) -> bool:
        """Whether its document links still open: not once withdrawn or rejected (an approval
        sends a new link, to the final documents)."""
        return self.status not in (self.Status.WITHDRAWN, self.Status.REJECTED)

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status in self.WAITING_ON_OFFICE and self.due_date is not None and self.due_date < today

    @property
    def applicant_name(self) -> str:
        """The applicant's name as the registry gave it when they applied."""
        snapshot = self.registry_snapshot or {}
        return " ".join(part for part in (snapshot.get("last_name"), snapshot.get("first_name")) if part)

    @property
    def applicant_name_masked(self) -> str:
        """ "A**** M*********": how others who must answer (the outgoing holder, a co-owner) see it."""
        snapshot = self.registry_snapshot or {}
        return name_masked(snapshot.get("first_name", ""), snapshot.get("last_name", ""))


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
    # Internal steps (a case handed between staff, which names them) are not the citizen's to see.
    citizen_visible = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("müraciət hadisəsi")
        verbose_name_plural = _("müraciət hadisələri")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.from_status or '—'} → {self.to_status}"


class ApplicationAccess(models.Model):
    """One staff member opening an application's page, or a machine client (e-gov.az) reading it
    through the API: who, in which role, when. Never edited."""

    class Page(models.TextChoices):
        CASE = "case", _("müraciət səhifəsi")
        REGISTRY_COMPARISON = "registry_comparison", _("reyestrlə müqayisə")
        API = "api", _("e-gov.az API")
        HANDED_IN_FILE = "handed_in_file", _("vətəndaşın təqdim etdiyi fayl")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="accesses")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("əməkdaş"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    client = models.ForeignKey(
        "oauth2_provider.Application",
        verbose_name=_("API müştərisi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The role at the time of viewing: roles change, the log must not.
    role = models.CharField(_("rol"), max_length=32)
    page = models.CharField(_("səhifə"), max_length=24, choices=Page.choices, default=Page.CASE)
    viewed_at = models.DateTimeField(_("baxılıb"), auto_now_add=True)

    class Meta:
        verbose_name = _("baxış qeydi")
        verbose_name_plural = _("baxış jurnalı")
        ordering = ["-viewed_at", "-pk"]
        indexes = [
            models.Index(fields=["application", "viewed_at"], name="access_by_application"),
            models.Index(fields=["viewed_at", "id"], name="access_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(viewer__isnull=False, client__isnull=True)
                | Q(viewer__isnull=True, client__isnull=False),
                name="access_by_staff_or_client",
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.viewer or self.client} ({self.role})"


class WizardDraft(models.Model):
    """A citizen's unfinished application: the wizard's progress, saved at every step.

    Kept per citizen, not per session, so that signing out, losing the session or moving
    to another device resumes where they left off.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Set when the draft corrects a sent application (the office asked for information);
    # a citizen has at most one new draft and one correction draft per application.
    correcting = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    submission_key = models.UUIDField(default=uuid.uuid4)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("qaralama")
        verbose_name_plural = _("qaralamalar")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(correcting__isnull=True), name="one_new_draft_per_citizen"
            ),
            models.UniqueConstraint(
                fields=["user", "correcting"], name="one_correction_draft_per_application"
            ),
        ]

    def __str__(self):
        return f"draft {self.pk}"
