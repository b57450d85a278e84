"""Fixtures for talking to external systems that misbehave."""

import socket
import threading

import pytest
from werkzeug import Response


@pytest.fixture
def closed_port_url():
    """A URL where connections are refused: the port is bound (so nobody else gets it) but
    not listening."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
def stalled_handler():
    """A pytest-httpserver handler that answers only once the test is over (or after a minute).
    `stalled_handler.answered` is set when it has answered: a client that gave up before that
    gave up on its own timeout, whatever the machine's load."""
    released = threading.Event()

    def handler(request):
        released.wait(timeout=60)
        handler.answered.set()
        return Response("{}", status=200, content_type="application/json")

    handler.answered = threading.Event()
    yield handler
    released.set()
