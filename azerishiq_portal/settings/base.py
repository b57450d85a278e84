"""Settings for every environment: safe local defaults, everything read from the environment.

A fresh clone runs with no services at all (SQLite, in-process tasks, console SMS).
`production.py` only hardens these; `test.py` only speeds them up.
"""

from pathlib import Path

import environ

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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "formtools",
    "crispy_forms",
    "crispy_bootstrap5",
    "subscribers",
    "applications",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "subscribers.middleware.SessionIdleTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "subscribers.User"
LOGIN_URL = "signin:start"
LOGIN_REDIRECT_URL = "applications:wizard"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The session carries only the sign-in; the wizard's progress lives in the database
# (WizardDraft), so a lost session loses nothing. Sessions are server-side (revocable at
# sign-out); SESSION_ENGINE=django.contrib.sessions.backends.cache moves them to Redis.
SESSION_ENGINE = env("SESSION_ENGINE", default="django.contrib.sessions.backends.db")
# Idle timeout: the session ends after this long without a request (slid once a minute by
# subscribers.middleware.SessionIdleTimeoutMiddleware).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_TOUCH_INTERVAL = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Languages: Azerbaijani by default, English and Russian.
LANGUAGE_CODE = "az"
LANGUAGES = [("az", "Azərbaycanca"), ("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
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

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://portal"),
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="e-xidmet@azerishiq.az")

# External systems, each behind a settings-selected adapter (subscribers/adapters). The fake
# backend is the default; setting <SYSTEM>_URL switches to the real HTTP one.
def _adapter(prefix: str, *, fake: str, real: str, **options) -> dict:
    url = env(f"{prefix}_URL", default="")
    backend = env(f"{prefix}_BACKEND", default=real if url else fake)
    if not url:
        return {"BACKEND": backend}
    return {"BACKEND": backend, "base_url": url, **options}


STATE_REGISTRY = _adapter(
    "STATE_REGISTRY",
    fake="subscribers.adapters.registry.FakeStateRegistry",
    real="subscribers.adapters.registry.HttpStateRegistry",
    api_key=env("STATE_REGISTRY_API_KEY", default=""),
    timeout=env.float("STATE_REGISTRY_TIMEOUT", default=3.0),
)
BILLING = _adapter(
    "BILLING",
    fake="subscribers.adapters.billing.DatabaseBilling",
    real="subscribers.adapters.billing.HttpBilling",
    api_key=env("BILLING_API_KEY", default=""),
    timeout=env.float("BILLING_TIMEOUT", default=3.0),
)
IDENTITY_PROVIDER = _adapter(
    "IDENTITY_PROVIDER",
    fake="subscribers.adapters.identity.FakeIdentityProvider",
    real="subscribers.adapters.identity.HttpIdentityProvider",
    client_id=env("IDENTITY_PROVIDER_CLIENT_ID", default=""),
    client_secret=env("IDENTITY_PROVIDER_CLIENT_SECRET", default=""),
    timeout=env.float("IDENTITY_PROVIDER_TIMEOUT", default=5.0),
)

# Applications
APPLICATION_DECISION_WORKING_DAYS = env.int("APPLICATION_DECISION_WORKING_DAYS", default=5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
