"""The bench's state registry: the demo people and properties, plus the synthetic country of
bench/synthetic.py (selected by the bench settings only; FakeStateRegistry is unchanged)."""

from bench import synthetic
from integrations.registry.base import Person, PropertyRecord
from integrations.registry.fake import FakeStateRegistry


class BenchStateRegistry(FakeStateRegistry):
    """Answers for every synthetic FİN and extract, deterministically; the demo data as the fake."""

    def find_person(self, fin: str) -> Person | None:
        """The synthetic person with this FİN, else the demo person, else None."""
        found = synthetic.index_of_fin(fin)
        if found is None:
            return super().find_person(fin)
        return Person(**synthetic.person_fields(*found))

    def find_property(self, district_code, registry_number, registration_number):
        """The synthetic property with this extract (owned by its buyer), else the demo one."""
        i = synthetic.index_of_property(registry_number, registration_number)
        if i is None:
            return super().find_property(district_code, registry_number, registration_number)
        # The registry names the district it was asked about; the account's own district is
        # checked against our database by applications.eligibility.property_check.
        return PropertyRecord(
            district_code=district_code,
            registry_number=registry_number,
            registration_number=registration_number,
            kind=synthetic.property_kind(i),
            address=synthetic.address(i),
            owner_fins=(synthetic.fin(i, synthetic.BUYER),),
        )
