"""One id per citizen's request, from the edge to the Celery tasks it queues, in every log line.

Taken from the proxy's `X-Request-ID` when it looks like one (nginx's $request_id), else made
here; answered in the response's `X-Request-ID` (gunicorn's access log writes it), carried in a
task's message headers (azerishiq_portal/celery.py) and set again while the task runs.
"""

import contextvars
import logging
import re
import uuid

_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
# What we accept from outside: a log line must not be forged or flooded through this header.
WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{8,64}")
HEADER = "X-Request-ID"


def current() -> str:
    """The id of the request (or task) this code runs for; "" outside of one."""
    return _current.get()


def bind(request_id: str) -> contextvars.Token:
    """Make `request_id` current (until `unbind` with the returned token)."""
    return _current.set(request_id)


def unbind(token: contextvars.Token) -> None:
    _current.reset(token)


def from_header(value: str | None) -> str:
    """The incoming id if well formed, else a new one."""
    if value and WELL_FORMED.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First after the metrics: every later middleware's and view's log lines carry the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = from_header(request.headers.get(HEADER))
        token = bind(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            unbind(token)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request or task), for the formatters."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current() or "-"
        return True
