"""The state registry: people (ID-card registry) and real estate (property registry).

The contract every backend keeps (`StateRegistry`, with `Person` and `PropertyRecord`); the fake
(fake.py, the demo people of demo.py) and the real HTTP backend (http.py) implement it.
"""

import datetime
from dataclasses import dataclass, field
from typing import Protocol

from integrations.base import ExternalSystemUnavailable, load_backend

# The FİN (fərdi identifikasiya nömrəsi) the state issues: 7 Latin capitals and digits, never I or O.
FIN_PATTERN = r"^[A-HJ-NP-Z0-9]{7}$"


class RegistryUnavailable(ExternalSystemUnavailable):
    """The state registry could not be asked."""


@dataclass(frozen=True)
class Person:
    fin: str
    last_name: str
    first_name: str
    patronymic: str
    birth_date: datetime.date
    birth_place: str
    document_number: str
    document_issued: datetime.date
    document_valid_until: datetime.date
    document_authority: str
    registered_address: str
    previous_last_name: str = ""
    previous_first_name: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.patronymic) if part)

    @property
    def name_changed(self) -> bool:
        return bool(self.previous_last_name or self.previous_first_name)


@dataclass(frozen=True)
class PropertyRecord:
    district_code: str
    registry_number: str
    registration_number: str
    kind: str  # "house" or "apartment", as subscribers.models.Property.Kind
    address: str
    owner_fins: tuple[str, ...] = field(default_factory=tuple)  # every owner, co-owners too
    # The day the current owners' right was registered (the extract's date): the handover date
    # a buyer is offered by default.
    owner_since: datetime.date | None = None

    def other_owners(self, fin: str) -> tuple[str, ...]:
        """The owners besides `fin`, in the extract's order."""
        return tuple(owner for owner in self.owner_fins if owner != fin)


class StateRegistry(Protocol):
    def find_person(self, fin: str) -> Person | None:
        """The person with this FİN, or None; raises RegistryUnavailable."""

    def find_property(
        self, district_code: str, registry_number: str, registration_number: str
    ) -> PropertyRecord | None:
        """The property with this registry extract in this district, or None; raises RegistryUnavailable."""


def _date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def person_from_dict(data: dict) -> Person:
    # Other text fields may be blank (a foreign resident has no patronymic), but an answer
    # without a FİN or a name is no answer at all.
    for name in ("fin", "last_name", "first_name"):
        if not data.get(name):
            raise ValueError(f"person without {name}")
    dates = ("birth_date", "document_issued", "document_valid_until")
    values = {name: data.get(name, "") for name in Person.__dataclass_fields__}
    values.update({name: _date(data[name]) for name in dates})
    return Person(**values)


def property_from_dict(data: dict) -> PropertyRecord:
    values = {name: data[name] for name in PropertyRecord.__dataclass_fields__ if name in data}
    values["owner_fins"] = tuple(data.get("owner_fins", ()))
    values["owner_since"] = _date(data["owner_since"]) if data.get("owner_since") else None
    return PropertyRecord(**values)


def get_state_registry() -> StateRegistry:
    """The registry backend that settings.STATE_REGISTRY names."""
    return load_backend("STATE_REGISTRY")
