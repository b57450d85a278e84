"""Production must not start with the development SMS gateway (house style, "External systems")."""

from tests.support.production import production_settings, production_values


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


def test_production_refuses_to_start_with_the_emulated_asan_login():
    started = production_settings(IDENTITY_PROVIDER_URL=None)

    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr
    assert "IDENTITY_PROVIDER" in started.stderr


def test_production_refuses_an_asan_login_issuer_on_the_portal_itself():
    # An issuer given as a path is the portal's own emulated provider, reached in-process.
    started = production_settings(IDENTITY_PROVIDER_URL="/asan-login")

    assert started.returncode != 0
    assert "IDENTITY_PROVIDER" in started.stderr


def test_production_signs_in_at_the_configured_issuer_over_the_network():
    values = production_values("IDENTITY_PROVIDER", "OAUTH2_PROVIDER")

    identity = values["IDENTITY_PROVIDER"]
    assert identity["issuer"] == "https://login.example"
    assert identity["client_id"] == "portal"
    assert "transport" not in identity
    # No emulated signing key: only a real ASAN Login signs ID tokens.
    assert values["OAUTH2_PROVIDER"]["OIDC_RSA_PRIVATE_KEY"] == ""


def test_production_refuses_to_start_with_the_recording_webhook_sender():
    started = production_settings(EGOV_WEBHOOKS_BACKEND="integrations.egov.fake.RecordingWebhookSender")

    assert started.returncode != 0
    assert "EGOV_WEBHOOKS" in started.stderr


def test_production_refuses_to_start_with_the_generated_development_seal():
    for missing in ("DOCUMENT_SEAL_CERTIFICATE", "DOCUMENT_SEAL_KEY", "DOCUMENT_SEAL_TRUST_ROOTS"):
        started = production_settings(**{missing: None})

        assert started.returncode != 0, missing
        assert "ImproperlyConfigured" in started.stderr
        assert "DOCUMENT_SEAL_CERTIFICATE" in started.stderr


def test_production_refuses_to_print_the_demo_supplier_details():
    started = production_settings(SUPPLIER_VOEN=None)

    assert started.returncode != 0
    assert "SUPPLIER_VOEN" in started.stderr


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
