"""The Celery application: Redis as the broker when REDIS_URL is set, in-process otherwise."""

import os

from celery import Celery
from celery.signals import (
    after_setup_logger,
    after_setup_task_logger,
    before_task_publish,
    task_postrun,
    task_prerun,
)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "azerishiq_portal.settings.base")

app = Celery("azerishiq_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@after_setup_logger.connect
@after_setup_task_logger.connect
def mask_personal_data_in_worker_logs(logger, **kwargs):
    """A worker replaces the logging handlers with its own: they get settings.LOGGING's filters too
    (masking, and the request id its format names)."""
    from core.personal_data import PersonalDataFilter
    from core.request_id import RequestIdFilter

    for handler in logger.handlers:
        for kind in (PersonalDataFilter, RequestIdFilter):
            if not any(isinstance(existing, kind) for existing in handler.filters):
                handler.addFilter(kind())


@before_task_publish.connect
def carry_request_id(headers=None, **kwargs):
    """A task queued while serving a request (or running a task) carries its request id."""
    from core import request_id

    if headers is not None and request_id.current():
        headers["request_id"] = request_id.current()


@task_prerun.connect
def bind_request_id(task=None, **kwargs):
    """While a task runs, its log lines carry the id of the request that queued it (or its own)."""
    from core import request_id

    if task is None or getattr(task.request, "is_eager", False):
        return  # in-process: the request's own id is already current
    task.request.request_id_token = request_id.bind(
        getattr(task.request, "request_id", None) or request_id.from_header(None)
    )


@task_postrun.connect
def unbind_request_id(task=None, **kwargs):
    from core import request_id

    token = getattr(getattr(task, "request", None), "request_id_token", None)
    if token is not None:
        request_id.unbind(token)


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
