"""Short, signed, expiring links to a document bundle, short enough for an SMS (core.signing).

A token is `<bundle key>.<expiry day>.<signature>`: the key is random (no id, no personal data).
"""

from django.conf import settings
from django.urls import reverse

from core.signing import key_from_short_token, short_token

# The module these links were first signed in: links already sent by SMS must keep working, so
# the salt stays whatever the module is called now.
BUNDLE_SALT = "notifications.links"


def bundle_token(bundle_key: str, *, max_age_days: int | None = None) -> str:
    """A token for the bundle, valid for max_age_days (default DOCUMENT_LINK_MAX_AGE_DAYS)."""
    days = settings.DOCUMENT_LINK_MAX_AGE_DAYS if max_age_days is None else max_age_days
    return short_token(bundle_key, salt=BUNDLE_SALT, max_age_days=days)


def bundle_key_from_token(token: str) -> str:
    """The bundle key a valid, unexpired token carries; raises core.signing.InvalidToken."""
    return key_from_short_token(token, salt=BUNDLE_SALT)


def bundle_url(bundle) -> str:
    """The public, signed, expiring address of a bundle (for SMS and e-mail)."""
    return f"{settings.PUBLIC_BASE_URL}{reverse('documents:bundle', args=[bundle_token(bundle.key)])}"
