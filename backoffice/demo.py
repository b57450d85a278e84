"""The demo back-office staff, one per role (development only; passwords are public, see README).

| username          | password             | role            | office                 |
|-------------------|----------------------|-----------------|------------------------|
| operator.baki     | demo-operator-2026   | office operator | Bakı                   |
| operator.sumqayit | demo-operator-2026   | office operator | Abşeron–Xızı (Sumqayıt)|
| supervisor        | demo-supervisor-2026 | supervisor      | every office           |
| auditor           | demo-auditor-2026    | auditor         | every office, read-only|

Each has an authenticator (TOTP) with the public secret DEMO_TOTP_SECRET: add it to an
authenticator app, or print the current code with `manage.py demo_totp <username>`.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice.roles import roles_sync
from backoffice.two_factor import totp_key_from_secret
from subscribers.models import RegionalOffice, User

# Base32, as authenticator apps take it; published in README (development only).
DEMO_TOTP_SECRET = "AZERISHIQDEMOTOTPSECRETKEY234567"  # noqa: S105 — public, like the passwords


@dataclass(frozen=True)
class DemoStaff:
    username: str
    password: str
    first_name: str
    last_name: str
    role: str  # a group name from backoffice.roles
    economic_region: str | None  # the office's region; None for roles that see every office


DEMO_STAFF = (
    DemoStaff("operator.baki", "demo-operator-2026", "Nərmin", "Rzayeva", "office_operator", "Bakı"),
    DemoStaff(
        "operator.sumqayit", "demo-operator-2026", "Kamran", "Səfərov", "office_operator", "Abşeron–Xızı"
    ),
    DemoStaff("supervisor", "demo-supervisor-2026", "Günay", "İsmayılova", "supervisor", None),
    DemoStaff("auditor", "demo-auditor-2026", "Fuad", "Mustafayev", "auditor", None),
)


@transaction.atomic
def staff_demo_load() -> int:
    """Create or reset the demo staff users (DEMO_STAFF above) with their roles, offices
    and authenticators; returns how many. Development only: passwords and secret are published."""
    roles_sync()
    for demo in DEMO_STAFF:
        office = (
            RegionalOffice.objects.get(economic_region=demo.economic_region) if demo.economic_region else None
        )
        user, _ = User.objects.update_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "is_staff": True,
                "is_superuser": False,
                "is_active": True,
                "office": office,
            },
        )
        user.set_password(demo.password)
        user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=demo.role)])
        _demo_authenticator_reset(user)
    return len(DEMO_STAFF)


def _demo_authenticator_reset(user) -> None:
    """The demo staff member's only second factor: an authenticator with the published secret."""
    StaticDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(
        user=user, name="demo", key=totp_key_from_secret(DEMO_TOTP_SECRET), confirmed=True
    )
