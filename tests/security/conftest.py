"""The world the attack, fault and concurrency tests act in: the demo people, accounts and
staff, citizens signed in through the real sign-in, and staff signed in as the back office's
own tests sign them in (so a change there, such as two-factor sign-in, applies here too)."""

import pytest

from backoffice.demo import staff_demo_load
from subscribers.demo import demo_data_load
from tests.applications.conftest import citizen, signed_in_client  # noqa: F401 — fixtures
from tests.backoffice.conftest import staff_client  # noqa: F401 — fixture
from tests.support.world import reference_data_ensure


@pytest.fixture
def world(db):
    """The demo accounts (the fake registry serves the people and properties) and the demo
    staff in their roles."""
    reference_data_ensure()
    demo_data_load()
    staff_demo_load()
