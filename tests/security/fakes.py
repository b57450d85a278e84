"""A state registry for the race tests: the demo registry, where Aysel's husband Rəşad co-owns
the flat she bought, so both may ask for its account (STATE_REGISTRY names it by path)."""

import dataclasses

from integrations.registry.fake import FakeStateRegistry

AYSEL = "2AB3C4D"
RESAD = "6KM7N8P"
NESIMI_FLAT_KEY = ("baki-nesimi", "608011001798", "1725022423")


class CoOwnedFlatRegistry(FakeStateRegistry):
    def __init__(self, **options):
        super().__init__(**options)
        self.people[RESAD] = dataclasses.replace(
            self.people[AYSEL],
            fin=RESAD,
            last_name="Məmmədov",
            first_name="Rəşad",
            patronymic="Elxan oğlu",
            document_number="AA7777777",
        )
        flat = self.properties[NESIMI_FLAT_KEY]
        self.properties[NESIMI_FLAT_KEY] = dataclasses.replace(flat, owner_fins=(AYSEL, RESAD))
