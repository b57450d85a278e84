"""The back office for the tests: demo staff in their roles, signed in with password and second
factor, applications sent through the real service, and reading admin pages."""

import re
import uuid
from html import unescape

from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from applications import numbers
from applications.models import Application, status_link_key_new
from backoffice.two_factor import current_code
from tests.support.applications import handover_answers, sent
from tests.support.demo import (
    AUDITOR,
    OPERATOR_BAKI,
    OPERATOR_SUMQAYIT,
    SUPERVISOR,
)

ROLES = (OPERATOR_BAKI, OPERATOR_SUMQAYIT, SUPERVISOR, AUDITOR)


PASSWORDS = {
    OPERATOR_BAKI: "demo-operator-2026",
    OPERATOR_SUMQAYIT: "demo-operator-2026",
    SUPERVISOR: "demo-supervisor-2026",
    AUDITOR: "demo-auditor-2026",
}


def user(username: str):
    return get_user_model().objects.get(username=username)


def submit(
    fin: str, kind: str, code: str, place: dict, *, phone="+994501234567", email="", co_owner_phones=()
) -> Application:
    """An application sent through the real submission service, as the wizard sends it; `place`
    is one of tests/support/demo.py's properties; a transfer hands over as handover_answers()
    fills it in, with `co_owner_phones` ((FİN, E.164), …) for the property's other owners."""
    handover = handover_answers(code, place, co_owner_phones=co_owner_phones) if kind == "transfer" else None
    return sent(fin, kind=kind, code=code, place=place, phone=phone, email=email, handover=handover)


def second_factor_passed(browser: Client, staff) -> Client:
    """Mark the browser's session as signed in with the staff member's authenticator, as
    django_otp.login() does after a right code (one is created for staff who have none)."""
    device = TOTPDevice.objects.filter(user=staff, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=staff, name="test", confirmed=True)
    session = browser.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return browser


def authenticator_code(username: str) -> str:
    """The code the staff member's authenticator app shows now. A code is accepted once per
    30-second step; tests sign in several times a step, so the device forgets the last one."""
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    device.last_t = -1
    device.save(update_fields=["last_t"])
    return current_code(device)


def pass_second_factor(browser: Client, username: str, *, ip: str = "127.0.0.1"):
    """Type the current authenticator code on the second sign-in step."""
    return browser.post("/admin/two-factor/", {"code": authenticator_code(username)}, REMOTE_ADDR=ip)


def admin_url(application: Application, page: str = "change") -> str:
    return f"/admin/applications/application/{application.pk}/{page}/"


def visible_text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def messages_of(response) -> list[str]:
    """The messages the admin shows at the top of the page."""
    listed = re.search(r'<ul class="messagelist">(.*?)</ul>', response.content.decode(), flags=re.S)
    if listed is None:
        return []
    return [
        " ".join(unescape(text).split()) for text in re.findall(r"<li[^>]*>(.*?)</li>", listed.group(1), re.S)
    ]


def refreshed(application: Application) -> Application:
    return Application.objects.get(pk=application.pk)


def staff_sign_in(browser: Client, username: str, password: str, *, ip: str = "127.0.0.1"):
    """The admin's password step, from `ip`."""
    return browser.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def staff_signed_in(browser: Client) -> bool:
    """Whether the browser reaches the admin index (password and second factor done)."""
    return browser.get("/admin/").status_code == 200


def copies(template: Application, count: int, **changes) -> list[Application]:
    """`count` decided applications shaped like `template` (bulk: no services, no events)."""
    fields = {
        field.attname: getattr(template, field.attname)
        for field in Application._meta.concrete_fields
        if not field.primary_key
    }
    rows = []
    for index in range(count):
        row = Application(**fields)
        row.number = numbers.generate()
        row.submission_key = uuid.uuid4()
        row.status_link_key = status_link_key_new()
        # Finished, so the one-active-application-per-account rule does not apply.
        row.status = Application.Status.DONE if index % 2 else Application.Status.REJECTED
        row.assigned_to = user(OPERATOR_BAKI)
        for name, value in changes.items():
            setattr(row, name, value)
        rows.append(row)
    return Application.objects.bulk_create(rows)
