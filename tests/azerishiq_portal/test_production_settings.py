"""Production must not start with the development SMS gateway (house style, "External systems")."""

from tests.support.production import production_settings


def test_production_starts_with_twilio_configured():
    started = production_settings()

    assert started.returncode == 0, started.stderr


def test_production_refuses_to_start_with_the_console_sms_gateway():
    started = production_settings(TWILIO_ACCOUNT_SID="")

    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr
    assert "SMS" in started.stderr or "TWILIO" in started.stderr
