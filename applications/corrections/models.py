"""What the office asked for, the files the citizen handed in, and each version of the answers."""

import secrets
import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


def uploads_storage():
    """The private storage of handed-in files (settings.STORAGES["uploads"]): never served."""
    return storages["uploads"]


def random_file_name(instance, filename: str) -> str:
    """A random name with the extension of the type found in the content: the citizen's own
    file name (which may name them) is never kept."""
    return f"handed-in/{uuid.uuid4().hex}{instance.extension}"


def _random_key() -> str:
    return secrets.token_urlsafe(12)


class DocumentKind(models.Model):
    """A kind of document the office may ask for (a marriage certificate, …), in three languages."""

    code = models.SlugField(_("kod"), max_length=40, unique=True)
    name_az = models.CharField(_("ad (azərbaycanca)"), max_length=120)
    name_en = models.CharField(_("ad (ingiliscə)"), max_length=120)
    name_ru = models.CharField(_("ad (rusca)"), max_length=120)
    active = models.BooleanField(_("istifadədədir"), default=True)
    position = models.PositiveSmallIntegerField(_("sıra"), default=0)

    class Meta:
        verbose_name = _("sənəd növü")
        verbose_name_plural = _("sənəd növləri")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language (Azerbaijani when it has none)."""
        return self.name_in(translation.get_language() or "az")

    def name_in(self, language: str) -> str:
        return getattr(self, f"name_{language[:2]}", "") or self.name_az


class InfoRequest(models.Model):
    """One "request information": the office's message, the answers the citizen may correct
    (field names of applications.answers.STEP_FIELDS) and the documents to hand in."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="info_requests"
    )
    message = models.TextField(_("mesaj"))
    fields = models.JSONField(_("düzəldiləcək məlumatlar"), default=list, blank=True)
    document_kinds = models.ManyToManyField(
        DocumentKind, verbose_name=_("istənilən sənədlər"), blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("istənilib"), default=timezone.now)
    answered_at = models.DateTimeField(_("cavablandırılıb"), null=True, blank=True)

    class Meta:
        verbose_name = _("məlumat sorğusu")
        verbose_name_plural = _("məlumat sorğuları")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.application}: {self.requested_at:%Y-%m-%d}"

    @property
    def is_structured(self) -> bool:
        """Whether it names answers or documents (else the citizen corrects in the whole wizard)."""
        return bool(self.fields) or self.document_kinds.exists()


class AnswersVersion(models.Model):
    """The answers as one (re)submission sent them: number 1 is the first sending."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="answer_versions"
    )
    number = models.PositiveIntegerField(_("versiya"))
    answers = models.JSONField(_("cavablar"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("vaxt"), default=timezone.now)

    class Meta:
        verbose_name = _("cavabların versiyası")
        verbose_name_plural = _("cavabların versiyaları")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="one_answers_version_number")
        ]

    def __str__(self):
        return f"{self.application} v{self.number}"


class HandedInFile(models.Model):
    """A file the citizen handed in for a request: checked, scanned, stored under a random name.
    Kept apart from a version until the answer is sent (then `version` is set)."""

    EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="handed_in_files"
    )
    info_request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="files")
    version = models.ForeignKey(
        AnswersVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="files"
    )
    document_kind = models.ForeignKey(
        DocumentKind, verbose_name=_("sənəd növü"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(storage=uploads_storage, upload_to=random_file_name, max_length=100)
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField()
    # Signed links carry this random key, never an id.
    key = models.CharField(max_length=16, unique=True, default=_random_key, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("yüklənib"), default=timezone.now)

    class Meta:
        verbose_name = _("təqdim edilmiş fayl")
        verbose_name_plural = _("təqdim edilmiş fayllar")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.document_kind}"

    @property
    def extension(self) -> str:
        return self.EXTENSIONS.get(self.content_type, "")

    @property
    def type_label(self) -> str:
        return self.extension.removeprefix(".").upper().replace("JPG", "JPEG")
