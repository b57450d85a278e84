"""The Redis cache backend (core/cache.py): Django's contract, `incr` in one round trip."""

import os
import subprocess
import sys

import pytest
import redis as redis_py
from django.conf import settings

from core.cache import RedisCache
from tests.security.outages import RedisServer
from tests.support.processes import require_services


@pytest.fixture(scope="module")
def redis_location():
    require_services(postgres=False)
    server = RedisServer()
    server.start()
    yield f"redis://127.0.0.1:{server.port}/0"
    server.stop()


@pytest.fixture
def cache(redis_location):
    backend = RedisCache(redis_location, {"KEY_PREFIX": "cache-test"})
    backend.clear()
    return backend


def test_incr_counts_an_existing_key(cache):
    assert cache.add("count", 1, 60)
    assert cache.incr("count") == 2
    assert cache.incr("count", 5) == 7
    assert cache.get("count") == 7


def test_incr_of_a_missing_key_raises_and_creates_nothing(cache):
    with pytest.raises(ValueError, match="not found"):
        cache.incr("missing")
    assert cache.get("missing") is None


def test_incr_keeps_the_expiry_that_add_set(cache, redis_location):
    cache.add("window", 1, 60)
    cache.incr("window")
    ttl = redis_py.Redis.from_url(redis_location).ttl(cache.make_key("window"))
    assert 0 < ttl <= 60


def test_incr_is_one_round_trip(cache, monkeypatch):
    cache.add("count", 1, 60)
    sent = []
    original = redis_py.Redis.execute_command

    def counting(self, *args, **options):
        sent.append(args[0])
        return original(self, *args, **options)

    monkeypatch.setattr(redis_py.Redis, "execute_command", counting)
    cache.incr("count")
    assert sent == ["EVAL"]


def test_every_call_reuses_one_client_and_its_connections(cache, monkeypatch):
    cache.set("warm", 1, 60)
    built = []
    original = redis_py.Redis.__init__

    def counting(self, *args, **options):
        built.append(options)
        original(self, *args, **options)

    monkeypatch.setattr(redis_py.Redis, "__init__", counting)
    for number in range(20):
        cache.set(f"key-{number}", number, 60)
        assert cache.get(f"key-{number}") == number
    assert cache.incr("warm") == 2

    assert built == []


def test_one_client_is_shared_by_threads(cache):
    from concurrent.futures import ThreadPoolExecutor

    def work(number):
        cache.set(f"thread-{number}", number, 60)
        return cache.get(f"thread-{number}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(work, range(64))) == list(range(64))


@pytest.mark.parametrize("module", ["base", "test"])
@pytest.mark.parametrize(
    ("cache_url", "backend"),
    [
        ("redis://127.0.0.1:6379/1", "core.cache.RedisCache"),
        ("locmemcache://portal", "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_settings_choose_it_for_a_redis_cache_url(module, cache_url, backend):
    chosen = subprocess.run(  # noqa: S603 — our own interpreter, fixed arguments
        [
            sys.executable,
            "-c",
            f"from azerishiq_portal.settings import {module}; print({module}.CACHES['default']['BACKEND'])",
        ],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), "CACHE_URL": cache_url},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert chosen.stdout.strip() == backend
