"""The back office's world: the demo accounts, the demo staff in their roles, and applications
sent through the real submission service."""

import pytest
from django.test import Client

from applications.models import Application
from backoffice.demo import staff_demo_load
from backoffice.roles import roles_sync
from subscribers.demo import demo_data_load
from tests.support.demo import AYSEL, LEYLA, LEYLA_ACCOUNT, RAUF_ACCOUNT
from tests.support.staff import NESIMI_FLAT, SUMQAYIT_FLAT, citizen, second_factor_passed, submit, user
from tests.support.world import reference_data_ensure


@pytest.fixture(autouse=True)
def world(db):
    reference_data_ensure()
    demo_data_load()
    roles_sync()
    staff_demo_load()


@pytest.fixture
def aysel_transfer() -> Application:
    """Aysel's transfer of Rauf's account, sent to the Bakı office."""
    return submit(AYSEL, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, email="aysel@example.az")


@pytest.fixture
def leyla_rename() -> Application:
    """Leyla's rename, sent to the Abşeron–Xızı office."""
    return submit(LEYLA, "rename", LEYLA_ACCOUNT, SUMQAYIT_FLAT, phone="+994557654321")


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


@pytest.fixture
def citizen_client():
    def signed_in(fin: str) -> Client:
        browser = Client()
        browser.force_login(citizen(fin))
        return browser

    return signed_in
