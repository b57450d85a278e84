"""The reverse proxy in front of gunicorn, as docker-compose runs it (deploy/nginx/): nginx from
the distribution, with the same configuration, in front of the e2e stack's gunicorn (one worker,
four threads). Slow clients are held by nginx, never by gunicorn's threads."""

import socket
import threading

import pytest
import requests

from tests.support.processes import HTTP_TIMEOUT, PROXY_PORT, PROXY_URL, START_TIMEOUT, wait_for

pytestmark = pytest.mark.slow

# More than gunicorn's threads: without the proxy these alone hold every one of them.
SLOW_CLIENTS = 8


@pytest.fixture
def proxy(e2e):
    e2e.start_proxy()
    yield e2e
    e2e.stop("proxy")


def _trickle(stop: threading.Event, opened: list) -> None:
    """A client that sends its request headers one byte at a time, never finishing them."""
    connection = socket.create_connection(("127.0.0.1", PROXY_PORT), timeout=HTTP_TIMEOUT)
    opened.append(connection)
    header = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Slow: " + b"a" * 10_000
    for byte in header:
        if stop.wait(0.2):
            break
        try:
            connection.send(bytes([byte]))
        except OSError:
            break  # nginx gave up on it (client_header_timeout): that is the point


def test_slow_clients_do_not_stall_the_workers_behind_the_proxy(proxy):
    stop, opened = threading.Event(), []
    clients = [
        threading.Thread(target=_trickle, args=(stop, opened), daemon=True) for _ in range(SLOW_CLIENTS)
    ]
    for client in clients:
        client.start()
    try:
        # Every slow client is connected and trickling before the real request is made.
        wait_for(lambda: len(opened) == SLOW_CLIENTS, timeout=START_TIMEOUT, what="the slow clients")
        answers = [requests.get(f"{PROXY_URL}/healthz", timeout=HTTP_TIMEOUT) for _ in range(3)]
        home = requests.get(f"{PROXY_URL}/", timeout=HTTP_TIMEOUT)
    finally:
        stop.set()
        for client in clients:
            client.join()
        for connection in opened:
            connection.close()

    assert all(answer.status_code in (200, 503) and "database" in answer.text for answer in answers)
    assert home.status_code == 200


def test_a_body_over_the_limit_is_refused_by_the_proxy_unread(proxy):
    response = requests.post(
        f"{PROXY_URL}/status/", data=b"number=" + b"x" * (2 * 1024 * 1024), timeout=HTTP_TIMEOUT
    )

    # Django never answers 413 (its own limit is a 400): nginx refused it before gunicorn.
    assert response.status_code == 413


def test_the_proxys_access_log_holds_no_signed_link_token(proxy):
    """Documents (/d/), the handover's two pages (/h/, /r/) and an application's status (/s/)."""
    kinds = ("d", "h", "r", "s")
    for kind in kinds:
        requests.get(f"{PROXY_URL}/{kind}/Ab3dEf6hIj9kLm0n.2a1b.Zq8Wx7Vc6Bn5Ml4Kj3/", timeout=HTTP_TIMEOUT)

    # nginx writes each line just after answering.
    access_log = wait_for(
        lambda: all(f'"GET /{kind}/' in proxy.log("proxy") for kind in kinds) and proxy.log("proxy"),
        timeout=START_TIMEOUT,
        what="the log",
    )
    for kind in kinds:
        assert f'"GET /{kind}/[token]" 404' in access_log
    assert "Ab3dEf6hIj9kLm0n" not in access_log
