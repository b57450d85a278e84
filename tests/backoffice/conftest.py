"""The back office's world: the demo accounts, the demo staff in their roles, and applications
sent through the real submission service."""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from applications.models import Application
from backoffice.demo import staff_demo_load
from backoffice.roles import roles_sync
from backoffice.two_factor import current_code
from subscribers.demo import demo_data_load
from tests.conftest import reference_data_ensure
from tests.support.applications import sent

AYSEL = "2AB3C4D"  # buys Rauf's flat in Nəsimi (Bakı office): transfer
LEYLA = "4EF5G6H"  # née Həsənova, Sumqayıt (Abşeron–Xızı office): rename
ELCIN = "3CD4E5F"  # the Gəncə account he wants owes 45.20 AZN
RAUF_ACCOUNT = "100100200300401"
LEYLA_ACCOUNT = "300300400500603"
GENCE_ACCOUNT = "200200300400502"

NESIMI_FLAT = ("baki-nesimi", "608011001798", "1725022423", "apartment")
SUMQAYIT_FLAT = ("sumqayit-city", "701122003344", "1509876543", "apartment")
GENCE_HOUSE = ("gence-city", "512034007711", "2210457788", "house")

OPERATOR_BAKI = "operator.baki"
OPERATOR_SUMQAYIT = "operator.sumqayit"
SUPERVISOR = "supervisor"
AUDITOR = "auditor"
ROLES = (OPERATOR_BAKI, OPERATOR_SUMQAYIT, SUPERVISOR, AUDITOR)
PASSWORDS = {
    OPERATOR_BAKI: "demo-operator-2026",
    OPERATOR_SUMQAYIT: "demo-operator-2026",
    SUPERVISOR: "demo-supervisor-2026",
    AUDITOR: "demo-auditor-2026",
}


@pytest.fixture(autouse=True)
def world(db):
    reference_data_ensure()
    demo_data_load()
    roles_sync()
    staff_demo_load()


def user(username: str):
    return get_user_model().objects.get(username=username)


def citizen(fin: str):
    return get_user_model().objects.get_or_create(fin=fin, defaults={"username": f"citizen-{fin}"})[0]


def submit(fin: str, kind: str, code: str, place: tuple, *, phone="+994501234567", email="") -> Application:
    """An application sent through the real submission service, as the wizard sends it."""
    district, registry_number, registration_number, property_kind = place
    fields = {
        "district": district,
        "registry_number": registry_number,
        "registration_number": registration_number,
        "property_kind": property_kind,
    }
    return sent(fin, kind=kind, code=code, place=fields, phone=phone, email=email)


@pytest.fixture
def aysel_transfer() -> Application:
    """Aysel's transfer of Rauf's account, sent to the Bakı office."""
    return submit(AYSEL, "transfer", RAUF_ACCOUNT, NESIMI_FLAT, email="aysel@example.az")


@pytest.fixture
def leyla_rename() -> Application:
    """Leyla's rename, sent to the Abşeron–Xızı office."""
    return submit(LEYLA, "rename", LEYLA_ACCOUNT, SUMQAYIT_FLAT, phone="+994557654321")


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
