"""A citizen filling the wizard up to the contact or check step, and applications whose receipt
SMS the tests follow through the outbox."""

import re
from html import unescape

from django.test import Client

from tests.support.applications import sent
from tests.support.demo import AYSEL, EMAIL

MOBILE = "+994501234567"


MOBILE_TYPED = "050 123 45 67"


CURRENT_STEP = "application_wizard_view-current_step"


def submit_application(applicant, *, email: str = EMAIL, mobile_phone: str = MOBILE, language: str = "az"):
    """Aysel's transfer of Rauf's account, sent through the service as the wizard's done() does."""
    return sent(applicant=applicant, phone=mobile_phone, email=email, language=language)


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


CONTACT = {"mobile_phone": MOBILE_TYPED, "email": EMAIL}


def send_application(client: Client):
    """ "Müraciəti göndər" on the check page, with the page's own submission key."""
    page = client.get("/apply/check/")
    assert page.status_code == 200
    key = input_value(page, "submission_key")
    assert key
    return post_step(client, "check", {"declaration": "on"}, submission_key=key)
