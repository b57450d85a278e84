"""Django's Redis cache with a one-round-trip `incr`, a one-round-trip `count` for the rate
limits, and one client object per server.

Django's `RedisCache.incr` asks Redis whether the key EXISTS, then INCRBYs it: two round trips
for every counted request (django-ratelimit counts each status lookup with `add` + `incr`). Here
one Lua script does both, atomically, with the same contract: a missing key raises ValueError.
Django's client also builds a new `redis.Redis` on every cache call (~0.2 ms of CPU each, on
every rate-limited or cached request; issue 19's profile): here each server's client is built
once, on its connection pool, and reused — redis-py's clients are safe to share between threads.
`count` is what a rate limit needs in one atomic call: add one to a counter, creating it with its
time to live (core/ratelimits.py; django-ratelimit's `add` then `incr` is two).
Settings swap this class in for `django.core.cache.backends.redis.RedisCache` (CACHE_URL=redis://…).
"""

from django.core.cache.backends import redis as django_redis

# KEYS[1]: the key; ARGV[1]: the delta. A missing key answers nil (no key is created).
INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return false
"""

# KEYS[1]: the counter; ARGV[1]: its time to live (seconds), set by the call that creates it.
COUNT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return count
"""


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client

    def incr(self, key, delta=1):
        value = self.get_client(key, write=True).eval(INCR_EXISTING, 1, key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def count(self, key, timeout: int) -> int:
        return self.get_client(key, write=True).eval(COUNT, 1, key, timeout)


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def count(self, key, timeout: int, version=None) -> int:
        """Add one to the counter `key` and return it; the call that creates it gives it
        `timeout` seconds to live (later calls keep that expiry). One round trip, atomic."""
        key = self.make_and_validate_key(key, version=version)
        return self._cache.count(key, int(timeout))
