import time

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

SESSION_TOUCHED_KEY = "_touched_at"


class SessionIdleTimeoutMiddleware:
    """Slide the session's expiry while the citizen is active, with at most one write a minute.

    SESSION_SAVE_EVERY_REQUEST would give the same idle timeout at the price of a session
    write on every request; touching once a minute costs almost nothing and the timeout is
    accurate to that minute.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.interval = getattr(settings, "SESSION_TOUCH_INTERVAL", 60)

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(SESSION_TOUCHED_KEY, 0) >= self.interval:
                session[SESSION_TOUCHED_KEY] = now
        return response


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY (Django has a setting for every other security header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def language_chosen(request) -> str | None:
    """The language the visitor picked with the switch (its cookie), if any and still offered."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not chosen:
        return None
    try:
        return translation.get_supported_language_variant(chosen)
    except LookupError:
        return None


class ChosenLanguageMiddleware:
    """Pages in the language the citizen chose with the switch, else Azerbaijani.

    Unlike Django's LocaleMiddleware the browser's Accept-Language is not consulted: the
    portal is Azerbaijani by default (many citizens' browsers and phones are set to Russian
    or English), and English or Russian only when someone asks for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # override(), not activate(): the thread's language is restored after the response,
        # so nothing rendered outside a request (tasks, tests) inherits a visitor's choice.
        with translation.override(language_chosen(request) or settings.LANGUAGE_CODE):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", translation.get_language())
        patch_vary_headers(response, ("Cookie",))
        return response

