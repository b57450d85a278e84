"""The status link the applicant's SMS carry (core.signing): `/s/<token>/` opens that application's
public status, without retyping its number.

The token carries the application's random status_link_key, never its number, FİN or phone; it
is signed with a salt of its own (a document or handover token opens nothing here) and expires
after STATUS_LINK_MAX_AGE_DAYS.
"""

from django.conf import settings
from django.urls import reverse

from core.signing import key_from_short_token, short_token

STATUS_SALT = "applications.status"


def status_link_url(application) -> str:
    """The public, signed, expiring address of the application's status page (for SMS)."""
    token = short_token(
        application.status_link_key, salt=STATUS_SALT, max_age_days=settings.STATUS_LINK_MAX_AGE_DAYS
    )
    return f"{settings.PUBLIC_BASE_URL}{reverse('status_link', args=[token])}"


def status_link_key(token: str) -> str:
    """The status link key a valid, unexpired token carries; raises core.signing.InvalidToken."""
    return key_from_short_token(token, salt=STATUS_SALT)
