"""Test settings: the base settings, made fast and deterministic."""

from .base import *  # noqa: F403
from .base import cache_from_env

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "uploads": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
# Finds the EICAR test file without a daemon; tests of the real scanner use clamd (tests/support/clamd.py).
ANTIVIRUS = {"BACKEND": "integrations.antivirus.fake.FakeAntivirus"}
CACHES = {"default": cache_from_env("locmemcache://tests")}
LOGGING = {"version": 1, "disable_existing_loggers": False}
SMS_GATEWAY = {"BACKEND": "integrations.sms.fake.InMemorySmsGateway"}
# Tasks run in-process even when CI exports REDIS_URL; tests/e2e starts real workers itself.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://localhost/"
