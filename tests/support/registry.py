"""A fake state registry whose demo people differ where a test says (a birth date, a document's
validity), chosen through settings.STATE_REGISTRY as any backend is."""

import dataclasses

from integrations.registry.fake import FakeStateRegistry


class ChangedPeopleRegistry(FakeStateRegistry):
    """FakeStateRegistry with `changes` ({fin: {field: value}}) applied to its people."""

    def __init__(self, *, changes: dict | None = None, **options):
        super().__init__(**options)
        for fin, fields in (changes or {}).items():
            self.people[fin] = dataclasses.replace(self.people[fin], **fields)


def registry_with(fin: str, **fields) -> dict:
    """The STATE_REGISTRY setting for a registry where `fin`'s person has `fields` changed."""
    return {"BACKEND": "tests.support.registry.ChangedPeopleRegistry", "changes": {fin: fields}}
