"""Fixtures every test shares."""

import pytest
from django.core.cache import cache

from integrations.sms.fake import InMemorySmsGateway
from subscribers import district_list


@pytest.fixture(autouse=True)
def clean_slate():
    """Each test starts with an empty SMS outbox and cache (rate limits, one-time codes), and
    reads the districts afresh (a test's districts are rolled back after it)."""
    InMemorySmsGateway.reset()
    cache.clear()
    district_list.forget()
    yield
    InMemorySmsGateway.reset()


@pytest.fixture
def sms_outbox() -> list:
    """The SMS the in-memory gateway accepted, oldest first."""
    return InMemorySmsGateway.outbox
