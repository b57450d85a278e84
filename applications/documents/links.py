"""Short, signed, expiring links to a document bundle, short enough for an SMS.

A token is `<bundle key>.<expiry day>.<signature>`: the key is random (no id, no personal
data), the expiry is a day number, and the signature is a truncated HMAC of both under the
project's SECRET_KEY. About 36 characters, where Django's signing.dumps would take 70+.
"""

import base64
import datetime
import hashlib
import hmac

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

EPOCH = datetime.date(2020, 1, 1)
SIGNATURE_BYTES = 10  # 80 bits: forging one is out of reach, and the endpoint is rate limited


class InvalidLink(Exception):
    """The link was tampered with or malformed; `expired` tells an old link apart."""

    def __init__(self, *, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _signature(payload: str) -> str:
    # The salt names the module these links were first signed in: links already sent by SMS must
    # keep working, so it stays whatever the module is called now.
    key = hashlib.sha256(f"notifications.links:{settings.SECRET_KEY}".encode()).digest()
    digest = hmac.new(key, payload.encode(), hashlib.sha256).digest()[:SIGNATURE_BYTES]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def bundle_token(bundle_key: str, *, max_age_days: int | None = None) -> str:
    """A token for the bundle, valid for max_age_days (default DOCUMENT_LINK_MAX_AGE_DAYS)."""
    days = settings.DOCUMENT_LINK_MAX_AGE_DAYS if max_age_days is None else max_age_days
    expiry = (timezone.localdate() - EPOCH).days + days
    payload = f"{bundle_key}.{expiry:x}"
    return f"{payload}.{_signature(payload)}"


def bundle_key_from_token(token: str) -> str:
    """The bundle key a valid, unexpired token carries; raises InvalidLink."""
    if not token.isascii():
        # Tokens are base64url and hex; compare_digest would refuse a non-ASCII signature.
        raise InvalidLink()
    try:
        key, expiry_hex, signature = token.rsplit(".", 2)
        expiry = int(expiry_hex, 16)
    except ValueError as error:
        raise InvalidLink() from error
    if not hmac.compare_digest(signature, _signature(f"{key}.{expiry_hex}")):
        raise InvalidLink()
    if (timezone.localdate() - EPOCH).days > expiry:
        raise InvalidLink(expired=True)
    return key


def bundle_url(bundle) -> str:
    """The public, signed, expiring address of a bundle (for SMS and e-mail)."""
    return f"{settings.PUBLIC_BASE_URL}{reverse('documents:bundle', args=[bundle_token(bundle.key)])}"
