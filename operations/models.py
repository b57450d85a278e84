"""The maintenance switch: one row, the truth for every web process."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Maintenance(models.Model):
    """Whether new applications are closed, and what citizens are told meanwhile. One row (pk 1);
    changed only through operations.services.maintenance_switch, which logs every change."""

    SINGLETON = 1

    new_applications_closed = models.BooleanField(_("yeni müraciətlər bağlıdır"), default=False)
    message_az = models.TextField(_("mesaj (azərbaycanca)"), blank=True)
    message_en = models.TextField(_("mesaj (ingiliscə)"), blank=True)
    message_ru = models.TextField(_("mesaj (rusca)"), blank=True)
    expected_end = models.DateTimeField(_("gözlənilən bitmə vaxtı"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("dəyişdirilib"), null=True, blank=True)

    class Meta:
        verbose_name = _("texniki işlər rejimi")
        verbose_name_plural = _("texniki işlər rejimi")
        permissions = [("switch_maintenance", _("Yeni müraciətləri bağlaya və aça bilər"))]

    def __str__(self):
        return str(
            _("Yeni müraciətlər bağlıdır") if self.new_applications_closed else _("Müraciətlər açıqdır")
        )

    def message(self, language: str | None = None) -> str:
        """The message in `language` (the current one by default), else the Azerbaijani one."""
        language = (language or get_language() or "az")[:2]
        return getattr(self, f"message_{language}", "") or self.message_az
