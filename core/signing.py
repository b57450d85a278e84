"""Short, signed, expiring tokens for links sent by SMS: `<key>.<expiry day>.<signature>`.

The key is random (no id, no personal data), the expiry a day number in hex, the signature a
truncated HMAC of both under SECRET_KEY and a salt naming what the link is for. About 36
characters, where Django's signing.dumps would take 70 or more.
"""

import base64
import datetime
import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

EPOCH = datetime.date(2020, 1, 1)
SIGNATURE_BYTES = 10  # 80 bits: forging one is out of reach, and the pages are rate limited


class InvalidToken(Exception):
    """The token was tampered with or malformed; `expired` tells an old one apart."""

    def __init__(self, *, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _signature(payload: str, salt: str) -> str:
    key = hashlib.sha256(f"{salt}:{settings.SECRET_KEY}".encode()).digest()
    digest = hmac.new(key, payload.encode(), hashlib.sha256).digest()[:SIGNATURE_BYTES]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def short_token(key: str, *, salt: str, max_age_days: int) -> str:
    """A token carrying `key`, valid for `max_age_days` days from today (Baku time)."""
    expiry = (timezone.localdate() - EPOCH).days + max_age_days
    payload = f"{key}.{expiry:x}"
    return f"{payload}.{_signature(payload, salt)}"


def key_from_short_token(token: str, *, salt: str) -> str:
    """The key a valid, unexpired token signed with `salt` carries; raises InvalidToken."""
    try:
        key, expiry_hex, signature = token.rsplit(".", 2)
        expiry = int(expiry_hex, 16)
    except ValueError as error:
        raise InvalidToken() from error
    if not signature.isascii() or not hmac.compare_digest(signature, _signature(f"{key}.{expiry_hex}", salt)):
        raise InvalidToken()
    if (timezone.localdate() - EPOCH).days > expiry:
        raise InvalidToken(expired=True)
    return key
