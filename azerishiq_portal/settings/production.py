"""Production settings: the base settings, hardened. Refuses to start with development defaults."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ANTIVIRUS,
    BILLING,
    CACHES,
    DEV_SECRET_KEY,
    DOCUMENT_SEAL_CERTIFICATE,
    DOCUMENT_SEAL_KEY,
    DOCUMENT_SEAL_TRUST_ROOTS,
    EGOV_WEBHOOKS,
    EMAIL_BACKEND,
    IDENTITY_PROVIDER,
    SECRET_KEY,
    SESSION_ENGINE,
    SMS_GATEWAY,
    STATE_REGISTRY,
    STORAGES,
    SUPPLIER_BANK_ACCOUNT,
    SUPPLIER_BANK_CODE,
    SUPPLIER_BANK_NAME,
    SUPPLIER_BANK_SWIFT,
    SUPPLIER_LEGAL_ADDRESS,
    SUPPLIER_VOEN,
    TWILIO_AUTH_TOKEN,
    env,
)

DEBUG = False

if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 50 characters.")


def _is_real(adapter: dict) -> bool:
    """A real backend talks to its system at a URL and is not a fake (a fake.py module, a Fake…
    class): the fake billing's ledger, say, must never stand in for Azərişıq's billing. The
    identity provider's URL is its issuer: one given as a path is the portal's own emulated ASAN
    Login, reached in-process (a `transport`), which must never stand in for the state's."""
    module, _, name = adapter["BACKEND"].rpartition(".")
    url = adapter.get("base_url") or adapter.get("issuer", "")
    return (
        bool(urlsplit(url).netloc)
        and "transport" not in adapter
        and not module.endswith(".fake")
        and not name.startswith("Fake")
    )


for _name, _adapter_settings in {
    "STATE_REGISTRY": STATE_REGISTRY,
    "BILLING": BILLING,
    "IDENTITY_PROVIDER": IDENTITY_PROVIDER,
}.items():
    if not _is_real(_adapter_settings) and not env.bool("ALLOW_FAKE_ADAPTERS", default=False):
        raise ImproperlyConfigured(
            f"{_name} uses a fake backend; set {_name}_URL (or ALLOW_FAKE_ADAPTERS=1 for a demo)."
        )

if EGOV_WEBHOOKS["BACKEND"].rpartition(".")[0].endswith(".fake") and not env.bool(
    "ALLOW_FAKE_ADAPTERS", default=False
):
    raise ImproperlyConfigured(
        "EGOV_WEBHOOKS sends nothing: set EGOV_WEBHOOKS_BACKEND=integrations.egov.http.HttpWebhookSender "
        "(or ALLOW_FAKE_ADAPTERS=1 for a demo)."
    )

# Every file a citizen hands in is scanned: not by the stated no-op, not by the fake.
_scans = ANTIVIRUS["BACKEND"].endswith(".clamd.ClamdAntivirus") and ANTIVIRUS.get("address")
if not _scans and not env.bool("ALLOW_FAKE_ADAPTERS", default=False):
    raise ImproperlyConfigured(
        "ANTIVIRUS scans nothing: set CLAMD_ADDRESS to clamd's socket or host:port (clamav-daemon)."
    )

if "LocMemCache" in CACHES["default"]["BACKEND"]:
    raise ImproperlyConfigured(
        "Set CACHE_URL to a shared cache (Redis): rate limits and sign-in codes must be seen by "
        "every web process."
    )

if "twilio" not in SMS_GATEWAY["BACKEND"] and not env.bool("ALLOW_FAKE_ADAPTERS", default=False):
    raise ImproperlyConfigured(
        "SMS_GATEWAY is not a real gateway: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and "
        "TWILIO_MESSAGING_SERVICE_SID (or ALLOW_FAKE_ADAPTERS=1 for a demo)."
    )
if "twilio" in SMS_GATEWAY["BACKEND"] and not TWILIO_AUTH_TOKEN:
    raise ImproperlyConfigured("Set TWILIO_AUTH_TOKEN: it authenticates Twilio's delivery reports.")
# Mail must reach citizens: the console and file backends would also write their addresses to the log.
if EMAIL_BACKEND.rsplit(".", 2)[-2] in ("console", "filebased", "locmem", "dummy") and not env.bool(
    "ALLOW_FAKE_ADAPTERS", default=False
):
    raise ImproperlyConfigured(
        "EMAIL_BACKEND does not send mail: set it to "
        "django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST (or ALLOW_FAKE_ADAPTERS=1 for a demo)."
    )

# The seal is what proves a document is ours: the generated development chain proves nothing.
if not (DOCUMENT_SEAL_CERTIFICATE and DOCUMENT_SEAL_KEY and DOCUMENT_SEAL_TRUST_ROOTS) and not env.bool(
    "ALLOW_FAKE_ADAPTERS", default=False
):
    raise ImproperlyConfigured(
        "Set DOCUMENT_SEAL_CERTIFICATE, DOCUMENT_SEAL_KEY and DOCUMENT_SEAL_TRUST_ROOTS (PEM files of "
        "the document seal and the roots it chains to); the generated development seal is refused."
    )

# Documents print the supplier's legal details: never the demo ones.
_SUPPLIER = (SUPPLIER_LEGAL_ADDRESS, SUPPLIER_VOEN, SUPPLIER_BANK_NAME, SUPPLIER_BANK_ACCOUNT)
if any("DEMO" in value for value in (*_SUPPLIER, SUPPLIER_BANK_CODE, SUPPLIER_BANK_SWIFT)) and not env.bool(
    "ALLOW_FAKE_ADAPTERS", default=False
):
    raise ImproperlyConfigured(
        "Set SUPPLIER_LEGAL_ADDRESS, SUPPLIER_VOEN, SUPPLIER_BANK_NAME, SUPPLIER_BANK_ACCOUNT, "
        "SUPPLIER_BANK_CODE and SUPPLIER_BANK_SWIFT: documents must not print the demo details."
    )

# Sessions are revocable at sign-out and survive a restart of any web process: the database,
# or the shared cache (Redis) that CACHE_URL must name anyway.
if SESSION_ENGINE not in (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
    "django.contrib.sessions.backends.cache",
):
    raise ImproperlyConfigured("SESSION_ENGINE must be the database (db, cached_db) or the shared cache.")

# /metrics shows the outbox and the offices' queues: it is read with a token or from known networks.
if not env("METRICS_TOKEN", default="") and not env.list("METRICS_ALLOWED_NETWORKS", default=[]):
    raise ImproperlyConfigured(
        "Set METRICS_TOKEN (Prometheus sends it as a bearer token) or METRICS_ALLOWED_NETWORKS "
        "(the networks Prometheus scrapes /metrics from)."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Prometheus and the container's health check call these over the internal network, in plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^metrics$", r"^healthz$", r"^readyz$", r"^livez$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    **STORAGES,  # "uploads", the handed-in files' private storage, as base.py has it
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
