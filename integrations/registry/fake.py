"""The fake state registry: deterministic, seeded with the demo people and properties (demo.py).
Development and tests only; production settings refuse it."""

from integrations.registry.base import Person, PropertyRecord
from integrations.registry.demo import DEMO_PEOPLE, DEMO_PROPERTIES


class FakeStateRegistry:
    """Deterministic registry seeded with the demo people and properties (integrations/registry/demo.py)."""

    def __init__(self, **options):
        self.people = {person.fin: person for person in DEMO_PEOPLE}
        self.properties = {
            (p.district_code, p.registry_number, p.registration_number): p for p in DEMO_PROPERTIES
        }

    def find_person(self, fin: str) -> Person | None:
        """The demo person with this FİN, or None."""
        return self.people.get(fin)

    def find_property(
        self, district_code: str, registry_number: str, registration_number: str
    ) -> PropertyRecord | None:
        """The demo property with this extract in this district, or None."""
        return self.properties.get((district_code, registry_number, registration_number))
