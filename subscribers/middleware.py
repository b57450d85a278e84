import time

from django.conf import settings

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
