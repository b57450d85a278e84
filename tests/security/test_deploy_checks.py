"""Production settings pass `manage.py check --deploy` cleanly, and their cookies and headers are
the hardened ones. Each test imports the production settings in a fresh interpreter with a
realistic environment, as a deployment would (tests/azerishiq_portal/test_production_settings.py)."""

import pytest

from tests.support.production import production_values, run_with_production_settings


def test_check_deploy_reports_no_warnings_and_no_errors():
    done = run_with_production_settings(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])

    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout, done.stdout
    assert "WARNINGS:" not in done.stdout + done.stderr
    assert "ERRORS:" not in done.stdout + done.stderr


def test_only_the_documented_checks_are_silenced():
    # django-ratelimit does not list Django's own RedisCache (which increments atomically);
    # E003 is the local-memory cache, which production refuses to start with anyway.
    silenced = production_values("SILENCED_SYSTEM_CHECKS")["SILENCED_SYSTEM_CHECKS"]

    assert set(silenced) <= {"django_ratelimit.W001", "django_ratelimit.E003"}


def test_production_cookies_are_secure_http_only_and_same_site():
    values = production_values(
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SAMESITE",
    )

    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_SAMESITE"] in ("Lax", "Strict")


def test_production_forces_https_and_strict_headers():
    values = production_values(
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "X_FRAME_OPTIONS",
        "PERMISSIONS_POLICY",
        "CONTENT_SECURITY_POLICY",
    )

    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert "camera=()" in values["PERMISSIONS_POLICY"]
    directives = values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["script-src"] == directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize(
    ("override", "complaint"),
    [
        ({"SECRET_KEY": "dev-only-insecure-key-change-me"}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"STATE_REGISTRY_URL": ""}, "STATE_REGISTRY"),
        ({"IDENTITY_PROVIDER_URL": ""}, "IDENTITY_PROVIDER"),
        ({"BILLING_URL": ""}, "BILLING"),
        # The fake billing's ledger named as the backend, even with a URL beside it.
        ({"BILLING_BACKEND": "integrations.billing.fake.FakeBilling"}, "BILLING"),
        ({"CACHE_URL": "locmemcache://"}, "CACHE_URL"),
        ({"TWILIO_ACCOUNT_SID": ""}, "SMS_GATEWAY"),
        ({"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "EMAIL_BACKEND"),
    ],
)
def test_production_refuses_to_start_with_development_defaults(override, complaint):
    done = run_with_production_settings(["-c", "import django; django.setup()"], **override)

    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert complaint in done.stderr
