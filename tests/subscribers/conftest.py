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
    """A pytest-httpserver handler that answers only once the test is over, so any client
    timeout shorter than ten seconds fires first."""
    released = threading.Event()

    def handler(request):
        released.wait(timeout=10)
        return Response("{}", status=200, content_type="application/json")

    yield handler
    released.set()
