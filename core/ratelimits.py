"""Rate limits, counted in the shared cache (Redis in production).

django-ratelimit names the counters (group, rate, client, window) and parses the rates; on Redis
a request is counted in one atomic round trip (core.cache.RedisCache.count) instead of the
library's `add` then `incr`, under the very key the library uses, so its readers (the staff
sign-in throttle) see the same counts. Other caches (the embedded local-memory one) count
through the library itself.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache, caches
from django_ratelimit.core import (
    _SIMPLE_KEYS,
    ALL,
    EXPIRATION_FUDGE,
    _get_window,
    _make_cache_key,
    _method_match,
    _split_rate,
    is_ratelimited,
)

from core.exceptions import Unavailable


class RateLimitUnavailable(Unavailable):
    """The cache that counts requests did not answer: the request is refused for now."""


def rate_limit_exceeded(request, *, group: str, key, rate: str, method: str = "POST") -> bool:
    """Count this request against `rate` if it is a `method` one (a page opened by a link counts
    its GETs) and say whether it is over. `key` is django-ratelimit's: "ip", or a callable.
    Raises RateLimitUnavailable when the cache is down: a limit that cannot be counted is not
    lifted (fail closed)."""
    try:
        return _counted_over(request, group=group, key=key, rate=rate, method=method)
    except Exception as error:  # each cache backend raises its own connection errors
        raise RateLimitUnavailable(f"rate-limit cache: {type(error).__name__}") from error


def _counted_over(request, *, group: str, key, rate: str, method) -> bool:
    counters = caches[settings.RATELIMIT_USE_CACHE]
    if not hasattr(counters, "count"):  # not Redis: the library's own add-then-incr
        return is_ratelimited(request, group=group, key=key, rate=rate, method=method, increment=True)
    if not getattr(settings, "RATELIMIT_ENABLE", True) or not _method_match(request, method):
        return False
    value = key(group, request) if callable(key) else _SIMPLE_KEYS[key](request)
    limit, period = _split_rate(rate)
    counter = _make_cache_key(group, _get_window(value, period), rate, value, method)
    return counters.count(counter, period + EXPIRATION_FUDGE) > limit


def rate_limit_refuses_item(request, *, group: str, who: str, item: str, rate: str) -> bool:
    """Whether `who` may not see `item` (one account, say): each different item counts once
    against `rate`, whatever the request's method or page; the same item again within the
    period is free, as it shows nothing new. A refused item is not remembered. Raises
    RateLimitUnavailable (fail closed)."""
    digest = hashlib.sha256(f"{group}\0{who}\0{item}".encode()).hexdigest()
    seen_key = f"rl-seen:{digest}"
    try:
        if cache.get(seen_key):
            return False
        refused = _counted_over(request, group=group, key=lambda _group, _request: who, rate=rate, method=ALL)
        if not refused:
            cache.set(seen_key, 1, timeout=_split_rate(rate)[1])
        return refused
    except Exception as error:  # each cache backend raises its own connection errors
        raise RateLimitUnavailable(f"rate-limit cache: {type(error).__name__}") from error
