"""The status events e-gov.az is told: one per status change and subscriber, written with the
change, signed as Standard Webhooks says, retried, in order per application, and a dead letter
staff can send again."""

import base64
import json
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from applications.egov.models import EgovEvent
from applications.egov.services import egov_event_deliver, egov_event_resend, egov_events_sweep
from applications.execution.services import billing_command_send
from applications.services import (
    TransitionRefused,
    application_approve,
    application_claim,
    application_personal_data_remove,
    application_reject,
    application_request_info,
    application_resubmit,
    application_withdraw,
)
from integrations.egov.fake import RecordingWebhookSender
from tests.support.applications import citizen_user
from tests.support.demo import AYSEL, NESIMI_FLAT, OPERATOR_BAKI, OPERATOR_SUMQAYIT, RAUF_ACCOUNT
from tests.support.egov import machine_client
from tests.support.staff import refreshed, submit, user

Status = EgovEvent.Status


@pytest.fixture
def egov(staff_world):
    return machine_client(webhook_url="https://e-gov.example/webhooks/azerishiq")


def event_types(application, machine) -> list[str]:
    return list(
        EgovEvent.objects.filter(application=application, subscription__client=machine.client)
        .order_by("pk")
        .values_list("event_type", flat=True)
    )


def deliver_all() -> None:
    for event_id in EgovEvent.objects.order_by("pk").values_list("pk", flat=True):
        egov_event_deliver(event_id=event_id)


def delivered_bodies() -> list[dict]:
    return [json.loads(message.payload) for message, _headers in RecordingWebhookSender.delivered]


def test_each_status_change_is_one_event_per_subscriber_in_order(egov):
    other = machine_client("another", webhook_url="https://other.example/hook")
    operator = user(OPERATOR_BAKI)
    application = submit(AYSEL, "transfer", RAUF_ACCOUNT, NESIMI_FLAT)
    application = application_claim(application=application, actor=operator)  # in review: no event
    application = application_request_info(application=application, actor=operator, message="Sənəd lazımdır")
    application = application_resubmit(application=application, applicant=citizen_user(AYSEL))
    application = application_approve(application=application, actor=operator)
    billing_command_send(command_id=application.billing_command.pk)

    expected = [
        "application.submitted",
        "application.info_requested",
        "application.approved",
        "application.done",
    ]
    assert event_types(application, egov) == expected
    assert event_types(application, other) == expected
    deliver_all()
    for url in ("https://e-gov.example/webhooks/azerishiq", "https://other.example/hook"):
        bodies = [
            json.loads(message.payload)
            for message, _ in RecordingWebhookSender.delivered
            if message.url == url
        ]
        assert [body["type"] for body in bodies] == expected
    done = bodies[-1]["data"]
    assert (done["status"], done["previous_status"], done["applicant_fin"]) == ("done", "approved", AYSEL)


def test_rejected_and_withdrawn_are_events_too(egov, aysel_transfer, leyla_rename):
    application_withdraw(application=aysel_transfer, applicant=citizen_user(AYSEL))
    operator = user(OPERATOR_SUMQAYIT)
    claimed = application_claim(application=leyla_rename, actor=operator)
    application_reject(application=claimed, actor=operator, reason="data_mismatch")

    assert event_types(aysel_transfer, egov) == ["application.submitted", "application.withdrawn"]
    assert event_types(leyla_rename, egov) == ["application.submitted", "application.rejected"]


def test_a_refused_step_writes_no_event(egov, aysel_transfer):
    with pytest.raises(TransitionRefused):
        application_reject(application=aysel_transfer, actor=user(OPERATOR_BAKI), reason="debt")
    assert event_types(aysel_transfer, egov) == ["application.submitted"]


def test_a_subscriber_gets_only_the_types_it_chose_and_an_inactive_one_none(egov, staff_world):
    chooser = machine_client("chooser", webhook_url="https://chooser.example/hook")
    chooser.client.egov_subscription.event_types = ["application.withdrawn"]
    chooser.client.egov_subscription.save()
    paused = machine_client("paused", webhook_url="https://paused.example/hook")
    paused.client.egov_subscription.is_active = False
    paused.client.egov_subscription.save()

    application = submit(AYSEL, "transfer", RAUF_ACCOUNT, NESIMI_FLAT)
    application_withdraw(application=application, applicant=citizen_user(AYSEL))

    assert event_types(application, chooser) == ["application.withdrawn"]
    assert event_types(application, paused) == []


def test_a_delivered_event_is_signed_with_the_subscribers_secret(egov, aysel_transfer):
    deliver_all()

    [(message, headers)] = RecordingWebhookSender.delivered
    event = EgovEvent.objects.get()
    assert message.url == "https://e-gov.example/webhooks/azerishiq"
    assert headers["webhook-id"] == event.message_id
    verified = Webhook(egov.client.egov_subscription.secret).verify(message.payload, headers)
    assert verified["type"] == "application.submitted"
    assert verified["data"]["number"] == aysel_transfer.number
    assert (event.status, event.attempts) == (Status.DELIVERED, 1)
    another_secret = "whsec_" + base64.b64encode(b"another secret, 32 bytes long..").decode()
    with pytest.raises(WebhookVerificationError):
        Webhook(another_secret).verify(message.payload, headers)


def test_the_event_carries_no_name_address_or_phone(egov, aysel_transfer):
    payload = json.dumps(EgovEvent.objects.get().payload, ensure_ascii=False)
    snapshot = aysel_transfer.registry_snapshot
    for personal in (snapshot["first_name"], snapshot["last_name"], aysel_transfer.mobile_phone, "Nəsimi"):
        assert personal not in payload


def test_a_delivered_event_is_not_sent_again(egov, aysel_transfer):
    deliver_all()
    deliver_all()
    egov_events_sweep()
    assert len(RecordingWebhookSender.delivered) == 1


def test_a_failed_attempt_waits_with_backoff_then_succeeds(egov, aysel_transfer):
    RecordingWebhookSender.failures = 1
    event = EgovEvent.objects.get()

    egov_event_deliver(event_id=event.pk)
    event.refresh_from_db()
    assert event.status == Status.PENDING and event.next_attempt_at > timezone.now()
    assert "scripted failure" in event.last_error
    egov_event_deliver(event_id=event.pk)  # not due yet
    assert RecordingWebhookSender.delivered == []

    EgovEvent.objects.filter(pk=event.pk).update(next_attempt_at=timezone.now())
    egov_event_deliver(event_id=event.pk)
    event.refresh_from_db()
    assert (event.status, event.attempts) == (Status.DELIVERED, 2)
    assert RecordingWebhookSender.delivered[0][1]["webhook-id"] == event.message_id


def test_a_later_event_waits_for_the_earlier_one_of_its_application(egov, aysel_transfer):
    application_withdraw(application=aysel_transfer, applicant=citizen_user(AYSEL))
    submitted, withdrawn = EgovEvent.objects.order_by("pk")

    egov_event_deliver(event_id=withdrawn.pk)  # the submitted one has not left yet
    assert RecordingWebhookSender.delivered == []
    assert refreshed_event(withdrawn).status == Status.PENDING

    egov_event_deliver(event_id=submitted.pk)
    egov_event_deliver(event_id=withdrawn.pk)
    assert [body["type"] for body in delivered_bodies()] == ["application.submitted", "application.withdrawn"]


def refreshed_event(event: EgovEvent) -> EgovEvent:
    event.refresh_from_db()
    return event


@override_settings(EGOV_EVENT_MAX_ATTEMPTS=2)
def test_retries_run_out_into_a_dead_letter_which_no_longer_holds_the_next_back(egov, aysel_transfer):
    application_withdraw(application=aysel_transfer, applicant=citizen_user(AYSEL))
    submitted, withdrawn = EgovEvent.objects.order_by("pk")
    RecordingWebhookSender.failures = 2
    for _ in range(2):
        EgovEvent.objects.filter(pk=submitted.pk).update(next_attempt_at=None)
        egov_event_deliver(event_id=submitted.pk)

    submitted = refreshed_event(submitted)
    assert (submitted.status, submitted.attempts) == (Status.DEAD, 2)
    assert "2 cəhd" in submitted.last_error
    egov_event_deliver(event_id=withdrawn.pk)
    assert [body["type"] for body in delivered_bodies()] == ["application.withdrawn"]

    assert egov_event_resend(event=submitted)
    egov_event_deliver(event_id=submitted.pk)
    assert refreshed_event(submitted).status == Status.DELIVERED
    assert RecordingWebhookSender.delivered[-1][1]["webhook-id"] == submitted.message_id


def test_the_sweeper_publishes_only_what_is_due_and_first_of_its_application(
    egov, aysel_transfer, django_capture_on_commit_callbacks
):
    application_withdraw(application=aysel_transfer, applicant=citizen_user(AYSEL))
    EgovEvent.objects.update(updated_at=timezone.now() - timedelta(minutes=5))
    assert egov_events_sweep() == 1  # the submitted event; the withdrawn one waits behind it

    submitted = EgovEvent.objects.order_by("pk").first()
    # A worker died mid-send: past the lease, the row is sent again, with the same id.
    EgovEvent.objects.filter(pk=submitted.pk).update(
        status=Status.SENDING, claimed_at=timezone.now() - timedelta(hours=1)
    )
    assert egov_events_sweep() == 1
    egov_event_deliver(event_id=submitted.pk)
    assert refreshed_event(submitted).status == Status.DELIVERED


def test_the_events_go_out_after_the_change_commits(egov, staff_world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(AYSEL, "transfer", RAUF_ACCOUNT, NESIMI_FLAT)
    assert [body["data"]["number"] for body in delivered_bodies()] == [application.number]
    assert refreshed(application).egov_events.get().status == Status.DELIVERED


def test_removing_an_applications_personal_data_removes_its_events(egov, aysel_transfer):
    application_withdraw(application=aysel_transfer, applicant=citizen_user(AYSEL))
    assert EgovEvent.objects.filter(application=aysel_transfer).count() == 2

    application_personal_data_remove(application=aysel_transfer)

    assert not EgovEvent.objects.filter(application=aysel_transfer).exists()
