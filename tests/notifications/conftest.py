"""Fixtures for the notifications tests: the demo world, a submitted application, and a
citizen signed in through HTTP who has filled the wizard up to the contact (or check) step."""

import pytest
from django.contrib.auth import get_user_model

from subscribers.demo import demo_data_load
from tests.support.billing import ledger_update
from tests.support.demo import AYSEL, NESIMI_FLAT, RAUF_ACCOUNT
from tests.support.outbox import CONTACT, MOBILE, assert_redirects_to, post_step, sign_in, submit_application
from tests.support.wizard import handover_fields
from tests.support.world import last_code_sent_to


@pytest.fixture
def demo(db):
    demo_data_load()
    # These tests follow the applicant's messages: billing knows no contact for the outgoing
    # holder here, so nothing else is queued beside them (tests/applications/handover/ tell him).
    ledger_update(RAUF_ACCOUNT, contact_phone="", contact_email="")


@pytest.fixture
def aysel(demo):
    """Aysel's user account, as the sign-in creates it."""
    return get_user_model().objects.create(username=f"citizen-{AYSEL}", fin=AYSEL)


@pytest.fixture
def submitted(aysel, django_capture_on_commit_callbacks):
    """An application just sent, its receipt SMS delivered to the in-memory gateway."""
    with django_capture_on_commit_callbacks(execute=True):
        return submit_application(aysel)


@pytest.fixture
def at_contact_step(demo, client):
    """Aysel, signed in, has filled the steps before contact; the wizard shows the contact step."""
    sign_in(client)
    assert_redirects_to(client.get("/apply/"), "/apply/basic/")
    assert_redirects_to(post_step(client, "basic"), "/apply/application/")
    assert_redirects_to(
        post_step(client, "application", {"kind": "transfer", "subscriber_code": RAUF_ACCOUNT}),
        "/apply/property/",
    )
    assert_redirects_to(post_step(client, "property", NESIMI_FLAT), "/apply/handover/")
    assert_redirects_to(post_step(client, "handover", handover_fields()), "/apply/contact/")
    return client


@pytest.fixture
def at_check_step(at_contact_step, django_capture_on_commit_callbacks):
    """Aysel has confirmed her mobile with the SMS code; the wizard shows "check your answers"."""
    client = at_contact_step
    with django_capture_on_commit_callbacks(execute=True):
        post_step(client, "contact", CONTACT)
    code = last_code_sent_to(MOBILE)
    assert_redirects_to(post_step(client, "contact", {**CONTACT, "otp_code": code}), "/apply/check/")
    return client
