"""chiso's Redis cache backend: Django's, without memcached's key checks."""

import warnings

import pytest
import redis
from django.core.cache.backends.base import CacheKeyWarning
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from chiso.lib.cache import RedisCache

URL = "redis://127.0.0.1:6379/3"


@pytest.fixture
def redis_cache():
    try:
        redis.Redis.from_url(URL).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    cache = RedisCache(URL, {"KEY_PREFIX": "test-cache"})
    yield cache
    cache.clear()


def test_a_key_memcached_would_refuse_is_stored_and_read_without_a_warning(redis_cache):
    key = "trang đầu " + "x" * 300  # spaces, non-ASCII, longer than memcached's 250
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        redis_cache.set(key, {"điểm": 10})
        assert redis_cache.get(key) == {"điểm": 10}
        assert redis_cache.get_many([key, "other"]) == {key: {"điểm": 10}}


def test_djangos_own_backend_would_have_warned_for_that_key():
    with pytest.warns(CacheKeyWarning):
        DjangoRedisCache(URL, {}).validate_key("trang đầu " + "x" * 300)
