"""How long an outbox row waits before its next try, after a transient failure."""

import random


def backoff_seconds(attempts: int, *, base: float, ceiling: float) -> float:
    """Exponential backoff with full jitter: a random wait up to base * 2**(attempts-1), at most
    `ceiling` (and at least base / 2, so that a retry is never immediate)."""
    highest = min(ceiling, base * 2 ** (attempts - 1))
    return random.uniform(base / 2, max(highest, base / 2))  # noqa: S311 — jitter, not security
