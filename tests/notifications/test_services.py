"""The outbox: a message is a row written with the event that causes it, sent once after the
commit, retried on transient errors, failed (with an e-mail fallback) on permanent ones, and
recovered by the sweeper when the broker or a worker lets it down."""

import logging
import random
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.utils import timezone

from applications.models import Application
from azerishiq_portal.celery import app as celery_app
from integrations.sms.base import SmsMessage, SmsRefused, SmsUnavailable
from integrations.sms.fake import InMemorySmsGateway
from integrations.sms.twilio import PERMANENT_ERRORS
from notifications.models import Notification, PhoneVerification
from notifications.services import backoff_seconds, notification_deliver, outbox_sweep
from notifications.tasks import notification_deliver_task, outbox_sweep_task
from notifications.verification import phone_verification_check, phone_verification_start
from tests.support.demo import EMAIL
from tests.support.outbox import MOBILE, send_application, submit_application, visible_text
from tests.support.world import last_code_sent_to

Status = Notification.Status
UNAVAILABLE = "Twilio 503/20503: Service Unavailable"
INVALID_NUMBER = PERMANENT_ERRORS[21211]


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    """Run what is queued on commit, as the end of a real transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def receipt_of(application) -> Notification:
    return Notification.objects.get(
        application=application, channel=Notification.Channel.SMS, template="receipt"
    )


def refreshed(notification: Notification) -> Notification:
    notification.refresh_from_db()
    return notification


def make_due(notification: Notification) -> None:
    """Time passes until the scheduled retry is due."""
    Notification.objects.filter(pk=notification.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def age(notification: Notification, seconds: float) -> None:
    """The row was written `seconds` ago."""
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - timedelta(seconds=seconds)
    )


def outbox_row(body: str = "Azərişıq: test", to: str = MOBILE, **fields) -> Notification:
    """A row already in the outbox (its enqueue on commit is not run)."""
    return Notification.objects.create(channel="sms", recipient=to, template="receipt", body=body, **fields)


def sent_references() -> list[str]:
    return [message.reference for message in InMemorySmsGateway.outbox]


# --- written with the event, sent after the commit --------------------------------------


def test_receipt_is_rolled_back_with_the_application(aysel, capture, sms_outbox):
    with capture(), pytest.raises(RuntimeError), transaction.atomic():
        submit_application(aysel)
        assert Notification.objects.filter(template="receipt").count() == 1
        raise RuntimeError("a later step of the same transaction failed")

    assert not Application.objects.exists()
    assert not Notification.objects.exists()
    assert sms_outbox == []


def test_receipt_sms_leaves_once_after_the_commit(aysel, capture, sms_outbox):
    with capture():
        application = submit_application(aysel)
        receipt = receipt_of(application)
        assert receipt.status == Status.PENDING
        assert sms_outbox == [], "nothing may leave before the transaction commits"

    [sms] = sms_outbox
    assert sms.to == MOBILE
    assert application.number in sms.body
    assert sms.body == receipt.body
    receipt = refreshed(receipt)
    assert receipt.status == Status.SENT
    assert receipt.provider_message_id == f"mem-{receipt.pk}"
    assert receipt.sent_at is not None
    assert receipt.attempts == 1


def test_a_task_delivered_twice_sends_the_sms_once(submitted, sms_outbox):
    receipt = receipt_of(submitted)

    notification_deliver_task.delay(receipt.pk)
    notification_deliver_task.delay(receipt.pk)
    notification_deliver(notification_id=receipt.pk)

    assert len(sms_outbox) == 1
    receipt = refreshed(receipt)
    assert receipt.status == Status.SENT
    assert receipt.attempts == 1


# --- transient errors -------------------------------------------------------------------


def test_transient_failures_are_retried_until_the_sms_leaves_once(aysel, capture, sms_outbox):
    InMemorySmsGateway.script.extend([SmsUnavailable(UNAVAILABLE)] * 3)
    with capture():
        application = submit_application(aysel)
    receipt = refreshed(receipt_of(application))
    # The retry is enqueued with a countdown, which in-process mode ignores; the row is not
    # due yet, so that run does nothing and the row waits for its time.
    assert receipt.status == Status.PENDING
    assert receipt.attempts == 1
    assert UNAVAILABLE in receipt.last_error
    assert receipt.next_attempt_at > timezone.now()

    for attempts in (2, 3, 4):
        notification_deliver(notification_id=receipt.pk)
        assert refreshed(receipt).attempts == attempts - 1, "a retry before it is due sends nothing"
        make_due(receipt)
        notification_deliver(notification_id=receipt.pk)

    assert len(sms_outbox) == 1
    receipt = refreshed(receipt)
    assert receipt.status == Status.SENT
    assert receipt.attempts == 4
    assert receipt.last_error == ""


def test_with_no_backoff_in_process_retries_run_at_once(aysel, capture, sms_outbox, settings):
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 0
    InMemorySmsGateway.script.extend([SmsUnavailable(UNAVAILABLE)] * 3)

    with capture():
        application = submit_application(aysel)

    assert len(sms_outbox) == 1
    receipt = refreshed(receipt_of(application))
    assert receipt.status == Status.SENT
    assert receipt.attempts == 4


def test_when_retries_run_out_the_sms_fails_with_the_reason(aysel, capture, sms_outbox, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    InMemorySmsGateway.script.extend([SmsUnavailable(UNAVAILABLE)] * 3)
    with capture():
        application = submit_application(aysel)
    receipt = receipt_of(application)
    with capture():
        for _ in range(2):
            make_due(receipt)
            notification_deliver(notification_id=receipt.pk)

    receipt = refreshed(receipt)
    assert receipt.status == Status.FAILED
    assert UNAVAILABLE in receipt.last_error
    assert "3 cəhd" in receipt.last_error
    assert receipt.failed_at is not None
    assert sms_outbox == []
    [email] = mail.outbox
    assert email.to == [EMAIL]


def test_backoff_grows_exponentially_with_jitter_and_a_cap(settings):
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 2
    settings.NOTIFICATION_RETRY_MAX_SECONDS = 300
    random.seed(20240601)
    samples = {attempts: [backoff_seconds(attempts) for _ in range(300)] for attempts in range(1, 13)}

    for attempts, delays in samples.items():
        ceiling = min(300, 2 * 2 ** (attempts - 1))
        assert all(1 <= delay <= ceiling for delay in delays), attempts
        assert len(set(delays)) > 250, f"no jitter after {attempts} attempts"
    # Each attempt may wait about twice as long as the one before...
    for attempts in range(2, 9):
        assert max(samples[attempts]) > 0.9 * 2 * 2 ** (attempts - 1)
        assert max(samples[attempts]) > max(samples[attempts - 1])
    # ...up to the cap.
    assert max(samples[12]) <= 300
    assert max(samples[12]) > 270


# --- permanent errors -------------------------------------------------------------------


def test_permanent_refusal_fails_at_once_and_falls_back_to_email(aysel, capture, sms_outbox):
    InMemorySmsGateway.script.append(SmsRefused(INVALID_NUMBER, code="21211"))

    with capture():
        application = submit_application(aysel)

    receipt = refreshed(receipt_of(application))
    assert receipt.status == Status.FAILED
    assert receipt.last_error == INVALID_NUMBER
    assert receipt.attempts == 1
    assert receipt.next_attempt_at is None
    assert sms_outbox == []
    fallback = receipt.fallback
    assert fallback.channel == Notification.Channel.EMAIL
    assert fallback.status == Status.SENT
    [email] = mail.outbox
    assert email.to == [EMAIL]
    assert email.body == receipt.body
    assert application.number in email.subject

    with capture():
        notification_deliver(notification_id=receipt.pk)
        notification_deliver(notification_id=fallback.pk)
        outbox_sweep()
    assert refreshed(receipt).attempts == 1, "a failed row is never retried"
    assert sms_outbox == []
    assert len(mail.outbox) == 1


def test_no_email_fallback_when_the_citizen_gave_no_email(aysel, capture, sms_outbox):
    InMemorySmsGateway.script.append(SmsRefused(INVALID_NUMBER, code="21211"))

    with capture():
        application = submit_application(aysel, email="")

    assert refreshed(receipt_of(application)).status == Status.FAILED
    assert not Notification.objects.filter(channel=Notification.Channel.EMAIL).exists()
    assert mail.outbox == []


class UnreachableMailServer(BaseEmailBackend):
    """The SMTP server refuses connections, as Django's SMTP backend reports it."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


def test_email_the_mail_server_cannot_take_is_scheduled_for_a_retry(aysel, capture, settings):
    settings.EMAIL_BACKEND = f"{__name__}.UnreachableMailServer"
    InMemorySmsGateway.script.append(SmsRefused(INVALID_NUMBER, code="21211"))

    with capture():
        application = submit_application(aysel)

    fallback = receipt_of(application).fallback
    assert fallback.status == Status.PENDING
    assert "Connection refused" in fallback.last_error
    assert fallback.next_attempt_at > timezone.now()


# --- a worker that died mid-send --------------------------------------------------------


class WorkerKilled(BaseException):
    """The worker process dies (OOM, deploy, hard time limit): nothing after it runs."""


class DiesAfterHandingOver(InMemorySmsGateway):
    def send(self, message: SmsMessage) -> str:
        super().send(message)
        raise WorkerKilled


class DiesBeforeHandingOver(InMemorySmsGateway):
    def send(self, message: SmsMessage) -> str:
        raise WorkerKilled


def stuck_in_sending(settings, dies: type) -> Notification:
    """A row whose worker died while sending it, `dies` telling when."""
    row = outbox_row()
    settings.SMS_GATEWAY = {"BACKEND": f"{__name__}.{dies.__name__}"}
    with pytest.raises(WorkerKilled):
        notification_deliver(notification_id=row.pk)
    settings.SMS_GATEWAY = {"BACKEND": "integrations.sms.fake.InMemorySmsGateway"}
    assert refreshed(row).status == Status.SENDING
    return row


def expire_lease(row: Notification, settings) -> None:
    Notification.objects.filter(pk=row.pk).update(
        claimed_at=timezone.now() - timedelta(seconds=settings.NOTIFICATION_SEND_LEASE_SECONDS + 1)
    )


def test_a_row_the_gateway_already_took_is_not_sent_again_after_the_worker_died(db, settings, sms_outbox):
    row = stuck_in_sending(settings, DiesAfterHandingOver)
    assert len(sms_outbox) == 1

    notification_deliver(notification_id=row.pk)
    assert refreshed(row).status == Status.SENDING, "while the lease runs, the row is someone else's"
    expire_lease(row, settings)
    notification_deliver(notification_id=row.pk)

    assert len(sms_outbox) == 1
    row = refreshed(row)
    assert row.status == Status.SENT
    assert row.provider_message_id == f"mem-{row.pk}"


def test_a_row_the_gateway_never_got_is_sent_once_after_the_worker_died(db, settings, sms_outbox):
    row = stuck_in_sending(settings, DiesBeforeHandingOver)
    assert sms_outbox == []

    expire_lease(row, settings)
    notification_deliver(notification_id=row.pk)
    notification_deliver(notification_id=row.pk)

    assert sent_references() == [str(row.pk)]
    assert refreshed(row).status == Status.SENT


# --- the sweeper ------------------------------------------------------------------------


def test_sweep_sends_forgotten_and_stuck_rows_and_leaves_the_rest(db, settings, sms_outbox):
    grace = settings.NOTIFICATION_SWEEP_GRACE_SECONDS
    forgotten = outbox_row("forgotten")
    age(forgotten, grace + 5)
    fresh = outbox_row("fresh")
    waiting = outbox_row("retry later", next_attempt_at=timezone.now() + timedelta(minutes=5))
    age(waiting, grace + 5)
    already_sent = outbox_row("already sent", status=Status.SENT, provider_message_id="SMx")
    age(already_sent, grace + 5)
    failed = outbox_row("failed", status=Status.FAILED)
    age(failed, grace + 5)
    stuck = stuck_in_sending(settings, DiesBeforeHandingOver)
    expire_lease(stuck, settings)
    busy = outbox_row("being sent now", status=Status.SENDING, claimed_at=timezone.now())
    age(busy, grace + 5)

    assert outbox_sweep_task.delay().get() == 2

    assert sorted(sent_references()) == sorted([str(forgotten.pk), str(stuck.pk)])
    assert refreshed(forgotten).status == Status.SENT
    assert refreshed(stuck).status == Status.SENT
    assert refreshed(fresh).status == Status.PENDING
    assert refreshed(waiting).status == Status.PENDING
    assert refreshed(busy).status == Status.SENDING
    assert outbox_sweep() == 0
    assert len(sms_outbox) == 2


# --- the broker down at commit ----------------------------------------------------------


class Broker:
    """Celery's real Redis transport pointed at a closed port (the broker is down), and back to
    in-process mode. Celery reads Django's settings once, so its own conf is switched."""

    def __init__(self):
        self.saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)

    def down(self):
        celery_app.conf.task_always_eager = False
        celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
        self._forget_connections()

    def up(self):
        celery_app.conf.task_always_eager, celery_app.conf.broker_url = self.saved
        self._forget_connections()

    @staticmethod
    def _forget_connections():
        celery_app._pool = None
        celery_app.amqp._producer_pool = None


@pytest.fixture
def broker():
    broker = Broker()
    yield broker
    broker.up()


def test_broker_down_at_commit_keeps_the_application_and_the_sweeper_sends_later(
    aysel, capture, sms_outbox, broker, settings, caplog
):
    broker.down()
    with caplog.at_level(logging.WARNING, logger="notifications"), capture():
        application = submit_application(aysel)

    assert Application.objects.filter(pk=application.pk).exists()
    receipt = refreshed(receipt_of(application))
    assert receipt.status == Status.PENDING
    assert sms_outbox == []
    assert "the sweeper will send it" in caplog.text

    broker.up()
    assert outbox_sweep() == 0, "a fresh row is left to the fast path for the grace period"
    age(receipt, settings.NOTIFICATION_SWEEP_GRACE_SECONDS + 1)
    assert outbox_sweep() == 1
    assert outbox_sweep() == 0

    assert sent_references() == [str(receipt.pk)]
    assert refreshed(receipt).status == Status.SENT


def test_broker_down_the_citizen_still_gets_the_confirmation_page(at_check_step, capture, broker, settings):
    client = at_check_step
    broker.down()

    with capture():
        response = send_application(client)

    assert response.status_code == 302 and response["Location"] == "/apply/submitted/"
    page = client.get("/apply/submitted/")
    assert page.status_code == 200
    application = Application.objects.get()
    assert application.number in visible_text(page)
    receipt = receipt_of(application)
    assert receipt.status == Status.PENDING

    broker.up()
    age(receipt, settings.NOTIFICATION_SWEEP_GRACE_SECONDS + 1)
    outbox_sweep()
    outbox_sweep()
    receipts = [message for message in InMemorySmsGateway.outbox if message.reference == str(receipt.pk)]
    assert len(receipts) == 1
    assert application.number in receipts[0].body


# --- one-time codes ---------------------------------------------------------------------


def test_one_time_code_is_blanked_in_the_outbox_once_sent(aysel, capture, sms_outbox):
    with capture():
        phone_verification_start(user=aysel, phone=MOBILE, language="az")

    code = last_code_sent_to(MOBILE)
    row = Notification.objects.get(template="otp")
    assert row.status == Status.SENT
    assert code not in row.body
    assert "••••••" in row.body
    verification = PhoneVerification.objects.get()
    assert code not in verification.code_hash
    stored = [str(value) for value in Notification.objects.values().get().values()]
    stored += [str(value) for value in PhoneVerification.objects.values().get().values()]
    assert not any(code in value for value in stored)
    # The blanked copy does not stop the code from working.
    phone_verification_check(user=aysel, phone=MOBILE, code=code)


# --- two workers at once (PostgreSQL's row locks) ---------------------------------------


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="claiming relies on SELECT … FOR UPDATE SKIP LOCKED; SQLite serialises writers instead",
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_the_same_rows_send_each_once(sms_outbox):
    rows = [outbox_row(f"message {n}").pk for n in range(30)]
    start = threading.Barrier(3)

    def worker(order):
        start.wait()
        try:
            for pk in order:
                notification_deliver(notification_id=pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(random.sample(rows, len(rows)),)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(sent_references(), key=int) == [str(pk) for pk in rows]
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.SENT}
