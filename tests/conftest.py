"""Fixtures every test may use. Helpers are plain modules in tests/support/; a package's own
conftest.py only decides which of these worlds its tests run in (autouse)."""

import os

import pytest
from django.core.cache import cache
from django.test import Client

from applications.models import Application
from backoffice.services import staff_demo_load
from integrations.egov.fake import RecordingWebhookSender
from integrations.sms.fake import InMemorySmsGateway
from subscribers import district_list
from subscribers.demo import demo_data_load
from tests.support.applications import citizen_user
from tests.support.demo import AYSEL, LEYLA, LEYLA_ACCOUNT, NESIMI_FLAT, RAUF_ACCOUNT, SUMQAYIT_FLAT
from tests.support.staff import second_factor_passed, submit, user
from tests.support.wizard import assert_redirects_to, sign_in
from tests.support.world import reference_data_ensure


@pytest.fixture(autouse=True)
def clean_slate():
    """Each test starts with an empty SMS outbox and cache (rate limits, one-time codes), no
    recorded webhook, and reads the districts afresh (a test's districts are rolled back after it)."""
    InMemorySmsGateway.reset()
    RecordingWebhookSender.reset()
    cache.clear()
    district_list.forget()
    yield
    InMemorySmsGateway.reset()
    RecordingWebhookSender.reset()


@pytest.fixture
def sms_outbox() -> list:
    """The SMS the in-memory gateway accepted, oldest first."""
    return InMemorySmsGateway.outbox


# --- worlds --------------------------------------------------------------------------------


@pytest.fixture
def demo_world(db):
    """The demo accounts in our database (the fake registry serves the people and properties),
    the reference data restored after a transactional test's flush."""
    reference_data_ensure()
    demo_data_load()


@pytest.fixture
def staff_world(db):
    """The demo world and the demo staff in their roles, the reference data restored after a
    transactional test's flush."""
    reference_data_ensure()
    demo_data_load()
    staff_demo_load()


# --- citizens and staff --------------------------------------------------------------------


@pytest.fixture
def signed_in_client(client):
    """`signed_in_client(fin)`: pytest-django's client, signed in through HTTP as that citizen."""

    def sign_in_as(fin: str) -> Client:
        assert_redirects_to(sign_in(client, fin), "/apply/")
        return client

    return sign_in_as


@pytest.fixture
def citizen(db):
    """`citizen(fin)`: a new browser (its own cookies) signed in through HTTP as that citizen."""

    def new_browser(fin: str) -> Client:
        browser = Client()
        assert_redirects_to(sign_in(browser, fin), "/apply/")
        return browser

    return new_browser


@pytest.fixture
def citizen_client():
    """`citizen_client(fin)`: a new browser signed in as that citizen without the sign-in pages."""

    def signed_in(fin: str) -> Client:
        browser = Client()
        browser.force_login(citizen_user(fin))
        return browser

    return signed_in


@pytest.fixture
def staff_client():
    """`staff_client(username)`: a new browser signed in to the admin as that staff member,
    with the second factor."""

    def signed_in(username: str) -> Client:
        browser = Client()
        staff = user(username)
        browser.force_login(staff)
        return second_factor_passed(browser, staff)

    return signed_in


# --- applications --------------------------------------------------------------------------


@pytest.fixture
def aysel_transfer(staff_world) -> Application:
    """Aysel's transfer of Rauf's account, sent to the Bakı office."""
    return submit(AYSEL, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, email="aysel@example.az")


@pytest.fixture
def leyla_rename(staff_world) -> Application:
    """Leyla's rename, sent to the Abşeron–Xızı office."""
    return submit(LEYLA, "rename", LEYLA_ACCOUNT, SUMQAYIT_FLAT, phone="+994557654321")


@pytest.fixture(scope="session")
def clamd_address(tmp_path_factory):
    """The address of a clamd that finds the EICAR file: .ci/run's (CLAMD_ADDRESS) or a private
    one for this run (tests/support/clamd.py); skips without clamd, fails on CI."""
    from tests.support.clamd import CLAMD, clamd_scans, clamd_start, clamd_unavailable

    address = os.environ.get("CLAMD_ADDRESS", "")
    if address:
        if not clamd_scans(address):
            clamd_unavailable(f"clamd at CLAMD_ADDRESS={address} does not answer or misses EICAR")
        yield address
        return
    if not os.access(CLAMD, os.X_OK):
        clamd_unavailable(f"{CLAMD} is missing")
    process, socket = clamd_start(tmp_path_factory.mktemp("clamd"))
    yield socket
    process.terminate()
    process.wait(timeout=60)


@pytest.fixture
def clamd_scanner(settings, clamd_address):
    """The portal scans with the real clamd (ClamAV) instead of the tests' fake."""
    settings.ANTIVIRUS = {"BACKEND": "integrations.antivirus.clamd.ClamdAntivirus", "address": clamd_address}
    return clamd_address
