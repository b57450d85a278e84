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


def test_production_refuses_to_start_with_metrics_open_to_anyone():
    started = production_settings(METRICS_TOKEN=None, METRICS_ALLOWED_NETWORKS=None)

    assert started.returncode != 0
    assert "METRICS_TOKEN" in started.stderr


def test_production_starts_with_metrics_read_from_a_network_only():
    started = production_settings(METRICS_TOKEN=None, METRICS_ALLOWED_NETWORKS="172.16.0.0/12")

    assert started.returncode == 0, started.stderr


def test_production_refuses_to_start_without_a_virus_scanner():
    started = production_settings(CLAMD_ADDRESS=None)

    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr
    assert "CLAMD_ADDRESS" in started.stderr


def test_production_refuses_the_development_no_op_scanner():
    started = production_settings(
        CLAMD_ADDRESS=None, ANTIVIRUS_BACKEND="integrations.antivirus.fake.NoOpAntivirus"
    )

    assert started.returncode != 0
    assert "CLAMD_ADDRESS" in started.stderr
