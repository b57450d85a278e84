"""The state registry: people (ID-card registry) and real estate (property registry)."""

import datetime
from dataclasses import dataclass, field
from typing import Protocol

from subscribers.adapters.base import ExternalSystemUnavailable, JsonHttpClient, load_backend


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
    owner_fins: tuple[str, ...] = field(default_factory=tuple)


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
    return PropertyRecord(**values)


class FakeStateRegistry:
    """Deterministic registry seeded with the demo people and properties (subscribers/demo.py)."""

    def __init__(self, **options):
        from subscribers.demo import DEMO_PEOPLE, DEMO_PROPERTIES

        self.people = {person.fin: person for person in DEMO_PEOPLE}
        self.properties = {
            (p.district_code, p.registry_number, p.registration_number): p for p in DEMO_PROPERTIES
        }

    def find_person(self, fin: str) -> Person | None:
        """The demo person with this FİN, or None."""
        return self.people.get(fin)

    def find_property(self, district_code, registry_number, registration_number):
        """The demo property with this extract in this district, or None."""
        return self.properties.get((district_code, registry_number, registration_number))


class HttpStateRegistry:
    """The state registry's HTTP API (JSON; POST /persons/lookup, POST /properties/lookup)."""

    def __init__(self, *, base_url: str, api_key: str = "", timeout: float = 3.0):
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client = JsonHttpClient(
            base_url=base_url, timeout=timeout, unavailable=RegistryUnavailable, headers=headers
        )

    def find_person(self, fin: str) -> Person | None:
        """The person with this FİN, or None on 404; raises RegistryUnavailable."""
        data = self.client.post("/persons/lookup", {"fin": fin})
        return self._parse(person_from_dict, data)

    def find_property(self, district_code, registry_number, registration_number):
        """The property with this extract, or None on 404; raises RegistryUnavailable."""
        data = self.client.post(
            "/properties/lookup",
            {
                "district": district_code,
                "registry_number": registry_number,
                "registration_number": registration_number,
            },
        )
        return self._parse(property_from_dict, data)

    @staticmethod
    def _parse(parser, data):
        if data is None:
            return None
        try:
            return parser(data)
        except (KeyError, TypeError, ValueError) as error:
            raise RegistryUnavailable(f"unexpected registry answer: {error!r}") from error


def get_state_registry() -> StateRegistry:
    """The registry backend that settings.STATE_REGISTRY names."""
    return load_backend("STATE_REGISTRY")
