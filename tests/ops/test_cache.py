"""The Redis cache keeps one client per connection pool and still reads and writes (real Redis)."""

import uuid

import pytest
from redis.exceptions import ConnectionError as RedisDown

from chiso.ops.cache import RedisCache


@pytest.fixture
def redis_cache():
    cache = RedisCache("redis://127.0.0.1:6379/1", {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    try:
        cache.get("ping")
    except RedisDown:
        pytest.fail("Redis must run at 127.0.0.1:6379 for this test")
    yield cache
    cache.delete_many(["a", "b"])  # not clear(): that would empty the whole Redis database


def test_the_client_is_made_once_and_reused(redis_cache):
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client(write=True) is client
    assert redis_cache._cache.get_client(write=False) is client  # one server: one pool


def test_values_are_written_read_and_kept_apart_by_prefix(redis_cache):
    redis_cache.set_many({"a": {"n": 1}, "b": "hai"}, 30)
    assert redis_cache.get_many(["a", "b", "c"]) == {"a": {"n": 1}, "b": "hai"}
    other = RedisCache("redis://127.0.0.1:6379/1", {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    assert other.get("a") is None
