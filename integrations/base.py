"""What every external-system adapter shares: the settings-selected loader and the HTTP call."""

from collections.abc import Callable
from typing import Any

import requests
from django.conf import settings
from django.utils.module_loading import import_string

from core.exceptions import Unavailable


class ExternalSystemUnavailable(Unavailable):
    """An external system did not answer in time or answered with an error; try again later."""


def load_backend(setting_name: str):
    """Build the backend named by settings.<setting_name>["BACKEND"], resolved at call time."""
    options = dict(getattr(settings, setting_name))
    return import_string(options.pop("BACKEND"))(**options)


class JsonHttpClient:
    """A small JSON-over-HTTP client: one timeout on every call, every failure mapped to `unavailable`."""

    def __init__(self, *, base_url: str, timeout: float, unavailable: type[Exception], headers=None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.unavailable = unavailable
        self.session = requests.Session()
        self.session.headers.update(headers or {})

    def post(
        self,
        path: str,
        payload: dict[str, Any],
        *,
        headers: dict[str, str] | None = None,
        refused: Callable[[dict[str, Any]], Exception] | None = None,
    ) -> dict[str, Any] | None:
        """POST `payload`; return the JSON body, None on 404, raise `unavailable` on anything else.
        With `refused`, a 409 or 422 answer is a refusal for good: `refused(body)` is raised."""
        # Identifiers travel in the body, never in the URL, so no FİN ends up in access logs.
        url = f"{self.base_url}{path}"
        try:
            response = self.session.post(url, json=payload, headers=headers, timeout=self.timeout)
        except requests.RequestException as error:
            raise self.unavailable(f"{url}: {type(error).__name__}") from error
        if response.status_code == 404:
            return None
        if refused is not None and response.status_code in (409, 422):
            raise refused(self._body(url, response))
        if response.status_code != 200:
            raise self.unavailable(f"{url}: HTTP {response.status_code}")
        return self._body(url, response)

    def _body(self, url: str, response) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError as error:
            raise self.unavailable(f"{url}: invalid JSON") from error
        # Every API we call answers with an object; a list, a bare string or `null` is a broken
        # answer (and `null` must not read as "not found").
        if not isinstance(body, dict):
            raise self.unavailable(f"{url}: JSON is not an object")
        return body
