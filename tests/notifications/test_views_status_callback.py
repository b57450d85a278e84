"""Twilio's delivery reports at /notifications/twilio/status/: signed, idempotent, never moving
a message backwards; a temporary delivery failure sent again with backoff, a permanent one (or
the last temporary one) failing and falling back to e-mail."""

import pytest
from django.core import mail
from django.utils import timezone
from twilio.request_validator import RequestValidator

from integrations.sms.twilio import DELIVERY_ERRORS, PERMANENT_DELIVERY_ERRORS, delivery_report
from notifications.models import Notification
from notifications.services import notification_deliver
from tests.support.demo import EMAIL
from tests.support.outbox import MOBILE

AUTH_TOKEN = "callback-test-token"  # noqa: S105
PATH = "/notifications/twilio/status/"
SID = "SM" + "c" * 32
Status = Notification.Status


@pytest.fixture(autouse=True)
def twilio_settings(settings):
    settings.TWILIO_AUTH_TOKEN = AUTH_TOKEN
    settings.PUBLIC_BASE_URL = "http://testserver"


@pytest.fixture
def receipt(submitted):
    """The receipt SMS, accepted by Twilio under SID."""
    row = Notification.objects.get(
        application=submitted, channel=Notification.Channel.SMS, template="receipt"
    )
    assert row.status == Status.SENT
    Notification.objects.filter(pk=row.pk).update(provider_message_id=SID)
    row.refresh_from_db()
    return row


def report(status: str, *, sid: str = SID, **extra) -> dict:
    """A status callback as Twilio posts it."""
    return {
        "AccountSid": "AC" + "0" * 32,
        "ApiVersion": "2010-04-01",
        "From": "+15005550006",
        "To": MOBILE,
        "MessageSid": sid,
        "SmsSid": sid,
        "MessageStatus": status,
        "SmsStatus": status,
        **extra,
    }


def signature(settings, params: dict) -> str:
    return RequestValidator(settings.TWILIO_AUTH_TOKEN).compute_signature(
        settings.PUBLIC_BASE_URL + PATH, params
    )


def post_report(client, settings, params: dict, **headers):
    return client.post(PATH, params, HTTP_X_TWILIO_SIGNATURE=signature(settings, params), **headers)


def test_delivered_report_moves_the_message_to_delivered(client, settings, receipt):
    response = post_report(client, settings, report("delivered"))

    assert response.status_code == 204
    receipt.refresh_from_db()
    assert receipt.status == Status.DELIVERED
    assert receipt.delivered_at is not None


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="missing"),
        pytest.param({"HTTP_X_TWILIO_SIGNATURE": "bm90IGEgc2lnbmF0dXJl"}, id="wrong"),
    ],
)
def test_report_without_a_valid_signature_is_refused(client, receipt, headers):
    response = client.post(PATH, report("delivered"), **headers)

    assert response.status_code == 403
    receipt.refresh_from_db()
    assert receipt.status == Status.SENT


def test_report_signed_for_other_parameters_is_refused(client, settings, receipt):
    signed_for = report("delivered")
    tampered = report("undelivered", ErrorCode="30005")

    response = client.post(PATH, tampered, HTTP_X_TWILIO_SIGNATURE=signature(settings, signed_for))

    assert response.status_code == 403
    receipt.refresh_from_db()
    assert receipt.status == Status.SENT


def test_without_an_auth_token_configured_every_report_is_refused(client, settings, receipt):
    params = report("delivered")
    valid = signature(settings, params)
    settings.TWILIO_AUTH_TOKEN = ""

    response = client.post(PATH, params, HTTP_X_TWILIO_SIGNATURE=valid)

    assert response.status_code == 403
    receipt.refresh_from_db()
    assert receipt.status == Status.SENT


def test_report_arriving_through_a_tls_proxy_is_checked_against_the_public_https_address(
    client, settings, receipt
):
    settings.PUBLIC_BASE_URL = "https://e.azerishiq.az"
    settings.ALLOWED_HOSTS = ["e.azerishiq.az"]
    params = report("delivered")

    # The proxy terminates TLS and forwards plain http with the original host and scheme.
    response = post_report(
        client, settings, params, HTTP_HOST="e.azerishiq.az", HTTP_X_FORWARDED_PROTO="https", secure=False
    )

    assert response.status_code == 204
    receipt.refresh_from_db()
    assert receipt.status == Status.DELIVERED


def test_a_late_sent_report_never_moves_a_delivered_message_back(client, settings, receipt):
    assert post_report(client, settings, report("delivered")).status_code == 204

    for late in ("sent", "queued", "sending"):
        assert post_report(client, settings, report(late)).status_code == 204

    receipt.refresh_from_db()
    assert receipt.status == Status.DELIVERED


def test_the_same_report_twice_changes_nothing_the_second_time(client, settings, receipt):
    assert post_report(client, settings, report("delivered")).status_code == 204
    receipt.refresh_from_db()
    first = (receipt.status, receipt.delivered_at, receipt.updated_at)

    assert post_report(client, settings, report("delivered")).status_code == 204

    receipt.refresh_from_db()
    assert (receipt.status, receipt.delivered_at, receipt.updated_at) == first


@pytest.mark.parametrize("error_code", ["30005", "30006", "21610", "30007"])
def test_undelivered_fails_the_sms_with_the_reason_and_falls_back_to_email(
    client, settings, receipt, error_code, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_report(client, settings, report("undelivered", ErrorCode=error_code))

    assert response.status_code == 204
    receipt.refresh_from_db()
    assert receipt.status == Status.FAILED
    assert receipt.last_error == PERMANENT_DELIVERY_ERRORS[error_code]
    assert receipt.fallback.channel == Notification.Channel.EMAIL
    [email] = mail.outbox
    assert email.to == [EMAIL]
    assert email.body == receipt.body


def test_undelivered_twice_sends_one_fallback_email(
    client, settings, receipt, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_report(client, settings, report("undelivered", ErrorCode="30005"))
        post_report(client, settings, report("failed", ErrorCode="30005"))

    assert Notification.objects.filter(channel=Notification.Channel.EMAIL).count() == 1
    assert len(mail.outbox) == 1


def test_undelivered_after_delivered_is_ignored(
    client, settings, receipt, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_report(client, settings, report("delivered"))
        post_report(client, settings, report("undelivered", ErrorCode="30005"))

    receipt.refresh_from_db()
    assert receipt.status == Status.DELIVERED
    assert mail.outbox == []


def test_report_for_an_unknown_message_is_accepted_and_changes_nothing(client, settings, receipt):
    response = post_report(client, settings, report("delivered", sid="SM" + "f" * 32))

    assert response.status_code == 204
    receipt.refresh_from_db()
    assert receipt.status == Status.SENT


def test_get_is_not_allowed(client):
    assert client.get(PATH).status_code == 405


def test_each_report_is_recorded_once_however_often_it_is_replayed(client, settings, receipt):
    from notifications.models import DeliveryReportReceived

    answers = [
        post_report(client, settings, report(status)).status_code for status in ("sent", "sent", "delivered")
    ]
    replays = [post_report(client, settings, report("delivered")).status_code for _ in range(3)]

    assert answers == [204] * 3 and replays == [204] * 3
    recorded = DeliveryReportReceived.objects.filter(provider_message_id=SID)
    assert sorted(recorded.values_list("outcome", flat=True)) == ["delivered", "sent"]


# --- temporary or permanent: one table ---------------------------------------------------


def test_the_table_classifies_the_carrier_failures():
    temporary = {code for code, (is_temporary, _reason) in DELIVERY_ERRORS.items() if is_temporary}

    assert temporary == {"30001", "30003", "30008", "30009"}
    assert {"30005", "30006", "21610"} <= set(PERMANENT_DELIVERY_ERRORS)
    for code, (is_temporary, reason) in DELIVERY_ERRORS.items():
        parsed = delivery_report(report("undelivered", ErrorCode=code))
        assert (parsed.temporary, parsed.reason) == (is_temporary, reason)
    assert delivery_report(report("failed", ErrorCode="39999")).temporary is False  # unknown: permanent


def due_now(row: Notification) -> None:
    """The backoff has passed (the row waits for its next attempt time)."""
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())


@pytest.mark.parametrize("error_code", ["30001", "30003", "30008"])
def test_a_temporary_failure_is_sent_again_after_the_backoff_without_the_fallback(
    client, settings, receipt, sms_outbox, error_code, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_report(client, settings, report("undelivered", ErrorCode=error_code))

    receipt.refresh_from_db()
    assert receipt.status == Status.PENDING
    assert receipt.next_attempt_at > timezone.now()
    assert receipt.last_error == DELIVERY_ERRORS[error_code][1]
    assert mail.outbox == [] and not Notification.objects.filter(channel="email").exists()
    sent_before = len(sms_outbox)

    due_now(receipt)
    notification_deliver(notification_id=receipt.pk)

    receipt.refresh_from_db()
    assert receipt.status == Status.SENT
    assert len(sms_outbox) == sent_before + 1


def test_temporary_failures_fall_back_to_email_once_the_attempts_are_used_up(
    client, settings, receipt, sms_outbox, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        post_report(client, settings, report("undelivered", ErrorCode="30003"))
    due_now(receipt)
    notification_deliver(notification_id=receipt.pk)
    second_sid = Notification.objects.get(pk=receipt.pk).provider_message_id

    with django_capture_on_commit_callbacks(execute=True):
        post_report(client, settings, report("undelivered", sid=second_sid, ErrorCode="30003"))

    receipt.refresh_from_db()
    assert receipt.status == Status.FAILED
    assert "30003" in receipt.last_error and "2 cəhd" in receipt.last_error
    [email] = mail.outbox
    assert email.to == [EMAIL]
