"""The state registry's HTTP API (JSON over HTTPS, a timeout on every call)."""

from integrations.base import JsonHttpClient
from integrations.registry.base import (
    Person,
    PropertyRecord,
    RegistryUnavailable,
    person_from_dict,
    property_from_dict,
)


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

    def find_property(
        self, district_code: str, registry_number: str, registration_number: str
    ) -> PropertyRecord | None:
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
