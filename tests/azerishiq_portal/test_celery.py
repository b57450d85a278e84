"""A worker keeps its database connection from task to task, as a web process does from request
to request, and drops one that broke (azerishiq_portal/celery.py)."""

from types import SimpleNamespace

import pytest
from celery.signals import task_postrun, task_prerun
from django.db import connection

from tests.support.world import reference_data_ensure

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def reference_data():
    yield
    reference_data_ensure()


def worker_task():
    return SimpleNamespace(request=SimpleNamespace(is_eager=False))


def connection_in_use():
    connection.ensure_connection()
    return connection.connection


def test_a_worker_keeps_a_healthy_connection_between_tasks():
    before = connection_in_use()
    task_postrun.send(sender=None, task=worker_task())
    task_prerun.send(sender=None, task=worker_task())
    assert connection.connection is before


def test_a_worker_drops_a_broken_connection_between_tasks(monkeypatch):
    connection_in_use()
    closed = []
    connection.errors_occurred = True
    monkeypatch.setattr(connection, "is_usable", lambda: False)
    monkeypatch.setattr(connection, "close", lambda: closed.append(True))  # SQLite's in-memory one stays
    task_postrun.send(sender=None, task=worker_task())
    connection.errors_occurred = False
    assert closed == [True]


def test_an_eager_task_inside_a_request_leaves_the_connection_alone(monkeypatch):
    before = connection_in_use()
    connection.errors_occurred = True
    monkeypatch.setattr(connection, "is_usable", lambda: False)
    task_postrun.send(sender=None, task=SimpleNamespace(request=SimpleNamespace(is_eager=True)))
    assert connection.connection is before
    connection.errors_occurred = False


def test_celery_itself_does_not_close_connections_after_every_task():
    from django.conf import settings

    from azerishiq_portal.celery import app

    assert app.conf.get("CELERY_DB_REUSE_MAX") == settings.CELERY_DB_REUSE_MAX >= 100
