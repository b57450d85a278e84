from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """What the people who run the portal use: /metrics, readiness, the maintenance switch."""

    name = "operations"
    verbose_name = _("İstismar")
