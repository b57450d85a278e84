"""e-gov.az's clients in the back office: only a superuser (or staff given the permissions)
manages clients and subscriptions and sees the events; a dead letter is sent again from its list."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from applications.egov.models import EgovEvent, EgovSubscription
from applications.services import application_withdraw
from integrations.egov.fake import RecordingWebhookSender
from tests.support.applications import citizen_user
from tests.support.demo import AUDITOR, AYSEL, OPERATOR_BAKI, SUPERVISOR
from tests.support.egov import machine_client

EVENTS = "/admin/applications/egovevent/"
PAGES = [
    EVENTS,
    "/admin/applications/egovsubscription/",
    "/admin/applications/apiclientscopes/",
    "/admin/oauth2_provider/application/",
]


@pytest.fixture
def dead_letter(aysel_transfer):
    machine_client(webhook_url="https://e-gov.example/hook")
    application_withdraw(application=aysel_transfer, applicant=citizen_user(AYSEL))
    event = EgovEvent.objects.get()
    EgovEvent.objects.filter(pk=event.pk).update(
        status=EgovEvent.Status.DEAD, attempts=10, last_error="HTTP 503"
    )
    return event


@pytest.fixture
def root(staff_world):
    get_user_model().objects.create_superuser("root", "root@example.az", "x")
    return "root"


@pytest.mark.parametrize("username", [OPERATOR_BAKI, SUPERVISOR, AUDITOR])
def test_no_role_sees_the_clients_subscriptions_or_events(staff_client, staff_world, username):
    browser = staff_client(username)
    for page in PAGES:
        assert browser.get(page).status_code == 403, page


def test_a_superuser_sees_the_dead_letter_and_sends_it_again(
    staff_client, root, dead_letter, django_capture_on_commit_callbacks
):
    browser = staff_client(root)
    listing = browser.get(EVENTS, {"status": "dead"})
    assert listing.status_code == 200
    assert "HTTP 503" in listing.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            EVENTS, {"action": "resend", "_selected_action": [dead_letter.pk]}, follow=True
        )

    assert "1 hadisə yenidən növbəyə qoyuldu." in response.content.decode()
    dead_letter.refresh_from_db()
    assert dead_letter.status == EgovEvent.Status.DELIVERED
    assert [message.message_id for message, _ in RecordingWebhookSender.delivered] == [dead_letter.message_id]


def test_staff_who_may_only_view_the_events_cannot_send_them_again(staff_client, staff_world, dead_letter):
    supervisor = get_user_model().objects.get(username=SUPERVISOR)
    supervisor.user_permissions.add(Permission.objects.get(codename="view_egovevent"))
    browser = staff_client(SUPERVISOR)
    assert browser.get(EVENTS).status_code == 200

    browser.post(EVENTS, {"action": "resend", "_selected_action": [dead_letter.pk]})
    dead_letter.refresh_from_db()
    assert dead_letter.status == EgovEvent.Status.DEAD


def test_a_superuser_subscribes_a_client_and_the_secret_is_made_for_it(staff_client, root):
    client = machine_client().client
    browser = staff_client(root)
    assert browser.get("/admin/applications/egovsubscription/add/").status_code == 200

    response = browser.post(
        "/admin/applications/egovsubscription/add/",
        {
            "client": client.pk,
            "url": "https://e-gov.example/hook",
            "secret": EgovSubscription._meta.get_field("secret").default(),
            "event_types": '["application.done"]',
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    subscription = EgovSubscription.objects.get(client=client)
    assert subscription.secret.startswith("whsec_") and subscription.event_types == ["application.done"]
    assert subscription.created_at <= timezone.now()


def test_a_subscription_refuses_unknown_event_types_and_scopes(staff_client, root):
    client = machine_client().client
    browser = staff_client(root)
    response = browser.post(
        "/admin/applications/egovsubscription/add/",
        {
            "client": client.pk,
            "url": "https://e-gov.example/hook",
            "secret": "whsec_x",
            "event_types": '["x.y"]',
        },
    )
    assert response.status_code == 200
    assert "application.submitted" in response.content.decode()  # the message lists the types
    assert not EgovSubscription.objects.exists()
    scopes = browser.post(
        f"/admin/applications/apiclientscopes/{client.api_scopes.pk}/change/",
        {"client": client.pk, "scopes": '["admin:everything"]'},
    )
    assert scopes.status_code == 200
    client.api_scopes.refresh_from_db()
    assert client.api_scopes.scopes == ["applications:read"]


def test_a_weak_or_malformed_signing_secret_is_refused(staff_client, root):
    client = machine_client().client
    browser = staff_client(root)
    for secret in ("whsec_c2hvcnQ=", "not-a-secret", "whsec_***"):
        response = browser.post(
            "/admin/applications/egovsubscription/add/",
            {"client": client.pk, "url": "https://e-gov.example/hook", "secret": secret, "event_types": "[]"},
        )
        assert response.status_code == 200, secret
    assert not EgovSubscription.objects.exists()


def test_a_plain_http_webhook_url_is_refused_at_the_field(staff_client, root, settings):
    client = machine_client().client
    browser = staff_client(root)
    secret = EgovSubscription._meta.get_field("secret").default()
    typed = {
        "client": client.pk,
        "url": "http://e-gov.example/hook",
        "secret": secret,
        "event_types": '["application.done"]',
    }

    response = browser.post("/admin/applications/egovsubscription/add/", typed)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ünvan https:// ilə başlamalıdır." in page
    assert 'value="http://e-gov.example/hook"' in page  # what was typed stays in the field
    assert not EgovSubscription.objects.exists()

    settings.EGOV_WEBHOOK_ALLOW_HTTP = True  # a local receiver in development
    assert browser.post("/admin/applications/egovsubscription/add/", typed).status_code == 302
