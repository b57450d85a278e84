"""The world the attack, fault and concurrency tests act in: the demo people, accounts and
staff (tests/conftest.py's staff_world), citizens signed in through the real sign-in, and
staff signed in as the back office's own tests sign them in (so a change there, such as
two-factor sign-in, applies here too)."""

import pytest


@pytest.fixture
def world(staff_world):
    """The demo accounts (the fake registry serves the people and properties) and the demo
    staff in their roles."""
