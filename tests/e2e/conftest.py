"""The production shape on this machine, for tests that need real processes: gunicorn, a Celery
worker and beat, a private Redis (so a test can stop it), and a PostgreSQL database of their own.

These tests need PostgreSQL and redis-server. Where they are missing (a laptop with only Python)
the tests skip; .ci/run sets E2E_REQUIRED=1, which turns a missing service into a failure."""

import pytest

from tests.support.processes import (
    REDIS_PORT,
    WEB_PORT,
    Stack,
    port_open,
    recreate_database,
    require_services,
)


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    require_services()
    if port_open(REDIS_PORT) or port_open(WEB_PORT):
        pytest.fail(f"ports {REDIS_PORT}/{WEB_PORT} are taken: a previous run may still be alive")
    running = Stack(tmp_path_factory.mktemp("e2e"))
    recreate_database()
    running.manage("migrate", "--noinput")
    running.manage("load_demo_data", DEBUG="1")
    running.start_redis()
    running.start_web()
    running.start_worker()
    running.start_sms_worker()
    running.start_beat()
    yield running
    for name in ("beat", "worker", "sms_worker", "web", "redis"):
        running.stop(name)


@pytest.fixture
def e2e(stack):
    stack.reset_data()
    for name, starter in (
        ("redis", stack.start_redis),
        ("worker", stack.start_worker),
        ("sms_worker", stack.start_sms_worker),
        ("beat", stack.start_beat),
    ):
        if name not in stack.processes:
            starter()
    yield stack
