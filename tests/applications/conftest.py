"""The applications' tests run in the demo world (tests/conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def demo_data(demo_world):
    """Every test here: the demo accounts."""
