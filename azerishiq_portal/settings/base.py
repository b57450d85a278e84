"""Settings for every environment: safe local defaults, everything read from the environment.

A fresh clone runs with no services at all (SQLite, in-process tasks, console SMS).
`production.py` only hardens these; `test.py` only speeds them up.
"""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab

from integrations.identity.emulated.signing_key import emulated_signing_key

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Development defaults; production.py refuses to start with them.
DEV_SECRET_KEY = "dev-only-insecure-key-change-me"  # noqa: S105
SECRET_KEY = env("SECRET_KEY", default=DEV_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # django.contrib.admin, whose site requires a second factor (backoffice/site.py).
    "backoffice.apps.BackOfficeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # OAuth 2.0 / OpenID Connect (OAUTH2_PROVIDER): the emulated ASAN Login's provider
    # (integrations/identity/emulated/) and the tokens of e-gov.az's machine clients.
    "oauth2_provider",
    "formtools",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_ratelimit",
    "csp",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    # The fake billing's ledger (its tables exist everywhere; only development and tests use them).
    "integrations.billing.apps.FakeBillingLedgerConfig",
    "subscribers",
    "notifications",
    "backoffice",
    "applications",
    "operations",
]

MIDDLEWARE = [
    # First and last: every request's count and latency per view (django-prometheus).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # The request id (X-Request-ID) in every log line of the request and the tasks it queues.
    "core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # PostgreSQL unreachable: a friendly 503 in the visitor's language (core/outage.py).
    "core.outage.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionIdleTimeoutMiddleware",
    "core.middleware.SessionAbsoluteTimeoutMiddleware",
    # The language chosen with the switch, else Azerbaijani (not the browser's Accept-Language).
    "core.middleware.ChosenLanguageMiddleware",
    # A NUL in the query string: a clean 400 before any view (or PostgreSQL) sees it.
    "core.middleware.RefuseNullCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor (staff, django-otp).
    "django_otp.middleware.OTPMiddleware",
    # Pages for a signed-in citizen or staff member: Cache-Control private, no-store.
    "core.middleware.PrivatePagesMiddleware",
    # New applications closed by the operators: the wizard shows the maintenance page (operations/).
    "operations.middleware.MaintenanceMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, with our one static policy built once (core/middleware.py).
    "core.middleware.ContentSecurityPolicyMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    # Records who made a change in django-simple-history (staff edits in the admin).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

# A strict Content Security Policy: no inline scripts or styles anywhere, nothing from
# other origins. Pages work without JavaScript; the one script is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# Features no page of the portal uses are switched off for every page.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "azerishiq_portal.urls"
WSGI_APPLICATION = "azerishiq_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.session_timeout",
            ],
        },
    },
]

# SQLite by default; DATABASE_URL=postgres://… switches to PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The same backends, timing every query for /metrics (django_db_query_duration_seconds).
DATABASES["default"]["ENGINE"] = DATABASES["default"]["ENGINE"].replace(
    "django.db.backends.", "django_prometheus.db.backends."
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "subscribers.User"
LOGIN_URL = "signin:start"
LOGIN_REDIRECT_URL = "applications:wizard"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The session carries only the sign-in; the wizard's progress lives in the database
# (WizardDraft), so a lost session loses nothing. Sessions are server-side (revocable at
# sign-out); SESSION_ENGINE=django.contrib.sessions.backends.cache moves them to Redis.
SESSION_ENGINE = env("SESSION_ENGINE", default="django.contrib.sessions.backends.db")
# Idle timeout: the session ends after this long without a request (slid once a minute by
# core.middleware.SessionIdleTimeoutMiddleware).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_TOUCH_INTERVAL = 60
# Absolute timeout: signed out this long after signing in, however active (core.middleware).
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Languages: Azerbaijani by default, English and Russian.
LANGUAGE_CODE = "az"
LANGUAGES = [("az", "Azərbaycanca"), ("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The compiled catalogues (locale/*/LC_MESSAGES/django.mo) are committed: no gettext needed to run.
# The switch's choice is remembered for a year (Django's default forgets it with the browser).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# English writes dates day first (31/10/2025), as Django's en_GB does, not the US month first.
FORMAT_MODULE_PATH = ["core.date_formats"]
TIME_ZONE = "Asia/Baku"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Files citizens hand in (applications/corrections/): under random names, outside any served
# path; only the signed-in citizen and the office's staff read them, through the portal.
STORAGES["uploads"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(env.path("UPLOADS_ROOT", default=f"{MEDIA_ROOT}/uploads")), "base_url": None},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"


def cache_from_env(default: str) -> dict:
    """CACHE_URL's cache; a Redis one is core.cache.RedisCache: Django's backend with one client per
    server, `incr` in one round trip and the rate limits' atomic `count`."""
    cache = env.cache("CACHE_URL", default=default)
    if cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        cache["BACKEND"] = "core.cache.RedisCache"
    return cache


CACHES = {"default": cache_from_env("locmemcache://portal")}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="core.mail.console.EmailBackend")
if EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":
    # Django's own prints whole e-mails, document links included, into the log: ours masks them.
    EMAIL_BACKEND = "core.mail.console.EmailBackend"
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "sent-emails"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="e-xidmet@azerishiq.az")
# The SMTP server (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend; production refuses
# the console backend, which would write citizens' addresses to the log).
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)


# External systems, each behind a settings-selected backend (integrations/). The fake
# backend is the default; setting <SYSTEM>_URL switches to the real HTTP one.
def _adapter(prefix: str, *, fake: str, real: str, **options) -> dict:
    url = env(f"{prefix}_URL", default="")
    backend = env(f"{prefix}_BACKEND", default=real if url else fake)
    if not url:
        return {"BACKEND": backend}
    return {"BACKEND": backend, "base_url": url, **options}


STATE_REGISTRY = _adapter(
    "STATE_REGISTRY",
    fake="integrations.registry.fake.FakeStateRegistry",
    real="integrations.registry.http.HttpStateRegistry",
    api_key=env("STATE_REGISTRY_API_KEY", default=""),
    timeout=env.float("STATE_REGISTRY_TIMEOUT", default=3.0),
)
BILLING = _adapter(
    "BILLING",
    fake="integrations.billing.fake.FakeBilling",
    real="integrations.billing.http.HttpBilling",
    api_key=env("BILLING_API_KEY", default=""),
    timeout=env.float("BILLING_TIMEOUT", default=3.0),
)
if env("FAKE_BILLING_CONTROL_DIR", default=""):
    # End-to-end tests script the fake billing's faults through files there (integrations/billing/fake.py).
    BILLING["control_dir"] = env("FAKE_BILLING_CONTROL_DIR")
# ASAN Login, over OpenID Connect (integrations/identity/oidc.py). IDENTITY_PROVIDER_URL is the
# provider's issuer (discovery at <issuer>/.well-known/openid-configuration). Without it the issuer
# is the portal's own emulated ASAN Login at /asan-login (integrations/identity/emulated/,
# development and tests only: production refuses it), reached in-process through the same client.
IDENTITY_PROVIDER_ISSUER = env("IDENTITY_PROVIDER_URL", default="")
_IDENTITY_BACKEND = env(
    "IDENTITY_PROVIDER_BACKEND", default="integrations.identity.oidc.OidcIdentityProvider"
)
if IDENTITY_PROVIDER_ISSUER:
    IDENTITY_PROVIDER = {
        "BACKEND": _IDENTITY_BACKEND,
        "issuer": IDENTITY_PROVIDER_ISSUER,
        "client_id": env("IDENTITY_PROVIDER_CLIENT_ID", default=""),
        "client_secret": env("IDENTITY_PROVIDER_CLIENT_SECRET", default=""),
        "timeout": env.float("IDENTITY_PROVIDER_TIMEOUT", default=5.0),
    }
else:
    IDENTITY_PROVIDER = {
        "BACKEND": _IDENTITY_BACKEND,
        # A path: this portal's own emulated ASAN Login, at whatever host the citizen reached.
        "issuer": "/asan-login",
        # The portal's client there, registered on first use; both are public development values.
        "client_id": "azerishiq-portal-development",
        "client_secret": "development-only-asan-login-client-secret",  # noqa: S105
        "timeout": env.float("IDENTITY_PROVIDER_TIMEOUT", default=5.0),
        # Called in-process, not over the network: a server calling itself could deadlock.
        "transport": "integrations.identity.emulated.transport.in_process_transport",
    }

# django-oauth-toolkit, with its standard models: the OpenID Connect provider of the emulated ASAN
# Login at /asan-login/ (development and tests), and e-gov.az's client-credentials tokens at
# /api/oauth/token/ (everywhere).
OAUTH2_PROVIDER = {
    # OpenID Connect on top of OAuth 2.0: ID tokens, discovery, JWKS, userinfo, end-session.
    "OIDC_ENABLED": True,
    # The emulated ASAN Login's RS256 key: development and tests only, generated once into
    # ASAN_LOGIN_EMULATED_KEY_FILE (var/ by default, never committed) and shared by every process of
    # the checkout; none with a real ASAN Login, whose own keys sign its tokens.
    "OIDC_RSA_PRIVATE_KEY": (
        ""
        if IDENTITY_PROVIDER_ISSUER
        else emulated_signing_key(
            Path(env("ASAN_LOGIN_EMULATED_KEY_FILE", default=str(BASE_DIR / "var" / "asan-login-key.pem")))
        )
    ),
    # Every authorization code needs PKCE...
    "PKCE_REQUIRED": True,
    # ...with S256: the "plain" method is refused.
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    # The ID token's claims (the FİN, the sign-in method) and the portal's own client, registered
    # on first use (integrations/identity/emulated/provider.py).
    "OAUTH2_VALIDATOR_CLASS": "integrations.identity.emulated.provider.AsanLoginValidator",
    # The scopes a token may carry; which API scopes a client may ask for is set per client by
    # staff (applications.egov.models.ApiClientScopes, through SCOPES_BACKEND_CLASS).
    "SCOPES": {
        "openid": "OpenID Connect",
        "applications:read": "Read the status of applications (e-gov.az)",
    },
    # Per-client scopes: an API scope only for the clients granted it.
    "SCOPES_BACKEND_CLASS": "applications.egov.scopes.ClientScopes",
    # A token asked for without a scope gets none (least privilege).
    "DEFAULT_SCOPES": [],
    # Client-credentials tokens live an hour; e-gov.az asks for a new one when it expires.
    "ACCESS_TOKEN_EXPIRE_SECONDS": env.int("OAUTH2_ACCESS_TOKEN_EXPIRE_SECONDS", default=60 * 60),
    # Client secrets are stored hashed (DOT's default, said here so that nobody turns it off).
    "CLIENT_SECRET_HASHER": "default",
    # A code is exchanged within a minute of the sign-in, once.
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    # Development redirect URIs on loopback match on any port (RFC 8252), "localhost" included.
    "ALLOW_LOCALHOST_LOOPBACK": True,
    # RP-initiated logout (the end_session_endpoint the portal's sign-out sends the citizen to)...
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    # ...straight back to the portal, with no "sign out of ASAN Login too?" page.
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    # Plain-http redirect URIs only for the emulated provider of development (loopback, the test
    # client); https everywhere else.
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"] if IDENTITY_PROVIDER_ISSUER else ["http", "https"],
    # The OAuth 2.0 Security BCP (RFC 9700), ahead of django-oauth-toolkit's defaults: no implicit
    # grant, no password grant, no access token in a query string...
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    # ...the issuer named in the authorization response (RFC 9207, against mix-ups), except by the
    # emulated ASAN Login: django-oauth-toolkit would name the origin there, not its issuer
    # <origin>/asan-login, and the client refuses a response naming another issuer...
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": bool(IDENTITY_PROVIDER_ISSUER),
    # ...tokens stored hashed...
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    # ...and a replayed refresh token revokes its whole family.
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
}

# The status events pushed to e-gov.az's webhook URLs (integrations/egov/): the fake records them
# (development, tests); production refuses it. Each subscription has its own URL and secret.
EGOV_WEBHOOKS = {
    "BACKEND": env("EGOV_WEBHOOKS_BACKEND", default="integrations.egov.fake.RecordingWebhookSender"),
    "timeout": env.float("EGOV_WEBHOOKS_TIMEOUT", default=5.0),
}
# An event is retried while the receiver does not take it (backoff with jitter, up to these), then
# shown to staff as dead; one claimed longer ago than the lease belongs to a worker that died.
EGOV_EVENT_MAX_ATTEMPTS = env.int("EGOV_EVENT_MAX_ATTEMPTS", default=10)
EGOV_EVENT_RETRY_BASE_SECONDS = env.float("EGOV_EVENT_RETRY_BASE_SECONDS", default=5.0)
EGOV_EVENT_RETRY_MAX_SECONDS = env.float("EGOV_EVENT_RETRY_MAX_SECONDS", default=900.0)
EGOV_EVENT_LEASE_SECONDS = env.int("EGOV_EVENT_LEASE_SECONDS", default=120)
# A subscription's URL must be https (the events carry the FİN); plain http only for a local
# receiver in development.
EGOV_WEBHOOK_ALLOW_HTTP = env.bool("EGOV_WEBHOOK_ALLOW_HTTP", default=False)
# The e-gov.az API's calls per client (django-ratelimit, counted in the default cache).
EGOV_API_RATE = env("EGOV_API_RATE", default="120/m")
# Token requests per client address (each hashes a client secret).
EGOV_TOKEN_RATE = env("EGOV_TOKEN_RATE", default="30/m")

# DOT's own Application model (not swapped), named because the access log and e-gov.az's
# subscriptions point to it and Django resolves a swappable model through this setting.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"

# The virus scanner every handed-in file passes (integrations/antivirus/): ClamAV's clamd at
# CLAMD_ADDRESS (a Unix socket path or host:port); without it, development's stated no-op, which
# scans nothing (production refuses to start with it).
if env("CLAMD_ADDRESS", default=""):
    ANTIVIRUS = {
        "BACKEND": "integrations.antivirus.clamd.ClamdAntivirus",
        "address": env("CLAMD_ADDRESS"),
        "timeout": env.float("CLAMD_TIMEOUT", default=30.0),
    }
else:
    ANTIVIRUS = {"BACKEND": env("ANTIVIRUS_BACKEND", default="integrations.antivirus.fake.NoOpAntivirus")}
# What a citizen may hand in when the office asks: PDF, JPEG or PNG, each at most this big, and
# at most this many files for one request.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
UPLOAD_MAX_FILES = env.int("UPLOAD_MAX_FILES", default=5)
# Files one citizen may send to be scanned in an hour (each costs a scan, kept or refused).
UPLOAD_RATE = env("UPLOAD_RATE", default="30/h")
# Django reads a request's files to temporary files past this; the whole body may hold them all.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A request with more files than this is refused whole (400) before any is read; past
# UPLOAD_MAX_FILES but below this, the citizen is told at the field.
DATA_UPLOAD_MAX_NUMBER_FILES = 4 * UPLOAD_MAX_FILES

# Celery. With REDIS_URL, tasks go through Redis to real workers; without it (the embedded
# default) they run in-process, right after the transaction that queued them commits.
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged only when it finishes, and redelivered if its worker dies; the
# tasks are idempotent, so a redelivery never sends a message twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fixup closes the database connection before and after every task unless this
# is set: a new connection for each SMS cost more than sending it (bench/NOTES.md). Connections
# are now kept, closed after 2 × this many tasks, and checked between tasks as Django checks
# them between requests (azerishiq_portal/celery.py: CONN_MAX_AGE, broken ones dropped).
CELERY_DB_REUSE_MAX = 500
CELERY_TASK_SOFT_TIME_LIMIT = 45
CELERY_TASK_TIME_LIMIT = 60
# Redis redelivers an unacknowledged task after the visibility timeout: it must exceed the
# hard time limit (else a slow task is delivered twice) and any countdown we schedule.
#
# No ack emulation: Redis forgets a task once a worker takes it. Every task that must not be lost
# has its database outbox and a sweeper (SMS, billing commands, documents, e-gov.az events), so
# the broker's redelivery adds nothing, and its restore-on-reconnect path in Celery/kombu 5.7
# crashed the SMS worker when Redis went away with acknowledgements pending (an e2e run).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 15 * 60, "ack_emulation": False}
# Publishing to a dead broker must not hold the citizen's page: fail fast, the sweeper
# sends what was not enqueued.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
# Celery finds each app's tasks.py; the documents' tasks live in their own package.
CELERY_IMPORTS = ["applications.documents.tasks", "applications.execution.tasks", "applications.egov.tasks"]
CELERY_TASK_ROUTES = {
    "notifications.tasks.notification_deliver_task": {"queue": "sms"},
    "applications.documents.tasks.documents_generate_task": {"queue": "documents"},
}
CELERY_BEAT_SCHEDULE = {
    # One heartbeat to each pool's queue: /healthz and /metrics tell which pool is silent.
    "worker-heartbeat": {
        "task": "notifications.tasks.heartbeat_record_task",
        "schedule": env.float("WORKER_HEARTBEAT_INTERVAL", default=15.0),
    },
    "worker-sms-heartbeat": {
        "task": "notifications.tasks.heartbeat_record_task",
        "schedule": env.float("WORKER_HEARTBEAT_INTERVAL", default=15.0),
        "options": {"queue": "sms"},
    },
    "sweep-outbox": {
        "task": "notifications.tasks.outbox_sweep_task",
        "schedule": env.float("NOTIFICATION_SWEEP_INTERVAL", default=30.0),
    },
    "sweep-documents": {"task": "applications.documents.tasks.documents_sweep_task", "schedule": 60.0},
    "sweep-billing-commands": {
        "task": "applications.execution.tasks.billing_commands_sweep_task",
        "schedule": env.float("BILLING_COMMAND_SWEEP_INTERVAL", default=30.0),
    },
    "sweep-egov-events": {
        "task": "applications.egov.tasks.egov_events_sweep_task",
        "schedule": env.float("EGOV_EVENT_SWEEP_INTERVAL", default=30.0),
    },
    # Retention: drafts nobody finished (daily, at night in Baku) and one-time codes past use.
    "purge-stale-drafts": {
        "task": "applications.tasks.drafts_purge_stale_task",
        "schedule": crontab(hour=3, minute=30),
    },
    "remove-expired-personal-data": {
        "task": "applications.tasks.applications_personal_data_remove_expired_task",
        "schedule": crontab(hour=3, minute=45),
    },
    "purge-expired-codes": {
        "task": "notifications.tasks.verification_codes_purge_task",
        "schedule": 60.0 * 60,
    },
}

# Messages to citizens (notifications/). The console gateway prints SMS and /dev/sms/ shows
# them; TWILIO_ACCOUNT_SID switches to Twilio.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
if env("TWILIO_ACCOUNT_SID", default=""):
    SMS_GATEWAY = {
        "BACKEND": "integrations.sms.twilio.TwilioSmsGateway",
        "account_sid": env("TWILIO_ACCOUNT_SID"),
        "auth_token": env("TWILIO_AUTH_TOKEN"),
        "messaging_service_sid": env("TWILIO_MESSAGING_SERVICE_SID", default=""),
        "from_number": env("TWILIO_FROM", default=""),
        "status_callback_url": f"{PUBLIC_BASE_URL}/notifications/twilio/status/",
    }
else:
    SMS_GATEWAY = {"BACKEND": env("SMS_GATEWAY_BACKEND", default="integrations.sms.fake.ConsoleSmsGateway")}
    if env("SMS_GATEWAY_FILE", default=""):
        SMS_GATEWAY["path"] = env("SMS_GATEWAY_FILE")
TWILIO_AUTH_TOKEN = env("TWILIO_AUTH_TOKEN", default="")
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=6)
NOTIFICATION_RETRY_BASE_SECONDS = env.float("NOTIFICATION_RETRY_BASE_SECONDS", default=2.0)
NOTIFICATION_RETRY_MAX_SECONDS = env.float("NOTIFICATION_RETRY_MAX_SECONDS", default=300.0)
# A row claimed longer ago than this belongs to a dead worker (> the task's hard time limit).
NOTIFICATION_SEND_LEASE_SECONDS = env.int("NOTIFICATION_SEND_LEASE_SECONDS", default=120)
# The sweeper leaves fresh rows to the fast path for this long.
NOTIFICATION_SWEEP_GRACE_SECONDS = env.int("NOTIFICATION_SWEEP_GRACE_SECONDS", default=20)
NOTIFICATION_SWEEP_BATCH = 500
# /healthz calls the workers down when their last heartbeat (every 15 s) is older than this.
WORKER_HEARTBEAT_MAX_AGE = env.int("WORKER_HEARTBEAT_MAX_AGE", default=90)
# A live worker forgets its queue's other nodes silent this long (old deploys' containers).
WORKER_HEARTBEAT_FORGET_AFTER = env.int("WORKER_HEARTBEAT_FORGET_AFTER", default=24 * 3600)
# The pools of workers /healthz expects, by the name it reports them under (docker-compose's
# services) and the queue whose heartbeat proves one of them alive (`make worker` consumes both).
WORKER_POOLS = {"worker": "celery", "worker-sms": "sms"}
# The Celery queues whose length /metrics reports (azerishiq_celery_queue_length).
CELERY_QUEUES_WATCHED = ["celery", "documents", "sms"]

# /metrics (operations/metrics.py): with METRICS_TOKEN, only "Authorization: Bearer <token>" reads
# it; without, only these networks (the client address as core/client_address.py decides it).
# Production refuses to start with neither set.
METRICS_TOKEN = env("METRICS_TOKEN", default="")
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=["127.0.0.1/32", "::1/128"])
# One-time codes to prove a mobile number (notifications/verification.py), at most this many an
# hour: per citizen and number, per citizen, per client address, and per number whoever asks
# (generous, against SMS pumping: strangers must not be able to use up a victim's own codes).
PHONE_CODES_PER_HOUR = {"citizen_and_number": 5, "citizen": 10, "address": 20, "number": 20}
# Days a document link sent by SMS opens the bundle (the documents themselves also need the
# applicant's sign-in); links stop opening once the application is withdrawn or rejected.
DOCUMENT_LINK_MAX_AGE_DAYS = env.int("DOCUMENT_LINK_MAX_AGE_DAYS", default=3)
# A character the PDF font cannot draw: raise (tests set True) or log it and still issue the document.
DOCUMENTS_STRICT_GLYPHS = False
# The electronic seal on every issued document (applications/documents/seal.py): PEM files of the
# seal's certificate and key (and the key's passphrase), the intermediate certificates, and the
# roots a seal must chain to when the verification page checks it. With no certificate set,
# development and tests seal with a generated self-signed chain kept in
# DOCUMENT_SEAL_DEVELOPMENT_DIR (outside git); production refuses to start without a real one.
DOCUMENT_SEAL_CERTIFICATE = env("DOCUMENT_SEAL_CERTIFICATE", default="")
DOCUMENT_SEAL_KEY = env("DOCUMENT_SEAL_KEY", default="")
DOCUMENT_SEAL_KEY_PASSPHRASE = env("DOCUMENT_SEAL_KEY_PASSPHRASE", default="")
DOCUMENT_SEAL_CHAIN = env.list("DOCUMENT_SEAL_CHAIN", default=[])
DOCUMENT_SEAL_TRUST_ROOTS = env.list("DOCUMENT_SEAL_TRUST_ROOTS", default=[])
DOCUMENT_SEAL_DEVELOPMENT_DIR = env.path("DOCUMENT_SEAL_DEVELOPMENT_DIR", default=BASE_DIR / "var" / "seal")
# The supplier's legal details, printed on every document (the contract's parties in full). The
# defaults are demo values, marked DEMO: production refuses to start with them.
SUPPLIER_LEGAL_ADDRESS = env("SUPPLIER_LEGAL_ADDRESS", default="AZ0000, Bakı ş., Nümunə küç. 0 (DEMO)")
SUPPLIER_VOEN = env("SUPPLIER_VOEN", default="0000000000 (DEMO)")
SUPPLIER_BANK_NAME = env("SUPPLIER_BANK_NAME", default="DEMO Bank ASC")
SUPPLIER_BANK_ACCOUNT = env("SUPPLIER_BANK_ACCOUNT", default="AZ00DEMO00000000000000000000")
SUPPLIER_BANK_CODE = env("SUPPLIER_BANK_CODE", default="000000 (DEMO)")
SUPPLIER_BANK_SWIFT = env("SUPPLIER_BANK_SWIFT", default="DEMOAZ22")
# The largest copy the verification page accepts for checking (nginx takes bodies up to 1 MB).
DOCUMENT_VERIFY_UPLOAD_MAX_BYTES = env.int("DOCUMENT_VERIFY_UPLOAD_MAX_BYTES", default=900 * 1024)

# The client's address (core/client_address.py), for django-axes, the rate limits and the code
# quotas alike: X-Forwarded-For is believed only from these proxies (addresses or networks, e.g.
# the reverse proxy of docker-compose.yml). Empty: REMOTE_ADDR is the client, whatever the headers.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"

# Rate limits (django-ratelimit, counted in the default cache: set CACHE_URL to Redis when more
# than one process serves requests), per client address as above.
STATUS_LOOKUP_RATE = env("STATUS_LOOKUP_RATE", default="20/10m")
# Days the status link in the applicant's SMS (/s/<token>/) opens the application's public status:
# long enough for a decision and its appeal; the link shows no more than the lookup by number.
STATUS_LINK_MAX_AGE_DAYS = env.int("STATUS_LINK_MAX_AGE_DAYS", default=90)
# Copies checked on the public verification page, per client (each is hashed and its seal checked).
DOCUMENT_VERIFY_RATE = env("DOCUMENT_VERIFY_RATE", default="20/10m")
# Step 2's debt check shows an account's address, debt and open state: how many different
# accounts a citizen may check (every page that shows one counts; the same one again does not).
ACCOUNT_CHECK_RATE = env("ACCOUNT_CHECK_RATE", default="30/h")
RATELIMIT_IP_META_KEY = "core.client_address.client_address"
RATELIMIT_USE_CACHE = "default"
SILENCED_SYSTEM_CHECKS = [
    # Django's own RedisCache increments atomically; django-ratelimit just does not list it.
    "django_ratelimit.W001",
    # The embedded default is one process, where the local-memory cache is shared by every
    # request; production.py refuses to start with it.
    "django_ratelimit.E003",
]

# Billing: an approved application's command is retried while billing does not answer (backoff
# with jitter, up to these), then shown to staff as failed; a command claimed longer ago than the
# lease belongs to a worker that died mid-send (> the task's hard time limit).
BILLING_COMMAND_MAX_ATTEMPTS = env.int("BILLING_COMMAND_MAX_ATTEMPTS", default=8)
BILLING_COMMAND_RETRY_BASE_SECONDS = env.float("BILLING_COMMAND_RETRY_BASE_SECONDS", default=5.0)
BILLING_COMMAND_RETRY_MAX_SECONDS = env.float("BILLING_COMMAND_RETRY_MAX_SECONDS", default=600.0)
BILLING_COMMAND_LEASE_SECONDS = env.int("BILLING_COMMAND_LEASE_SECONDS", default=120)
# While a citizen walks the wizard, billing's answer about their account is reused for this long;
# sending, correcting and approving always ask billing again.
BILLING_ACCOUNT_CACHE_SECONDS = env.int("BILLING_ACCOUNT_CACHE_SECONDS", default=300)

# The handover: how long the outgoing holder's and the co-owners' SMS links work, and the most a
# household plausibly uses a day (a reading implying more is refused as a typo).
HANDOVER_LINK_MAX_AGE_DAYS = env.int("HANDOVER_LINK_MAX_AGE_DAYS", default=30)
HANDOVER_READING_MAX_KWH_PER_DAY = env.int("HANDOVER_READING_MAX_KWH_PER_DAY", default=150)
# Answers on the outgoing holder's and the co-owners' pages, per client address.
HANDOVER_ANSWER_RATE = env("HANDOVER_ANSWER_RATE", default="20/h")

# Applications
APPLICATION_DECISION_WORKING_DAYS = env.int("APPLICATION_DECISION_WORKING_DAYS", default=5)
# A wizard draft (what a citizen typed but did not send) untouched this long is deleted; until
# then a citizen who signs out resumes it (applications/services/retention.py).
DRAFT_RETENTION_DAYS = env.int("DRAFT_RETENTION_DAYS", default=30)
# Days a decided application keeps its personal data (ID-card data and birth date in the registry
# snapshot, the property extract, phones, e-mail, notes, messages, documents), counted from the day
# it entered its status; then it is removed and the statistics kept. Open applications are kept.
# Why these lengths: README "Retention". Assumed, not from a published rule.
APPLICATION_RETENTION_DAYS = {
    # The change itself stays in the account's history; 3 years covers the Civil Code's ordinary
    # limitation period for a claim that the transfer or rename was wrong.
    "approved": env.int("APPLICATION_RETENTION_DAYS_APPROVED", default=3 * 365),
    # A year to complain about or appeal a refusal (or send it again with the same data).
    "rejected": env.int("APPLICATION_RETENTION_DAYS_REJECTED", default=365),
    # Taken back by the citizen: nothing was decided, nothing to answer for.
    "withdrawn": env.int("APPLICATION_RETENTION_DAYS_WITHDRAWN", default=90),
}
# Non-working days the deadline skips besides weekends: Azerbaijan's holidays from the `holidays`
# package (applications/workdays.py), corrected by the Cabinet of Ministers' yearly decisions on
# moving days off ("iş və istirahət günlərinin yerlərinin dəyişdirilməsi haqqında") and on the lunar
# bayram dates, once the package does not know them yet: HOLIDAYS_DAYS_OFF are extra days off,
# HOLIDAYS_WORKING_DAYS are rest days or holidays declared working days (ISO dates, comma-separated).
HOLIDAYS_COUNTRY = "AZ"
# Parsed here so that a mistyped date stops the start, not a submission.
HOLIDAYS_DAYS_OFF = [datetime.date.fromisoformat(day) for day in env.list("HOLIDAYS_DAYS_OFF", default=[])]
HOLIDAYS_WORKING_DAYS = [
    datetime.date.fromisoformat(day) for day in env.list("HOLIDAYS_WORKING_DAYS", default=[])
]

# Back office (Django admin): staff sign in with a password and a second factor; django-axes locks
# a username on one address out for 30 minutes after 5 failures. Its backend must come first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
# Wrong passwords for one username from anywhere (backoffice/throttle.py): past this, its password
# is not checked for the rest of the window, except from a browser that signed in as it before.
STAFF_USERNAME_GUESS_RATE = "20/15m"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Never stored with a failed attempt.
AXES_SENSITIVE_PARAMETERS = ["password", "code"]
# The second factor (backoffice/two_factor.py): an authenticator app (TOTP) and recovery codes.
# Wrong codes also count towards the lockout above.
OTP_TOTP_ISSUER = "Azərişıq arxa ofis"
# Setting up an authenticator needs a one-time enrolment code (manage.py staff_enrolment_code),
# valid this long.
STAFF_ENROLMENT_CODE_MINUTES = 60
# The admin's own device pages never show a secret again.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# History is evidence: nobody restores an old version from the admin.
SIMPLE_HISTORY_REVERT_DISABLED = True

# "plain" lines for a terminal, or "json": one object per event, for the log collector.
LOG_FORMAT = env("LOG_FORMAT", default="plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ValueError("LOG_FORMAT must be plain or json")
# Celery's own handlers: the same request id (azerishiq_portal/celery.py adds the filter).
CELERY_WORKER_LOG_FORMAT = "[%(asctime)s: %(levelname)s/%(processName)s] [%(request_id)s] %(message)s"
CELERY_WORKER_TASK_LOG_FORMAT = (
    "[%(asctime)s: %(levelname)s/%(processName)s] [%(request_id)s] %(task_name)s[%(task_id)s]: %(message)s"
)

# Every handler masks FİN, phone numbers and e-mail addresses (core/personal_data.py);
# Django's own handlers are replaced by these, so no line is written without the filter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "personal_data": {"()": "core.personal_data.PersonalDataFilter"},
        "request_id": {"()": "core.request_id.RequestIdFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        # One JSON object per line (LOG_FORMAT=json, as docker-compose.yml sets it).
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["personal_data", "request_id"],
        },
        "server": {
            "class": "logging.StreamHandler",
            "formatter": "server",
            "filters": ["personal_data", "request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Without handlers of their own (Django's default console and mail_admins are dropped):
        # their records reach the root's console.
        "django": {"level": "INFO"},
        # runserver's request lines (URLs with their query strings).
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # twilio logs whole requests (numbers, texts) at INFO.
        "twilio.http_client": {"level": "WARNING"},
    },
}

# Error reports (core/error_reports.py): off unless SENTRY_DSN is set; personal data scrubbed.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from core.error_reports import sentry_init

    sentry_init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
