"""The emulated ASAN Login called in-process: the OIDC client's HTTP transport when the issuer is
this portal itself.

A client fetching discovery, the JWKS and the token from its own server over the network would
wait for a free worker of the server that is serving it (runserver's single thread, a busy
gunicorn sync worker, the test client with no server at all): a deadlock. httpx2's WSGI transport
hands the same HTTP requests to the portal's WSGI application in this process instead; the client
code above the transport is the one production runs.
"""

from functools import cache

import httpx2
from django.core.handlers.wsgi import WSGIHandler
from django.utils import translation


class _NestedWsgiHandler(WSGIHandler):
    """The portal's WSGI application for a request made while another one is being served: no
    request_started/finished signals (they would close the outer request's database connection),
    and the outer request's language is restored afterwards."""

    def __call__(self, environ, start_response):
        request = self.request_class(environ)
        with translation.override(translation.get_language()):
            response = self.get_response(request)
        headers = [*response.items()]
        headers += [("Set-Cookie", cookie.output(header="")) for cookie in response.cookies.values()]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return [response.content]


@cache
def _application() -> _NestedWsgiHandler:
    return _NestedWsgiHandler()


def in_process_transport() -> httpx2.WSGITransport:
    """An httpx2 transport that serves each request with this process's portal."""
    return httpx2.WSGITransport(app=_application())
