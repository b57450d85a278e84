"""Which scopes an OAuth 2.0 client may ask for (django-oauth-toolkit's SCOPES_BACKEND_CLASS)."""

from oauth2_provider.scopes import SettingsScopes

from applications.egov.models import API_SCOPES, ApiClientScopes


def granted_api_scopes(client) -> list[str]:
    """The API scopes staff granted `client` (none without an ApiClientScopes row)."""
    if client is None:
        return []
    row = ApiClientScopes.objects.filter(client=client).first()
    return [scope for scope in (row.scopes if row else []) if scope in API_SCOPES]


class ClientScopes(SettingsScopes):
    """The settings' scopes, except that an API scope is available only to the clients staff
    granted it: DOT alone would give any client every scope it asks for."""

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        others = [
            scope for scope in super().get_available_scopes(application, request) if scope not in API_SCOPES
        ]
        return [*others, *granted_api_scopes(application)]

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        available = self.get_available_scopes(application, request)
        return [scope for scope in super().get_default_scopes(application, request) if scope in available]
