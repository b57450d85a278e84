from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The back office around Django's admin: its site, staff sign-in, roles, the staff access log."""

    name = "backoffice"
    verbose_name = _("Arxa ofis")


class BackOfficeAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the back office's site (password and a second factor) as admin.site."""

    default = False  # "backoffice" itself is BackofficeConfig
    default_site = "backoffice.site.BackOfficeAdminSite"
