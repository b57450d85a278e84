"""The staff access log: every back-office page that showed a citizen's data, to whom, when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffAccess(models.Model):
    """One staff member seeing a back-office page with citizens' data. Never edited.

    `objects_shown` holds the primary keys the page showed: the one object of a change,
    history or step page, or the rows of a list page (its names, addresses, codes).
    """

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("əməkdaş"), on_delete=models.PROTECT, related_name="+"
    )
    # The role at the time of viewing: roles change, the log must not.
    role = models.CharField(_("rol"), max_length=32)
    model = models.CharField(_("məlumat"), max_length=64)  # "app_label.model_name"
    page = models.CharField(_("səhifə"), max_length=100)  # the admin URL's name
    objects_shown = models.JSONField(_("göstərilən qeydlər"), default=list)
    viewed_at = models.DateTimeField(_("baxılıb"), auto_now_add=True)

    class Meta:
        verbose_name = _("arxa ofis baxışı")
        verbose_name_plural = _("arxa ofis baxış jurnalı")
        ordering = ["-viewed_at", "-pk"]
        indexes = [models.Index(fields=["viewed_at", "id"], name="staff_access_recent")]

    def __str__(self):
        return f"{self.viewer}: {self.page}"
