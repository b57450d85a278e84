import time

from django.conf import settings

from core.middleware import SESSION_TOUCHED_KEY


def session_timeout(request) -> dict:
    """Seconds until a signed-in citizen's session ends, for the timeout warning (WCAG 2.2.1)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    touched = request.session.get(SESSION_TOUCHED_KEY, int(time.time()))
    return {
        "session_age": settings.SESSION_COOKIE_AGE,
        "session_expires_in": max(0, settings.SESSION_COOKIE_AGE - (int(time.time()) - touched)),
    }
