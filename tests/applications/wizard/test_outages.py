"""When the state registry, billing or ASAN Login does not answer: a friendly page, nothing
lost, and the journey finishes once the system is back."""

import pytest
from django.conf import settings as django_settings

from applications.models import Application
from tests.support.demo import AYSEL, NESIMI_FLAT, RAUF_ACCOUNT
from tests.support.identity import UNREACHABLE_TRANSPORT
from tests.support.wizard import (
    CLOSED_PORT,
    application_fields,
    assert_redirects_to,
    fill_until,
    input_value,
    is_signed_in,
    post_step,
    query_of,
    send,
    step_url,
    submission_key,
    visible_text,
)

REGISTRY_DOWN = {
    "BACKEND": "integrations.registry.http.HttpStateRegistry",
    "base_url": CLOSED_PORT,
    "timeout": 0.2,
}
BILLING_DOWN = {
    "BACKEND": "integrations.billing.http.HttpBilling",
    "base_url": CLOSED_PORT,
    "timeout": 0.2,
}
IDENTITY_DOWN = {
    "BACKEND": "integrations.identity.oidc.OidcIdentityProvider",
    "issuer": CLOSED_PORT,
    "client_id": "x",
    "client_secret": "y",
    "timeout": 0.2,
}


@pytest.fixture
def aysel(signed_in_client):
    return signed_in_client(AYSEL)


@pytest.fixture
def outage(settings):
    """`outage("STATE_REGISTRY", ...)` takes a system down; the returned function brings it back."""

    def take_down(name: str, down: dict):
        working = getattr(django_settings, name)
        setattr(settings, name, down)
        if name == "BILLING":
            # Down long enough that the wizard's copy of the account is too old to reuse.
            settings.BILLING_ACCOUNT_CACHE_SECONDS = 0
        return lambda: setattr(settings, name, working)

    return take_down


def assert_friendly_outage_page(response, retry_step: str):
    assert response.status_code == 503
    text = visible_text(response)
    assert "Yazdıqlarınız yadda saxlanılıb" in text
    assert "Yenidən cəhd et" in text
    assert f'href="{step_url(retry_step)}"' in response.content.decode()
    assert "127.0.0.1" not in text
    assert "Error" not in text


def finish(client):
    fill_until(client, "contact")
    response = send(client)
    assert_redirects_to(response, "/apply/submitted/")
    application = Application.objects.get()
    assert application.number in visible_text(client.get("/apply/submitted/"))
    return application


def test_registry_down_at_step_one(aysel, outage):
    restore = outage("STATE_REGISTRY", REGISTRY_DOWN)

    assert_friendly_outage_page(aysel.get(step_url("basic")), "basic")
    assert_friendly_outage_page(post_step(aysel, "basic"), "basic")

    restore()
    page = aysel.get(step_url("basic"))
    assert page.status_code == 200
    assert "Məmmədova" in visible_text(page)
    assert finish(aysel).applicant_fin == AYSEL


def test_registry_down_at_the_property_step_keeps_what_was_typed(aysel, outage):
    fill_until(aysel, "application")
    typed = {**NESIMI_FLAT, "registry_number": "6080 1100 1798"}
    restore = outage("STATE_REGISTRY", REGISTRY_DOWN)

    response = post_step(aysel, "property", typed)

    assert_friendly_outage_page(response, "property")
    restore()
    page = aysel.get(step_url("property"))
    assert page.status_code == 200
    for name, value in typed.items():
        assert input_value(page, f"property-{name}") == value, name
    assert_redirects_to(post_step(aysel, "property", typed), step_url("handover"))
    assert finish(aysel).registry_number == "608011001798"


def test_billing_down_at_step_two_keeps_what_was_typed(aysel, outage):
    fill_until(aysel, "basic")
    restore = outage("BILLING", BILLING_DOWN)

    response = post_step(aysel, "application", application_fields("transfer", RAUF_ACCOUNT))

    assert_friendly_outage_page(response, "application")
    restore()
    page = aysel.get(step_url("application"))
    assert page.status_code == 200
    assert input_value(page, "application-subscriber_code") == RAUF_ACCOUNT
    assert input_value(page, "application-kind") == "transfer"
    assert_redirects_to(
        post_step(aysel, "application", application_fields("transfer", RAUF_ACCOUNT)),
        step_url("property"),
    )
    assert finish(aysel).subscriber_code == RAUF_ACCOUNT


def test_billing_down_at_yoxla_keeps_what_was_typed(aysel, outage):
    fill_until(aysel, "basic")
    restore = outage("BILLING", BILLING_DOWN)

    response = post_step(
        aysel, "application", application_fields("transfer", RAUF_ACCOUNT), check_account="1"
    )

    assert_friendly_outage_page(response, "application")
    restore()
    page = aysel.get(step_url("application"))
    assert input_value(page, "application-subscriber_code") == RAUF_ACCOUNT


def test_registry_down_when_sending_sends_nothing_and_sending_later_works(aysel, outage):
    fill_until(aysel, "contact")
    key = submission_key(aysel)
    restore = outage("STATE_REGISTRY", REGISTRY_DOWN)

    response = send(aysel, key)

    assert response.status_code == 503
    assert "Yazdıqlarınız yadda saxlanılıb" in visible_text(response)
    assert Application.objects.count() == 0
    restore()
    assert_redirects_to(send(aysel, key), "/apply/submitted/")
    assert Application.objects.count() == 1


def test_billing_down_when_sending_sends_nothing_and_sending_later_works(aysel, outage):
    fill_until(aysel, "contact")
    key = submission_key(aysel)
    restore = outage("BILLING", BILLING_DOWN)

    assert send(aysel, key).status_code == 503
    assert Application.objects.count() == 0
    restore()
    assert_redirects_to(send(aysel, key), "/apply/submitted/")
    assert Application.objects.count() == 1


# --- ASAN Login ---------------------------------------------------------------------------


def test_identity_provider_down_at_the_start(client, settings):
    settings.IDENTITY_PROVIDER = IDENTITY_DOWN

    response = client.get("/signin/", {"next": "/apply/"})

    assert response.status_code == 503
    text = visible_text(response)
    assert "giriş hazırda mümkün deyil" in text
    assert "Yenidən daxil ol" in text
    assert "127.0.0.1" not in text
    assert not is_signed_in(client)


def test_identity_provider_down_at_the_callback(client, settings):
    start = client.get("/signin/", {"next": "/apply/"})
    login = client.post(start["Location"], {"method": "asan_imza", "fin": AYSEL})
    # ASAN Login goes down between the sign-in page and the code's exchange: its discovery is
    # already known, its token endpoint no longer answers.
    settings.IDENTITY_PROVIDER = {**settings.IDENTITY_PROVIDER, "transport": UNREACHABLE_TRANSPORT}

    response = client.get(login["Location"])

    assert response.status_code == 503
    text = visible_text(response)
    assert "giriş hazırda mümkün deyil" in text
    assert "Yenidən daxil ol" in text
    assert not is_signed_in(client)


def test_identity_provider_callback_with_a_wrong_state_is_refused_before_asking(client, settings):
    start = client.get("/signin/", {"next": "/apply/"})
    login = client.post(start["Location"], {"method": "asan_imza", "fin": AYSEL})
    settings.IDENTITY_PROVIDER = {**settings.IDENTITY_PROVIDER, "transport": UNREACHABLE_TRANSPORT}

    code = query_of(login["Location"])["code"]

    response = client.get("/signin/callback/", {"code": code, "state": "forged"})

    assert response.status_code == 400
    assert "Giriş alınmadı" in visible_text(response)
    assert not is_signed_in(client)


def test_emulated_asan_page_is_gone_with_the_real_provider(client, settings):
    settings.IDENTITY_PROVIDER = IDENTITY_DOWN

    for path in ("authorize/", ".well-known/openid-configuration", ".well-known/jwks.json", "token/"):
        assert client.get(f"/asan-login/{path}", {"state": "anything"}).status_code == 404, path
