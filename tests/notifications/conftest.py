"""Fixtures for the notifications tests: the demo world, a submitted application, and a
citizen signed in through HTTP who has filled the wizard up to the contact (or check) step."""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from subscribers.demo import demo_data_load
from tests.conftest import last_code_sent_to
from tests.support.applications import sent

AYSEL = "2AB3C4D"  # buys Rauf's flat in Nəsimi (integrations/registry/demo.py): her transfer succeeds
RAUF_ACCOUNT = "100100200300401"
NESIMI_FLAT = {
    "property_kind": "apartment",
    "district": "baki-nesimi",
    "registry_number": "608011001798",
    "registration_number": "1725022423",
}
MOBILE = "+994501234567"
MOBILE_TYPED = "050 123 45 67"
EMAIL = "aysel@example.az"
CURRENT_STEP = "application_wizard_view-current_step"


@pytest.fixture
def demo(db):
    demo_data_load()


@pytest.fixture
def aysel(demo):
    """Aysel's user account, as the sign-in creates it."""
    return get_user_model().objects.create(username=f"citizen-{AYSEL}", fin=AYSEL)


def submit_application(applicant, *, email: str = EMAIL, mobile_phone: str = MOBILE, language: str = "az"):
    """Aysel's transfer of Rauf's account, sent through the service as the wizard's done() does."""
    return sent(applicant=applicant, phone=mobile_phone, email=email, language=language)


@pytest.fixture
def submitted(aysel, django_capture_on_commit_callbacks):
    """An application just sent, its receipt SMS delivered to the in-memory gateway."""
    with django_capture_on_commit_callbacks(execute=True):
        return submit_application(aysel)


# --- the wizard through HTTP ------------------------------------------------------------


def sign_in(client: Client, fin: str = AYSEL) -> Client:
    """The real sign-in: portal -> emulated ASAN Login -> callback."""
    start = client.get("/signin/", {"next": "/apply/"})
    assert start.status_code == 302, start
    login = client.post(start["Location"], {"method": "asan_imza", "fin": fin})
    assert login.status_code == 302, login.content.decode()
    callback = client.get(login["Location"])
    assert callback.status_code == 302 and callback["Location"] == "/apply/", callback
    return client


def post_step(client: Client, step: str, fields: dict | None = None, **extra):
    """POST one wizard step as its form would ("Davam et"); `extra` are top-level fields."""
    payload = {CURRENT_STEP: step, **{f"{step}-{name}": value for name, value in (fields or {}).items()}}
    return client.post(f"/apply/{step}/", {**payload, **extra})


def assert_redirects_to(response, url: str):
    assert response.status_code == 302, (response.status_code, response.content.decode()[:3000])
    assert response["Location"] == url


@pytest.fixture
def at_contact_step(demo, client):
    """Aysel, signed in, has filled the first three steps; the wizard shows the contact step."""
    sign_in(client)
    assert_redirects_to(client.get("/apply/"), "/apply/basic/")
    assert_redirects_to(post_step(client, "basic"), "/apply/application/")
    assert_redirects_to(
        post_step(client, "application", {"kind": "transfer", "subscriber_code": RAUF_ACCOUNT}),
        "/apply/property/",
    )
    assert_redirects_to(post_step(client, "property", NESIMI_FLAT), "/apply/contact/")
    return client


# --- reading pages ----------------------------------------------------------------------


def field_error(response, name: str) -> str:
    """The error text shown under the control `name` ("" if none)."""
    match = re.search(
        rf'<div id="id_{re.escape(name)}_error" class="invalid-feedback">(.*?)</div>',
        response.content.decode(),
        flags=re.S,
    )
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split()) if match else ""


def input_value(response, name: str) -> str | None:
    """The value of the text input `name` as the browser would send it (None if no such input)."""
    for tag in re.findall(r"<input\b[^>]*>", response.content.decode()):
        if f'name="{name}"' in tag:
            value = re.search(r'\bvalue="([^"]*)"', tag)
            return unescape(value.group(1)) if value else ""
    return None


def visible_text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- through the contact step -----------------------------------------------------------

CONTACT = {"mobile_phone": MOBILE_TYPED, "extra_mobile_phone": "", "email": EMAIL}


@pytest.fixture
def at_check_step(at_contact_step, django_capture_on_commit_callbacks):
    """Aysel has confirmed her mobile with the SMS code; the wizard shows "check your answers"."""
    client = at_contact_step
    with django_capture_on_commit_callbacks(execute=True):
        post_step(client, "contact", CONTACT)
    code = last_code_sent_to(MOBILE)
    assert_redirects_to(post_step(client, "contact", {**CONTACT, "otp_code": code}), "/apply/check/")
    return client


def send_application(client: Client):
    """ "Müraciəti göndər" on the check page, with the page's own submission key."""
    page = client.get("/apply/check/")
    assert page.status_code == 200
    key = input_value(page, "submission_key")
    assert key
    return post_step(client, "check", {"declaration": "on"}, submission_key=key)
