"""The signed links the outgoing holder and the co-owners receive by SMS (core.signing)."""

from django.conf import settings
from django.urls import reverse

from core.signing import key_from_short_token, short_token

HANDOVER_SALT = "applications.handover.previous-holder"
CONSENT_SALT = "applications.handover.co-owner"


def previous_holder_url(handover) -> str:
    """The outgoing holder's page: confirm the handover or object (no sign-in needed)."""
    token = short_token(
        handover.link_key, salt=HANDOVER_SALT, max_age_days=settings.HANDOVER_LINK_MAX_AGE_DAYS
    )
    return f"{settings.PUBLIC_BASE_URL}{reverse('handover:previous_holder', args=[token])}"


def co_owner_url(consent) -> str:
    """A co-owner's page: sign in with ASAN Login as that owner, then consent or decline."""
    days = settings.HANDOVER_LINK_MAX_AGE_DAYS
    token = short_token(consent.link_key, salt=CONSENT_SALT, max_age_days=days)
    return f"{settings.PUBLIC_BASE_URL}{reverse('handover:co_owner', args=[token])}"


def handover_key(token: str) -> str:
    """The handover's link key a valid token carries; raises core.signing.InvalidToken."""
    return key_from_short_token(token, salt=HANDOVER_SALT)


def consent_key(token: str) -> str:
    """The consent's link key a valid token carries; raises core.signing.InvalidToken."""
    return key_from_short_token(token, salt=CONSENT_SALT)
