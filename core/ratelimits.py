"""Rate limits, counted in the shared cache (Redis in production)."""

from django_ratelimit.core import is_ratelimited

from core.exceptions import Unavailable


class RateLimitUnavailable(Unavailable):
    """The cache that counts requests did not answer: the request is refused for now."""


def rate_limit_exceeded(request, *, group: str, key: str, rate: str) -> bool:
    """Count this POST against `rate` and say whether it is over. Raises RateLimitUnavailable
    when the cache is down: a limit that cannot be counted is not lifted (fail closed)."""
    try:
        return is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True)
    except Exception as error:  # each cache backend raises its own connection errors
        raise RateLimitUnavailable(f"rate-limit cache: {type(error).__name__}") from error
