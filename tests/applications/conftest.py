"""Fixtures and helpers for driving the citizen's wizard through HTTP, as a browser would."""

import pytest
from django.test import Client

from subscribers.demo import demo_data_load
from tests.support.wizard import assert_redirects_to, sign_in


@pytest.fixture(autouse=True)
def demo_data(db):
    demo_data_load()


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
