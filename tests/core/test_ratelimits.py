"""The rate limits on Redis (core/ratelimits.py): each counted request is one atomic round trip,
under django-ratelimit's own key, so the library's readers see the same count; the counter
lives as long as its window. (On the local-memory cache the library counts: the whole suite.)"""

import pytest
import redis as redis_py
from django.test import RequestFactory
from django_ratelimit.core import get_usage

from core.ratelimits import rate_limit_exceeded, rate_limit_refuses_item
from tests.security.outages import RedisServer
from tests.support.processes import require_services


@pytest.fixture(scope="module")
def redis_location():
    require_services(postgres=False)
    server = RedisServer()
    server.start()
    yield f"redis://127.0.0.1:{server.port}/0"
    server.stop()


@pytest.fixture(autouse=True)
def redis_cache(settings, redis_location):
    settings.CACHES = {"default": {"BACKEND": "core.cache.RedisCache", "LOCATION": redis_location}}
    redis_py.Redis.from_url(redis_location).flushdb()


@pytest.fixture
def commands(monkeypatch) -> list[str]:
    """The commands sent to Redis from now on, by name."""
    sent = []
    original = redis_py.Redis.execute_command

    def counting(self, *args, **options):
        sent.append(args[0])
        return original(self, *args, **options)

    monkeypatch.setattr(redis_py.Redis, "execute_command", counting)
    return sent


def post(address: str = "203.0.113.7"):
    return RequestFactory().post("/status/", REMOTE_ADDR=address)


def test_the_limit_lets_the_rate_through_and_refuses_the_next(db):
    answers = [rate_limit_exceeded(post(), group="lookup", key="ip", rate="3/m") for _ in range(4)]

    assert answers == [False, False, False, True]
    assert rate_limit_exceeded(post("203.0.113.8"), group="lookup", key="ip", rate="3/m") is False


def test_each_counted_request_is_one_round_trip(db, commands):
    for _ in range(3):
        rate_limit_exceeded(post(), group="lookup", key="ip", rate="20/10m")

    assert commands == ["EVAL", "EVAL", "EVAL"]


def test_a_request_of_another_method_is_not_counted(db, commands):
    get = RequestFactory().get("/status/", REMOTE_ADDR="203.0.113.7")

    assert rate_limit_exceeded(get, group="lookup", key="ip", rate="1/m") is False
    assert rate_limit_exceeded(get, group="lookup", key="ip", rate="1/m") is False
    assert commands == []


def test_django_ratelimit_reads_the_same_count(db):
    for _ in range(2):
        rate_limit_exceeded(post(), group="lookup", key="ip", rate="5/m")

    usage = get_usage(post(), group="lookup", key="ip", rate="5/m", method="POST", increment=False)

    assert (usage["count"], usage["limit"], usage["should_limit"]) == (2, 5, False)


def test_the_counter_lives_as_long_as_its_window(db, redis_location):
    rate_limit_exceeded(post(), group="lookup", key="ip", rate="20/10m")
    rate_limit_exceeded(post(), group="lookup", key="ip", rate="20/10m")

    server = redis_py.Redis.from_url(redis_location)
    [counter] = server.keys("*")
    assert 0 < server.ttl(counter) <= 600 + 5
    assert int(server.get(counter)) == 2


def test_the_same_item_again_is_free_and_a_new_one_counts(db):
    who = "citizen:2AB3C4D"
    seen = [
        rate_limit_refuses_item(post(), group="account", who=who, item=code, rate="2/h") for code in "aab"
    ]
    refused = rate_limit_refuses_item(post(), group="account", who=who, item="c", rate="2/h")

    assert seen == [False, False, False]
    assert refused is True
    assert rate_limit_refuses_item(post(), group="account", who=who, item="a", rate="2/h") is False
