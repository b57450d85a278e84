from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every page shares (middleware, the outage page, formats, masking); no models."""

    name = "core"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        # Early, so that multiprocess mode is set before django-prometheus creates its metrics.
        from core import metrics  # noqa: F401
        from core.middleware import record_sign_in_time

        user_logged_in.connect(record_sign_in_time, dispatch_uid="core.record_sign_in_time")
