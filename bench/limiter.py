"""The rate limit's cost per counted request on Redis, in-process: django-ratelimit's own
`add` then `incr` against the portal's one-round-trip count (core/ratelimits.py), interleaved
round by round on one Redis, each round `COUNTED` requests; prints the medians.

    REDIS_URL=redis://127.0.0.1:6379/11 .venv/bin/python -m bench.limiter

(bench/NOTES.md records its runs; it flushes the database it is given.)"""

import os
import statistics
import time

import django

COUNTED = 2000
ROUNDS = 7


def main() -> None:
    location = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/11")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "azerishiq_portal.settings.test")
    django.setup()
    from django.core.cache import cache
    from django.test import RequestFactory
    from django.test.utils import override_settings
    from django_ratelimit.core import is_ratelimited

    from core.ratelimits import rate_limit_exceeded

    override_settings(CACHES={"default": {"BACKEND": "core.cache.RedisCache", "LOCATION": location}}).enable()
    cache.clear()
    request = RequestFactory().post("/status/", REMOTE_ADDR="203.0.113.7")

    def library():
        is_ratelimited(request, group="library", key="ip", rate="100000/h", method="POST", increment=True)

    def portal():
        rate_limit_exceeded(request, group="portal", key="ip", rate="100000/h")

    taken = {"django-ratelimit (add, incr)": [], "portal (one count)": []}
    for _ in range(ROUNDS):
        for name, count in zip(taken, (library, portal), strict=True):
            cpu, wall = time.process_time(), time.perf_counter()
            for _ in range(COUNTED):
                count()
            taken[name].append(
                ((time.process_time() - cpu) / COUNTED, (time.perf_counter() - wall) / COUNTED)
            )
    cache.clear()
    print(
        f"load average {os.getloadavg()[0]:.1f}; median of {ROUNDS} rounds of {COUNTED}, per counted request:"
    )
    for name, rounds in taken.items():
        cpu = statistics.median(round_[0] for round_ in rounds) * 1e6
        wall = statistics.median(round_[1] for round_ in rounds) * 1e6
        print(f"  {name:30} CPU {cpu:5.0f} µs   wall {wall:5.0f} µs")


if __name__ == "__main__":
    main()
