"""How long an outbox row waits before its next try, after a transient failure, and the one way
the outboxes (SMS and e-mail, billing's commands, e-gov.az's events) put a row back to wait."""

import random
from datetime import timedelta

from django.utils import timezone

# The longest error text an outbox row keeps (their `last_error` fields).
ERROR_LENGTH = 500


def backoff_seconds(attempts: int, *, base: float, ceiling: float) -> float:
    """Exponential backoff with full jitter: a random wait up to base * 2**(attempts-1), at most
    `ceiling` (and at least base / 2, so that a retry is never immediate)."""
    highest = min(ceiling, base * 2 ** (attempts - 1))
    return random.uniform(base / 2, max(highest, base / 2))  # noqa: S311 — jitter, not security


def retry_scheduled(row, *, attempts: int, error: str, base: float, ceiling: float, pending: str) -> float:
    """Put `row` (a queryset of the one outbox row, narrowed to the state the caller claimed it
    in) back to `pending`, due after the backoff for its `attempts`-th failure, keeping `error`;
    one UPDATE. Returns the delay, for the caller's log line and its publish with that countdown."""
    delay = backoff_seconds(attempts, base=base, ceiling=ceiling)
    now = timezone.now()
    row.update(
        status=pending,
        next_attempt_at=now + timedelta(seconds=delay),
        last_error=error[:ERROR_LENGTH],
        updated_at=now,
    )
    return delay


def given_up_reason(error: str, attempts: int) -> str:
    """The error a row keeps when its retries ran out: the last one, and how many tries it took."""
    return f"{error} ({attempts} cəhd)"[:ERROR_LENGTH]
