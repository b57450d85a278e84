"""The outbox's one write path: every message to a citizen is a row first, queued in the
transaction of the event that causes it (`notification_queue`); the broker only carries row ids
(`notification_publish`). Delivery claims a row under a lock, sends it outside any transaction
and records the outcome; the row's status is the truth, so a task that runs twice (late acks,
redelivery, two sweepers) never sends a message twice. Gateways report later what became of it
(`delivery_report_record`)."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import metrics, retry
from integrations.sms.base import DeliveryReport, SmsMessage, SmsRefused, SmsUnavailable, get_sms_gateway
from notifications.models import CODE_BLANKED, ONE_TIME_CODE, DeliveryReportReceived, Notification

logger = logging.getLogger(__name__)
Status = Notification.Status


class RecipientRefused(Exception):
    """The mail server refused the address for good (the SMS gateway's SmsRefused, for e-mail)."""


# --- queueing ------------------------------------------------------------------------------


def notification_queue(
    *,
    channel: str,
    recipient: str,
    template: str,
    language: str = "az",
    context: dict | None = None,
    application=None,
    sensitive: bool = False,
    addressee: str = Notification.Addressee.APPLICANT,
) -> Notification:
    """Write a message to the outbox and hand it to the queue once the transaction commits.

    Call it inside the transaction of the event that causes the message: the row and the
    event are stored together or not at all. The text is rendered now, in `language`, from
    templates/notifications/<channel>/<template>.txt (e-mail: the first line is the subject).
    `sensitive` texts (one-time codes) are blanked in the outbox once sent.
    """
    subject, body = _render(channel=channel, template=template, language=language, context=context or {})
    notification = Notification.objects.create(
        application=application,
        channel=channel,
        recipient=recipient,
        language=language,
        template=template,
        subject=subject,
        body=body,
        sensitive=sensitive,
        addressee=addressee,
    )
    transaction.on_commit(lambda: notification_publish(notification_id=notification.pk), robust=True)
    return notification


def notification_publish(*, notification_id: int, countdown: float | None = None) -> None:
    """Hand an outbox row to the broker (the fast path; `countdown` delays it). If the broker is
    down the row stays pending and the sweeper publishes it later: logged, never raised."""
    from notifications.tasks import notification_deliver_task

    try:
        notification_deliver_task.apply_async((notification_id,), countdown=countdown)
    except Exception:  # the broker's errors vary by transport; the sweeper is the safety net
        logger.warning(
            "notification %s not enqueued; the sweeper will send it", notification_id, exc_info=True
        )


def _render(*, channel: str, template: str, language: str, context: dict) -> tuple[str, str]:
    with translation.override(language):
        text = render_to_string(f"notifications/{channel}/{template}.txt", context).strip()
    if channel == Notification.Channel.EMAIL:
        subject, _, body = text.partition("\n")
        return subject.strip(), body.strip()
    return "", " ".join(text.split())


# --- delivery ------------------------------------------------------------------------------


def notification_deliver(*, notification_id: int) -> None:
    """Send the row if it is due; record sent, a scheduled retry, or a failure with its reason."""
    notification = _claim(notification_id)
    if notification is None:
        return
    if notification.reclaimed and notification.attempts > settings.NOTIFICATION_MAX_ATTEMPTS:
        # Workers keep dying on this message: stop, and let staff see it.
        already = _sent_before(notification)
        if already:
            _mark_sent(notification, already)
        else:
            _count_failure(notification, metrics.SMS_WORKER_LOST)
            notification_fail(notification=notification, reason="Göndərmə dəfələrlə yarımçıq qaldı (worker)")
        return
    try:
        provider_id = _send(notification)
    except (SmsUnavailable, OSError, smtplib.SMTPException) as error:
        # OSError and SMTPException: the mail server is down or refused for now.
        _count_failure(notification, metrics.SMS_UNAVAILABLE)
        _retry_later(notification, f"{type(error).__name__}: {error}")
    except (SmsRefused, RecipientRefused) as error:
        _count_failure(notification, metrics.SMS_REFUSED)
        notification_fail(notification=notification, reason=str(error))
    else:
        _mark_sent(notification, provider_id)
        logger.info(
            "notification %s (%s, %s) sent", notification.pk, notification.channel, notification.template
        )
        if notification.channel == Notification.Channel.SMS:
            metrics.SMS_SENT.inc()


def _count_failure(notification: Notification, reason: str) -> None:
    if notification.channel == Notification.Channel.SMS:
        metrics.sms_failed(reason)


def _claim(notification_id: int) -> Notification | None:
    """Move a due row to "sending" under a row lock; None if it is not ours to send.

    A row found in "sending" whose claim is older than the lease belongs to a worker that
    died mid-send: it is reclaimed, and _send asks the gateway whether it already has it.
    """
    now = timezone.now()
    lease_expired = now - timedelta(seconds=settings.NOTIFICATION_SEND_LEASE_SECONDS)
    due = Q(status=Status.PENDING) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    stuck = Q(status=Status.SENDING, claimed_at__lt=lease_expired)
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(due | stuck, pk=notification_id)
            .first()
        )
        if notification is None:
            return None
        notification.reclaimed = notification.status == Status.SENDING
        notification.status = Status.SENDING
        notification.claimed_at = now
        notification.attempts += 1
        notification.save(update_fields=["status", "claimed_at", "attempts", "updated_at"])
    return notification


def _send(notification: Notification) -> str:
    if notification.channel == Notification.Channel.EMAIL:
        message = EmailMessage(
            subject=notification.subject, body=notification.body, to=[notification.recipient]
        )
        try:
            message.send()
        except smtplib.SMTPRecipientsRefused as error:
            raise RecipientRefused(f"E-poçt ünvanı qəbul edilmədi: {error.recipients}") from error
        return ""
    if notification.reclaimed:
        already = _sent_before(notification)
        if already:
            return already
    return get_sms_gateway().send(_sms(notification))


def _sms(notification: Notification) -> SmsMessage:
    return SmsMessage(to=notification.recipient, body=notification.body, reference=str(notification.pk))


def _sent_before(notification: Notification) -> str | None:
    """The provider id if the gateway already took this message (from a worker that died)."""
    if notification.channel != Notification.Channel.SMS:
        return None
    return get_sms_gateway().find_sent(_sms(notification))


def _mark_sent(notification: Notification, provider_id: str) -> None:
    Notification.objects.filter(pk=notification.pk, status=Status.SENDING).update(
        status=Status.SENT,
        provider_message_id=provider_id,
        sent_at=timezone.now(),
        last_error="",
        updated_at=timezone.now(),
        **_redacted(notification),
    )


def _redacted(notification: Notification) -> dict:
    """Once a message carrying a one-time code has left, the outbox keeps no copy of the code."""
    if not notification.sensitive:
        return {}
    return {"body": ONE_TIME_CODE.sub(CODE_BLANKED, notification.body)}


def _retry_later(notification: Notification, error: str) -> None:
    if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        notification_fail(
            notification=notification, reason=retry.given_up_reason(error, notification.attempts)
        )
        return
    delay = _retry_scheduled(
        Notification.objects.filter(pk=notification.pk, status=Status.SENDING), notification, error
    )
    logger.info("notification %s: transient error, retry in %.1fs", notification.pk, delay)
    notification_publish(notification_id=notification.pk, countdown=delay)


def _resend_later(notification: Notification, reason: str) -> None:
    """A temporary delivery failure: send it again after the backoff, or fail (and fall back to
    e-mail) once NOTIFICATION_MAX_ATTEMPTS sends were made. Inside the report's transaction."""
    if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        notification_fail(
            notification=notification, reason=retry.given_up_reason(reason, notification.attempts)
        )
        return
    delay = _retry_scheduled(Notification.objects.filter(pk=notification.pk), notification, reason)
    logger.info("notification %s: temporary delivery failure, resent in %.1fs", notification.pk, delay)
    transaction.on_commit(
        lambda: notification_publish(notification_id=notification.pk, countdown=delay), robust=True
    )


def _retry_scheduled(row, notification: Notification, error: str) -> float:
    return retry.retry_scheduled(
        row,
        attempts=notification.attempts,
        error=error,
        base=settings.NOTIFICATION_RETRY_BASE_SECONDS,
        ceiling=settings.NOTIFICATION_RETRY_MAX_SECONDS,
        pending=Status.PENDING,
    )


def backoff_seconds(attempts: int) -> float:
    """How long a message waits after its `attempts`-th transient failure (core.retry)."""
    return retry.backoff_seconds(
        attempts,
        base=settings.NOTIFICATION_RETRY_BASE_SECONDS,
        ceiling=settings.NOTIFICATION_RETRY_MAX_SECONDS,
    )


def notification_fail(*, notification: Notification, reason: str) -> None:
    """Mark the row failed for good; an SMS falls back to e-mail when the citizen gave one."""
    with transaction.atomic():
        updated = Notification.objects.filter(
            pk=notification.pk, status__in=[Status.SENDING, Status.SENT, Status.PENDING]
        ).update(
            status=Status.FAILED,
            last_error=reason[:500],
            failed_at=timezone.now(),
            updated_at=timezone.now(),
        )
        if updated:
            _queue_email_fallback(notification)
    logger.warning("notification %s failed: %s", notification.pk, reason)


def _queue_email_fallback(notification: Notification) -> None:
    application = notification.application
    if notification.channel != Notification.Channel.SMS or application is None or not application.email:
        return
    # The application's e-mail is the applicant's: another person's failed SMS does not go there.
    if notification.addressee != Notification.Addressee.APPLICANT:
        return
    if Notification.objects.filter(fallback_for=notification).exists():
        return
    fallback = Notification.objects.create(
        application=application,
        channel=Notification.Channel.EMAIL,
        recipient=application.email,
        language=notification.language,
        template=notification.template,
        subject=_fallback_subject(notification.language, application.number),
        body=notification.body,
        fallback_for=notification,
    )
    transaction.on_commit(lambda: notification_publish(notification_id=fallback.pk), robust=True)


def _fallback_subject(language: str, number: str) -> str:
    with translation.override(language):
        return _("Azərişıq: müraciət %(number)s") % {"number": number}


def outbox_sweep() -> int:
    """Enqueue every due pending row and every row stuck in "sending"; returns how many."""
    now = timezone.now()
    lease_expired = now - timedelta(seconds=settings.NOTIFICATION_SEND_LEASE_SECONDS)
    grace = now - timedelta(seconds=settings.NOTIFICATION_SWEEP_GRACE_SECONDS)
    due = (
        Notification.objects.filter(
            (
                Q(status=Status.PENDING)
                & Q(created_at__lt=grace)
                & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            )
            | Q(status=Status.SENDING, claimed_at__lt=lease_expired)
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[: settings.NOTIFICATION_SWEEP_BATCH]
    )
    ids = list(due)
    for notification_id in ids:
        notification_publish(notification_id=notification_id)
    if ids:
        logger.info("outbox sweep re-enqueued %d notifications", len(ids))
    return len(ids)


# A gateway's report -> the row's status. Reports can arrive out of order; a row only moves forward.
REPORTED_STATUSES = {
    DeliveryReport.SENT: Status.SENT,
    DeliveryReport.DELIVERED: Status.DELIVERED,
    DeliveryReport.FAILED: Status.FAILED,
}
_ORDER = {
    Status.PENDING: 0,
    Status.SENDING: 1,
    Status.SENT: 2,
    Status.DELIVERED: 3,
    Status.FAILED: 3,
}


def delivery_report_record(*, report: DeliveryReport) -> bool:
    """Record a gateway's delivery report once and apply it to its row; a replayed report is
    ignored, and a row never moves backwards. Returns whether anything changed."""
    status = REPORTED_STATUSES[report.outcome]
    with transaction.atomic():
        _received, first_time = DeliveryReportReceived.objects.get_or_create(
            provider_message_id=report.provider_message_id, outcome=report.outcome
        )
        if not first_time:
            return False
        notification = (
            Notification.objects.select_for_update()
            .filter(provider_message_id=report.provider_message_id)
            .first()
        )
        if notification is None or _ORDER[status] <= _ORDER[notification.status]:
            return False
        if status == Status.FAILED:
            _count_failure(notification, metrics.SMS_NOT_DELIVERED)
        if status == Status.FAILED and report.temporary:
            _resend_later(notification, report.reason)
            return True
        if status == Status.FAILED:
            notification_fail(notification=notification, reason=report.reason)
            return True
        notification.status = status
        fields = ["status", "updated_at"]
        if status == Status.DELIVERED:
            notification.delivered_at = timezone.now()
            fields.append("delivered_at")
        notification.save(update_fields=fields)
    return True
