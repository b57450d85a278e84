"""A per-username limit on wrong passwords, across every client address.

django-axes locks a username on one address (5 failures, 30 minutes). A guesser spread over many
addresses is stopped here: after STAFF_USERNAME_GUESS_RATE wrong passwords for one username, its
password is no longer checked for the rest of that (short) window — except from a browser the
officer has fully signed in with (password and second factor) before, which carries a signed
cookie naming them. So an attacker can slow a username's guessing down but cannot lock its
officer out of their own browser, and anywhere else for at most one short window.
"""

from django.conf import settings
from django_ratelimit.core import _split_rate, get_usage

from core.ratelimits import RateLimitUnavailable

KNOWN_BROWSER_COOKIE = "backoffice_known"
_SALT = "backoffice.throttle.known-browser"
KNOWN_BROWSER_MAX_AGE = 180 * 24 * 3600


def _usage(request, username: str, *, increment: bool) -> dict:
    try:
        return get_usage(
            request,
            group="staff-username-guesses",
            key=lambda _group, _request: username,
            rate=settings.STAFF_USERNAME_GUESS_RATE,
            increment=increment,
        )
    except Exception as error:  # each cache backend raises its own connection errors
        raise RateLimitUnavailable(f"rate-limit cache: {type(error).__name__}") from error


def known_browser_of(request, username: str) -> bool:
    """Whether this browser completed a full sign-in of `username` before."""
    known = request.get_signed_cookie(
        KNOWN_BROWSER_COOKIE, default="", salt=_SALT, max_age=KNOWN_BROWSER_MAX_AGE
    )
    return bool(username) and known == username


def remember_browser(response, username: str) -> None:
    """After a full sign-in: this browser is the officer's own (see the module)."""
    response.set_signed_cookie(
        KNOWN_BROWSER_COOKIE,
        username,
        salt=_SALT,
        max_age=KNOWN_BROWSER_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
        path="/admin/",
    )


def username_guesses_refused(request, username: str) -> bool:
    """Whether the password for `username` is not checked now (too many wrong ones lately)."""
    if known_browser_of(request, username):
        return False
    usage = _usage(request, username, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def username_guess_count(request, username: str) -> None:
    """Count one wrong password for `username`."""
    _usage(request, username, increment=True)


def username_throttle_minutes() -> int:
    return max(1, _split_rate(settings.STAFF_USERNAME_GUESS_RATE)[1] // 60)
