"""The production settings, imported in a fresh interpreter with a realistic environment, as a
deployment imports them: production.py refuses to start rather than run with a fake."""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

REALISTIC_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "azerishiq_portal.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "e-xidmet.azerishiq.az",
    "CSRF_TRUSTED_ORIGINS": "https://e-xidmet.azerishiq.az",
    "PUBLIC_BASE_URL": "https://e-xidmet.azerishiq.az",
    "STATE_REGISTRY_URL": "https://registry.example",
    "STATE_REGISTRY_API_KEY": "registry-key",
    "BILLING_URL": "https://billing.example",
    "BILLING_API_KEY": "billing-key",
    "IDENTITY_PROVIDER_URL": "https://login.example",
    "IDENTITY_PROVIDER_CLIENT_ID": "portal",
    "IDENTITY_PROVIDER_CLIENT_SECRET": "identity-secret",
    "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
    "TWILIO_AUTH_TOKEN": "twilio-token",
    "TWILIO_MESSAGING_SERVICE_SID": "MG" + "1" * 32,
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EGOV_WEBHOOKS_BACKEND": "integrations.egov.http.HttpWebhookSender",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "LOG_LEVEL": "WARNING",
    "METRICS_TOKEN": "metrics-token",
    "DOCUMENT_SEAL_CERTIFICATE": "/run/secrets/seal-certificate.pem",
    "DOCUMENT_SEAL_KEY": "/run/secrets/seal-key.pem",
    "DOCUMENT_SEAL_TRUST_ROOTS": "/run/secrets/seal-root.pem",
    "SUPPLIER_LEGAL_ADDRESS": "AZ1008, Bakı ş., Nümunə küç. 10",
    "SUPPLIER_VOEN": "1234567891",
    "SUPPLIER_BANK_NAME": "Nümunə Bank ASC",
    "SUPPLIER_BANK_ACCOUNT": "AZ21NABZ00000000137010001944",
    "SUPPLIER_BANK_CODE": "123456",
    "SUPPLIER_BANK_SWIFT": "NABZAZ2X",
    "CLAMD_ADDRESS": "clamav:3310",
}


def run_with_production_settings(args: list[str], **environment) -> subprocess.CompletedProcess:
    """Run our interpreter with `args` and only the realistic production environment, with
    `environment`'s overrides (None leaves a variable out)."""
    merged = {"PATH": os.environ.get("PATH", ""), **REALISTIC_ENVIRONMENT, **environment}
    return subprocess.run(  # noqa: S603 — our own interpreter, fixed arguments
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={name: value for name, value in merged.items() if value is not None},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_values(*names: str) -> dict:
    """The named settings as production.py leaves them."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}))"
    )
    done = run_with_production_settings(["-c", script])
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def production_settings(**environment) -> subprocess.CompletedProcess:
    """Import the production settings (as the web and the workers do) with `environment`'s
    overrides of the realistic environment; a refusal is an ImproperlyConfigured in stderr."""
    return run_with_production_settings(["-c", "import azerishiq_portal.settings.production"], **environment)
