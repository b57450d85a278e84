"""Signed, expiring, SMS-short links to a document bundle (applications.documents.links)."""

import base64
import datetime
import hashlib
import hmac

import pytest
from django.utils import timezone

from applications.documents.links import bundle_key_from_token, bundle_token
from applications.documents.models import DocumentBundle
from core.signing import InvalidToken

KEY = "kwO-anjYXkKiAAm9"


def assert_invalid(token: str, *, expired: bool = False):
    with pytest.raises(InvalidToken) as raised:
        bundle_key_from_token(token)
    assert raised.value.expired is expired


def replace_part(token: str, index: int, value: str) -> str:
    parts = token.rsplit(".", 2)
    parts[index] = value
    return ".".join(parts)


def test_a_token_round_trips_to_its_key():
    assert bundle_key_from_token(bundle_token(KEY)) == KEY


def test_a_random_bundle_key_round_trips():
    key = DocumentBundle().key

    assert bundle_key_from_token(bundle_token(key)) == key


def test_a_token_valid_until_today_is_still_valid():
    assert bundle_key_from_token(bundle_token(KEY, max_age_days=0)) == KEY


def test_a_token_is_short_enough_for_an_sms():
    assert len(bundle_token(DocumentBundle().key)) <= 40
    assert len(bundle_token(KEY, max_age_days=3650)) <= 40


def test_a_token_for_another_key_is_invalid():
    assert_invalid(replace_part(bundle_token(KEY), 0, "AAAAAAAAAAAAAAAA"))


def test_a_token_with_a_later_expiry_is_invalid():
    token = bundle_token(KEY, max_age_days=-1)
    _, expiry, _ = token.rsplit(".", 2)

    assert_invalid(replace_part(token, 1, f"{int(expiry, 16) + 365:x}"))


def test_a_token_with_a_changed_signature_is_invalid():
    token = bundle_token(KEY)
    signature = token.rsplit(".", 1)[1]
    changed = ("B" if signature[0] == "A" else "A") + signature[1:]

    assert_invalid(replace_part(token, 2, changed))


@pytest.mark.parametrize("token", ["", "garbage", "a.b", f"{KEY}.zz.signature", "..", "a.b.c.d"])
def test_a_malformed_token_is_invalid(token):
    assert_invalid(token)


def test_an_expired_token_says_so():
    assert_invalid(bundle_token(KEY, max_age_days=-1), expired=True)


def test_a_tampered_expired_token_is_invalid_not_expired():
    token = bundle_token(KEY, max_age_days=-1)

    assert_invalid(replace_part(token, 0, "AAAAAAAAAAAAAAAA"))


def test_a_token_made_under_another_secret_key_is_invalid(settings):
    settings.SECRET_KEY = "another-deployment-secret"
    foreign = bundle_token(KEY)
    settings.SECRET_KEY = "test-secret-key-not-for-production"

    assert_invalid(foreign)
    assert bundle_key_from_token(bundle_token(KEY)) == KEY


def test_a_link_sent_by_sms_before_the_documents_moved_still_opens(settings):
    # Signed by the code of 26.11.2026, when these links lived in notifications/links.py (its
    # module name is the signature's salt), with the test settings' key; valid until 2047.
    settings.SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105

    assert bundle_key_from_token("k3Yt9ZqLmN0pQr2s.2710.BWUbIbH6O-MkXw") == "k3Yt9ZqLmN0pQr2s"


def test_a_link_sent_before_the_links_moved_to_core_signing_still_opens(settings):
    # As applications/documents/links.py signed them itself until 05.12.2026: HMAC-SHA256 of
    # "<key>.<expiry hex>" under sha256("notifications.links:" + SECRET_KEY), 10 bytes, base64url.
    settings.SECRET_KEY = "a-secret-of-long-enough-length-for-the-test-0123456789"
    expiry = f"{(timezone.localdate() - datetime.date(2020, 1, 1)).days + 30:x}"
    secret = hashlib.sha256(f"notifications.links:{settings.SECRET_KEY}".encode()).digest()
    digest = hmac.new(secret, f"{KEY}.{expiry}".encode(), hashlib.sha256).digest()[:10]
    token = f"{KEY}.{expiry}.{base64.urlsafe_b64encode(digest).decode().rstrip('=')}"

    assert bundle_key_from_token(token) == KEY
    assert bundle_token(KEY, max_age_days=30) == token
