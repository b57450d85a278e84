"""These tests act as the back office does: the demo staff in their roles (tests/conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def world(staff_world):
    """Every test here: the demo world and its staff."""
