"""The emulated ASAN Login's side of django-oauth-toolkit: when it is on, its claims (the FİN and
the sign-in method), and the portal's own client registration."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from oauth2_provider.models import get_application_model
from oauth2_provider.oauth2_validators import OAuth2Validator

# The hosts the portal is reached at in development and tests: loopback on any port (RFC 8252,
# ALLOW_LOCALHOST_LOOPBACK), Django's test client, and PUBLIC_BASE_URL.
_DEVELOPMENT_ORIGINS = ("http://127.0.0.1", "http://[::1]", "http://localhost", "http://testserver")


def is_emulated() -> bool:
    """Settings name no real issuer: the issuer is this portal's own /asan-login/."""
    return not urlsplit(settings.IDENTITY_PROVIDER.get("issuer", "")).netloc


def _origins() -> list[str]:
    return list(dict.fromkeys([*_DEVELOPMENT_ORIGINS, settings.PUBLIC_BASE_URL.rstrip("/")]))


def portal_client_ensure(client_id: str) -> None:
    """The portal's own client of the emulated provider, registered on first use (so that every
    database, a test's flushed one included, has it) and kept in step with the settings."""
    if not is_emulated() or client_id != settings.IDENTITY_PROVIDER.get("client_id"):
        return
    application_model = get_application_model()
    wanted = {
        "name": "Azərişıq portalı (emulyasiya olunmuş ASAN Login)",
        "client_type": application_model.CLIENT_CONFIDENTIAL,
        "authorization_grant_type": application_model.GRANT_AUTHORIZATION_CODE,
        "redirect_uris": " ".join(f"{origin}/signin/callback/" for origin in _origins()),
        "post_logout_redirect_uris": " ".join(f"{origin}/" for origin in _origins()),
        "algorithm": application_model.RS256_ALGORITHM,
        # The portal's own client: no consent page after the ASAN Login page.
        "skip_authorization": True,
    }
    application = application_model.objects.filter(client_id=client_id).first()
    if application is not None and all(getattr(application, k) == v for k, v in wanted.items()):
        return
    if application is None:
        # A development secret, public in settings: hashing it would only cost every sign-in time.
        application = application_model(
            client_id=client_id,
            client_secret=settings.IDENTITY_PROVIDER["client_secret"],
            hash_client_secret=False,
        )
    for name, value in wanted.items():
        setattr(application, name, value)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        pass  # another request registered it at the same moment


class AsanLoginValidator(OAuth2Validator):
    """The ID token names the citizen by FİN (`sub` and `fin`) and says how they signed in
    (`asan_method`: asan_imza, sima or e_imza)."""

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "fin": "openid", "asan_method": "openid"}

    def _load_application(self, client_id, request):
        portal_client_ensure(client_id)
        return super()._load_application(client_id, request)

    def _create_authorization_code(self, request, code, expires=None):
        # The method chosen on the ASAN Login page travels with the code (the grant's claims, which
        # the token request reads back); the client's own `claims` request is not supported.
        request.claims = {"asan_method": getattr(request, "asan_method", None)}
        return super()._create_authorization_code(request, code, expires)

    def get_additional_claims(self, request):
        claims = {"sub": request.user.fin, "fin": request.user.fin}
        method = (request.claims or {}).get("asan_method") if isinstance(request.claims, dict) else None
        if method:
            claims["asan_method"] = method
        return claims
