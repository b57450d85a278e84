"""PostgreSQL unreachable during a request: a friendly 503 page in the visitor's language.

What a citizen typed on earlier steps is in the database (the wizard saves every step) and is
there again when it is back. What they sent in the request that failed may be lost, so the page
says so and asks them to go back and send it again.

DatabaseUnavailableMiddleware answers for errors raised by a view or while rendering it;
`server_error` (handler500) for those raised by a middleware, such as reading the session.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.views.defaults import server_error as default_server_error

from core.middleware import language_chosen

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable(request) -> HttpResponse:
    """The 503 page, rendered without the request: no context processor (the signed-in user,
    the session) runs, so nothing touches the database."""
    language = language_chosen(request) or settings.LANGUAGE_CODE
    with translation.override(language):
        html = loader.render_to_string("503.html", {"sent": request.method == "POST"})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error("database unavailable: %s %s", request.method, request.path, exc_info=exception)
        return database_unavailable(request)


def server_error(request):
    """handler500: the 503 page when a database error escaped a middleware, else Django's 500."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    return default_server_error(request)
