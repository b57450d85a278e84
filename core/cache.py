"""Django's Redis cache with a one-round-trip `incr`.

Django's `RedisCache.incr` asks Redis whether the key EXISTS, then INCRBYs it: two round trips
for every counted request (django-ratelimit counts each status lookup with `add` + `incr`). Here
one Lua script does both, atomically, with the same contract: a missing key raises ValueError.
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


class RedisCacheClient(django_redis.RedisCacheClient):
    def incr(self, key, delta=1):
        value = self.get_client(key, write=True).eval(INCR_EXISTING, 1, key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
