"""Production must not start with the development SMS gateway (house style, "External systems")."""

import os
import subprocess
import sys

from django.conf import settings


def production_settings(**environment) -> subprocess.CompletedProcess:
    """Import the production settings in a fresh interpreter with only `environment` set."""
    hardened = {
        "PATH": os.environ.get("PATH", ""),
        "SECRET_KEY": "p" * 64,
        # Real adapters everywhere but the one under test (ALLOW_FAKE_ADAPTERS would allow all).
        "STATE_REGISTRY_URL": "https://registry.example",
        "IDENTITY_PROVIDER_URL": "https://login.example",
        "IDENTITY_PROVIDER_CLIENT_ID": "portal",
        "IDENTITY_PROVIDER_CLIENT_SECRET": "secret",
        "CACHE_URL": "redis://127.0.0.1:6379/0",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        **environment,
    }
    return subprocess.run(  # noqa: S603 — our own interpreter, fixed arguments
        [sys.executable, "-c", "import azerishiq_portal.settings.production"],
        cwd=settings.BASE_DIR,
        env=hardened,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_starts_with_twilio_configured():
    started = production_settings(
        TWILIO_ACCOUNT_SID="AC" + "0" * 32,
        TWILIO_AUTH_TOKEN="token",  # noqa: S106
        TWILIO_MESSAGING_SERVICE_SID="MG" + "1" * 32,
    )

    assert started.returncode == 0, started.stderr


def test_production_refuses_to_start_with_the_console_sms_gateway():
    started = production_settings(TWILIO_ACCOUNT_SID="")

    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr
    assert "SMS" in started.stderr or "TWILIO" in started.stderr
