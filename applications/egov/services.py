"""The status events pushed to e-gov.az: an outbox like the SMS and billing ones.

`egov_events_queue` writes one row per subscribed client in the transaction of the status change
and publishes them after it commits. A worker claims a row under a row lock, sends it outside
any transaction (integrations.egov) and records the outcome: delivered, a retry later (backoff
with jitter), or dead after EGOV_EVENT_MAX_ATTEMPTS, for staff to send again. Rows of one
application and subscriber leave in order: a row is not claimed while an earlier one of the same
pair is still pending or sending, and finishing a row publishes the next. A row sent twice (a
worker killed after the receiver took it) carries the same webhook-id, which the receiver uses
to recognise the duplicate.
"""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from applications.egov.models import EgovEvent, EgovSubscription, EventType
from core import retry
from integrations.egov.base import EgovUnavailable, WebhookMessage, get_webhook_sender

logger = logging.getLogger(__name__)
Status = EgovEvent.Status
UNFINISHED = (Status.PENDING, Status.SENDING)

# The status an application enters -> the event e-gov.az is told (in review is not one).
EVENT_OF_STATUS = {
    "submitted": EventType.SUBMITTED,
    "info_requested": EventType.INFO_REQUESTED,
    "approved": EventType.APPROVED,
    "done": EventType.DONE,
    "rejected": EventType.REJECTED,
    "withdrawn": EventType.WITHDRAWN,
}


def egov_events_queue(*, application, from_status: str, occurred_at) -> list[EgovEvent]:
    """Write the event of `application`'s new status for every active subscriber that wants it,
    and publish them once the caller's transaction commits. Call inside the status change's
    transaction; a status without an event (in review) writes nothing."""
    event_type = EVENT_OF_STATUS.get(application.status)
    if event_type is None:
        return []
    subscriptions = [
        subscription
        for subscription in EgovSubscription.objects.filter(is_active=True).order_by("pk")
        if event_type in subscription.event_types
    ]
    payload = _payload(application, event_type, from_status=from_status, occurred_at=occurred_at)
    rows = EgovEvent.objects.bulk_create(
        EgovEvent(subscription=subscription, application=application, event_type=event_type, payload=payload)
        for subscription in subscriptions
    )
    for row in rows:
        transaction.on_commit(lambda row_id=row.pk: egov_event_publish(event_id=row_id), robust=True)
    return rows


def _payload(application, event_type: str, *, from_status: str, occurred_at) -> dict:
    """The Standard Webhooks body: type, timestamp, data (what the API shows, nothing more
    personal than the FİN e-gov.az files the application under)."""
    data = {
        "number": application.number,
        "kind": application.kind,
        "status": application.status,
        "previous_status": from_status or None,
        "applicant_fin": application.applicant_fin,
        "office": application.office.name,
        "occurred_at": occurred_at,
        "expected_decision": application.due_date,
    }
    return json.loads(
        json.dumps({"type": event_type, "timestamp": occurred_at, "data": data}, cls=DjangoJSONEncoder)
    )


def egov_event_publish(*, event_id: int, countdown: float | None = None) -> None:
    """Hand a row to the broker (the fast path). If the broker is down the row stays pending and
    the sweeper publishes it later: logged, never raised."""
    from applications.egov.tasks import egov_event_deliver_task

    try:
        egov_event_deliver_task.apply_async((event_id,), countdown=countdown)
    except Exception:  # the broker's errors vary by transport; the sweeper is the safety net
        logger.warning("e-gov.az event %s not enqueued; the sweeper will send it", event_id, exc_info=True)


def egov_event_deliver(*, event_id: int) -> None:
    """Send one due row if no earlier row of its application and subscriber is waiting, and
    record the outcome; safe to run twice."""
    event = _claim(event_id)
    if event is None:
        return
    try:
        get_webhook_sender().send(_message(event))
    except EgovUnavailable as error:
        _retry_later(event, str(error))
        return
    EgovEvent.objects.filter(pk=event.pk, status=Status.SENDING).update(
        status=Status.DELIVERED, delivered_at=timezone.now(), last_error="", updated_at=timezone.now()
    )
    logger.info("e-gov.az event %s (%s) delivered", event.pk, event.event_type)
    _publish_next(event)


def _message(event: EgovEvent) -> WebhookMessage:
    subscription = event.subscription
    return WebhookMessage(
        url=subscription.url,
        secret=subscription.secret,
        message_id=event.message_id,
        payload=json.dumps(event.payload, ensure_ascii=False, separators=(",", ":")),
    )


def _claimable(now) -> Q:
    lease_expired = now - timedelta(seconds=settings.EGOV_EVENT_LEASE_SECONDS)
    due = Q(status=Status.PENDING) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    return due | Q(status=Status.SENDING, claimed_at__lt=lease_expired)


def _claim(event_id: int) -> EgovEvent | None:
    """Move a due row to "sending" under a row lock; None if it is not ours to send now (sent,
    claimed by a live worker, not due, or behind an earlier row of its application). One found
    "sending" past its lease belongs to a worker that died mid-send: it is sent again, with
    the same webhook-id."""
    now = timezone.now()
    with transaction.atomic():
        event = (
            EgovEvent.objects.select_for_update(skip_locked=True)
            .select_related("subscription")
            .filter(_claimable(now), pk=event_id)
            .first()
        )
        if event is None or _earlier_waiting(event):
            return None
        event.status, event.claimed_at = Status.SENDING, now
        event.attempts += 1
        event.save(update_fields=["status", "claimed_at", "attempts", "updated_at"])
    return event


def _earlier_waiting(event: EgovEvent) -> bool:
    return EgovEvent.objects.filter(
        subscription_id=event.subscription_id,
        application_id=event.application_id,
        pk__lt=event.pk,
        status__in=UNFINISHED,
    ).exists()


def _publish_next(event: EgovEvent) -> None:
    """The row after `event` of the same application and subscriber may leave now."""
    following = (
        EgovEvent.objects.filter(
            subscription_id=event.subscription_id,
            application_id=event.application_id,
            pk__gt=event.pk,
            status=Status.PENDING,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if following is not None:
        egov_event_publish(event_id=following)


def _retry_later(event: EgovEvent, error: str) -> None:
    if event.attempts >= settings.EGOV_EVENT_MAX_ATTEMPTS:
        EgovEvent.objects.filter(pk=event.pk, status=Status.SENDING).update(
            status=Status.DEAD,
            last_error=retry.given_up_reason(error, event.attempts),
            updated_at=timezone.now(),
        )
        logger.warning("e-gov.az event %s dead after %d attempts: %s", event.pk, event.attempts, error)
        # Dead is finished: the application's later events are not held back by it.
        _publish_next(event)
        return
    delay = retry.retry_scheduled(
        EgovEvent.objects.filter(pk=event.pk, status=Status.SENDING),
        attempts=event.attempts,
        error=error,
        base=settings.EGOV_EVENT_RETRY_BASE_SECONDS,
        ceiling=settings.EGOV_EVENT_RETRY_MAX_SECONDS,
        pending=Status.PENDING,
    )
    logger.info("e-gov.az event %s: receiver unavailable, retry in %.1fs", event.pk, delay)
    egov_event_publish(event_id=event.pk, countdown=delay)


def egov_event_resend(*, event: EgovEvent) -> bool:
    """Send a dead row again from its first attempt (staff's "Yenidən göndər"), with the same
    webhook-id; returns whether it was dead."""
    resent = EgovEvent.objects.filter(pk=event.pk, status=Status.DEAD).update(
        status=Status.PENDING, attempts=0, next_attempt_at=None, last_error="", updated_at=timezone.now()
    )
    if resent:
        transaction.on_commit(lambda: egov_event_publish(event_id=event.pk), robust=True)
    return bool(resent)


def egov_events_sweep() -> int:
    """Publish the first waiting row of every application and subscriber that is due (pending
    past the fast path's grace, or stuck mid-send); returns how many."""
    now = timezone.now()
    grace = now - timedelta(seconds=settings.NOTIFICATION_SWEEP_GRACE_SECONDS)
    claimable = _claimable(now) & (Q(status=Status.SENDING) | Q(updated_at__lt=grace))
    # The first unfinished row of each application and subscriber: the others wait behind it.
    heads = (
        EgovEvent.objects.filter(status__in=UNFINISHED)
        .order_by()
        .values("subscription_id", "application_id")
        .annotate(head=Min("pk"))
        .values("head")
    )
    first_ids = list(
        EgovEvent.objects.filter(claimable, pk__in=heads)
        .order_by("pk")
        .values_list("pk", flat=True)[: settings.NOTIFICATION_SWEEP_BATCH]
    )
    for event_id in first_ids:
        egov_event_publish(event_id=event_id)
    if first_ids:
        logger.info("e-gov.az event sweep re-enqueued %d events", len(first_ids))
    return len(first_ids)
