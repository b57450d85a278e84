"""The demo back-office staff, one per role (development only; passwords are public, see README).
Plain data, importable without Django (the bench signs them in); backoffice/services.py loads them.

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
