"""The Celery application: Redis as the broker when REDIS_URL is set, in-process otherwise."""

import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger, task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "azerishiq_portal.settings.base")

app = Celery("azerishiq_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@after_setup_logger.connect
@after_setup_task_logger.connect
def mask_personal_data_in_worker_logs(logger, **kwargs):
    """A worker replaces the logging handlers with its own: they get settings.LOGGING's filter too."""
    from core.personal_data import PersonalDataFilter

    for handler in logger.handlers:
        if not any(isinstance(existing, PersonalDataFilter) for existing in handler.filters):
            handler.addFilter(PersonalDataFilter())


@task_prerun.connect
@task_postrun.connect
def close_old_database_connections(task=None, **kwargs):
    """Between tasks, what Django does between requests: a connection that failed or outlived
    CONN_MAX_AGE is closed, a healthy one is kept (CELERY_DB_REUSE_MAX keeps Celery from closing
    every connection after every task). Not for a task run eagerly, inside a request."""
    if task is None or getattr(task.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()
