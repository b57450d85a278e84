"""Fixtures every test shares."""

import re

import pytest
from django.core.cache import cache

from notifications.gateways import InMemorySmsGateway


@pytest.fixture(autouse=True)
def clean_slate():
    """Each test starts with an empty SMS outbox and cache (rate limits, one-time codes)."""
    InMemorySmsGateway.reset()
    cache.clear()
    yield
    InMemorySmsGateway.reset()


@pytest.fixture
def sms_outbox() -> list:
    """The SMS the in-memory gateway accepted, oldest first."""
    return InMemorySmsGateway.outbox


def last_code_sent_to(phone: str) -> str:
    """The one-time code in the newest SMS to `phone` (E.164)."""
    for message in reversed(InMemorySmsGateway.outbox):
        if message.to == phone and (match := re.search(r"\b\d{6}\b", message.body)):
            return match.group(0)
    raise AssertionError(f"no one-time code was sent to {phone}")
