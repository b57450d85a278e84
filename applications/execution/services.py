"""Sending an approved application's command to billing, until billing confirms or refuses.

The command is written in the approval's transaction (`billing_command_queue`) and published
after it commits; a worker claims it under a row lock, sends it outside any transaction, and
records billing's answer. The application number is the command's idempotency key in billing, so
a command sent twice (a worker killed after billing carried it out, a sweeper, a retry) changes
billing once and is recorded here once. Billing's confirmation, not the office's click, makes the
application done: the account's new state, the citizen's SMS and the final documents follow it.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from applications.execution.models import BillingCommand
from core import retry
from integrations.billing.base import (
    BillingRefused,
    BillingUnavailable,
    Holder,
    RenameCommand,
    TransferCommand,
    get_billing,
)
from integrations.billing.wire import rename_command_from_json, to_json, transfer_command_from_json

logger = logging.getLogger(__name__)
Status = BillingCommand.Status


def billing_command_queue(*, application, holder: Holder) -> BillingCommand:
    """Write the command billing must carry out for `application` (a transfer to `holder`, or
    its names as `holder` carries them) and publish it once the caller's transaction commits.
    Call inside the approval's transaction; an earlier command of the application is replaced."""
    if application.kind == application.Kind.TRANSFER:
        handover = application.handover
        command = TransferCommand(
            key=application.number,
            subscriber_code=application.subscriber_code,
            new_holder=holder,
            handover_date=handover.handover_date,
            opening_kwh=handover.reading_kwh,
            contact_phone=application.mobile_phone,
            contact_email=application.email,
        )
    else:
        command = RenameCommand(
            key=application.number, subscriber_code=application.subscriber_code, holder=holder
        )
    row, _ = BillingCommand.objects.update_or_create(
        application=application,
        defaults={
            "kind": application.kind,
            "payload": to_json(command),
            "status": Status.PENDING,
            "attempts": 0,
            "next_attempt_at": None,
            "claimed_at": None,
            "last_error": "",
            "refusal": "",
        },
    )
    transaction.on_commit(lambda: billing_command_publish(command_id=row.pk), robust=True)
    return row


def billing_command_retry(*, command: BillingCommand) -> BillingCommand:
    """Send a refused or failed command again (staff's "Yenidən göndər"), from its first attempt."""
    BillingCommand.objects.filter(pk=command.pk, status__in=[Status.REFUSED, Status.FAILED]).update(
        status=Status.PENDING,
        attempts=0,
        next_attempt_at=None,
        refusal="",
        last_error="",
        updated_at=timezone.now(),
    )
    transaction.on_commit(lambda: billing_command_publish(command_id=command.pk), robust=True)
    command.refresh_from_db()
    return command


def billing_command_publish(*, command_id: int, countdown: float | None = None) -> None:
    """Hand a command to the broker (the fast path). If the broker is down the row stays pending
    and the sweeper publishes it later: logged, never raised."""
    from applications.execution.tasks import billing_command_send_task

    try:
        billing_command_send_task.apply_async((command_id,), countdown=countdown)
    except Exception:  # the broker's errors vary by transport; the sweeper is the safety net
        logger.warning("billing command %s not enqueued; the sweeper will send it", command_id, exc_info=True)


def billing_command_send(*, command_id: int) -> None:
    """Send one due command to billing and record its answer: confirmed (the application is
    done), refused (for staff, with billing's reason), or a retry later; safe to run twice."""
    command = _claim(command_id)
    if command is None:
        return
    try:
        result = _send(command)
    except BillingUnavailable as error:
        _retry_later(command, f"{type(error).__name__}: {error}")
    except BillingRefused as refused:
        _refuse(command, refused.reason)
    else:
        from applications.services.review import application_carry_out

        application_carry_out(command=command, result=result)


def billing_commands_sweep() -> int:
    """Publish every due pending command and every command stuck mid-send; returns how many."""
    now = timezone.now()
    lease_expired = now - timedelta(seconds=settings.BILLING_COMMAND_LEASE_SECONDS)
    grace = now - timedelta(seconds=settings.NOTIFICATION_SWEEP_GRACE_SECONDS)
    due = (
        BillingCommand.objects.filter(
            (Q(status=Status.PENDING) & Q(updated_at__lt=grace) & _due(now))
            | Q(status=Status.SENDING, claimed_at__lt=lease_expired)
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:200]
    )
    ids = list(due)
    for command_id in ids:
        billing_command_publish(command_id=command_id)
    if ids:
        logger.info("billing command sweep re-enqueued %d commands", len(ids))
    return len(ids)


def _due(now) -> Q:
    return Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)


def _claim(command_id: int) -> BillingCommand | None:
    """Move a due command to "sending" under a row lock; None if it is not ours to send. One
    found "sending" past its lease belongs to a worker that died mid-send: billing answers the
    same key with the same result, so sending it again is safe."""
    now = timezone.now()
    lease_expired = now - timedelta(seconds=settings.BILLING_COMMAND_LEASE_SECONDS)
    claimable = (Q(status=Status.PENDING) & _due(now)) | Q(
        status=Status.SENDING, claimed_at__lt=lease_expired
    )
    with transaction.atomic():
        command = (
            BillingCommand.objects.select_for_update(skip_locked=True)
            .filter(claimable, pk=command_id)
            .first()
        )
        if command is None:
            return None
        command.status, command.claimed_at = Status.SENDING, now
        command.attempts += 1
        command.save(update_fields=["status", "claimed_at", "attempts", "updated_at"])
    return command


def _send(command: BillingCommand):
    billing = get_billing()
    if command.kind == "transfer":
        return billing.transfer(transfer_command_from_json(command.payload))
    return billing.rename(rename_command_from_json(command.payload))


def _retry_later(command: BillingCommand, error: str) -> None:
    if command.attempts >= settings.BILLING_COMMAND_MAX_ATTEMPTS:
        BillingCommand.objects.filter(pk=command.pk, status=Status.SENDING).update(
            status=Status.FAILED,
            last_error=retry.given_up_reason(error, command.attempts),
            updated_at=timezone.now(),
        )
        logger.warning("billing command %s failed after %d attempts: %s", command.pk, command.attempts, error)
        return
    delay = retry.retry_scheduled(
        BillingCommand.objects.filter(pk=command.pk, status=Status.SENDING),
        attempts=command.attempts,
        error=error,
        base=settings.BILLING_COMMAND_RETRY_BASE_SECONDS,
        ceiling=settings.BILLING_COMMAND_RETRY_MAX_SECONDS,
        pending=Status.PENDING,
    )
    logger.info("billing command %s: billing unavailable, retry in %.1fs", command.pk, delay)
    billing_command_publish(command_id=command.pk, countdown=delay)


def _refuse(command: BillingCommand, reason: str) -> None:
    BillingCommand.objects.filter(pk=command.pk, status=Status.SENDING).update(
        status=Status.REFUSED, refusal=reason[:500], updated_at=timezone.now()
    )
    logger.warning("billing refused command %s: %s", command.pk, reason)
