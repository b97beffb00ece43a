"""Large cache values are stored compressed and come back as they were; small ones as they are."""

import pickle

import pytest
from django.core.management import call_command
from django.utils.safestring import SafeString, mark_safe

from minden_integration.core.cache_backends import (
    THRESHOLD,
    Compressed,
    CompressedDatabaseCache,
    CompressingMixin,
)

pytestmark = pytest.mark.django_db

LARGE = mark_safe("<p>Sprachförderung in allen Kitas.</p>\n" * 20_000)  # ~760 KB


@pytest.fixture
def cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "compressed": {
            "BACKEND": "minden_integration.core.cache_backends.CompressedDatabaseCache",
            "LOCATION": "test_compressed_cache",
        },
    }
    call_command("createcachetable", "test_compressed_cache", verbosity=0)
    return CompressedDatabaseCache("test_compressed_cache", {})


def raw(cache, key):
    """The value as the database cache itself gives it back, not unpacked."""
    return super(CompressingMixin, cache).get_many([key])[key]


def test_a_large_value_is_stored_compressed_and_read_back_unchanged(cache):
    cache.set("text", LARGE)
    stored = raw(cache, "text")
    assert isinstance(stored, Compressed)
    assert len(pickle.dumps(stored)) < len(LARGE.encode()) / 10
    value = cache.get("text")
    assert value == LARGE and isinstance(value, SafeString)


def test_a_small_value_is_stored_as_it_is(cache):
    cache.set("small", {"n": 1})
    assert raw(cache, "small") == {"n": 1}
    assert len(pickle.dumps({"n": 1})) < THRESHOLD


def test_missing_keys_give_the_default_and_many_values_round_trip(cache):
    assert cache.get("none", "vorgabe") == "vorgabe"
    assert cache.add("a", LARGE) is True and cache.add("a", "x") is False
    cache.set_many({"b": LARGE, "c": 3})
    assert cache.get_many(["a", "b", "c", "d"]) == {"a": LARGE, "b": LARGE, "c": 3}
    assert cache.get_or_set("e", lambda: LARGE) == LARGE and cache.get("e") == LARGE


def test_the_redis_cache_round_trips_large_values_compressed():
    """Production's shared cache (Redis runs on this machine and on CI's)."""
    from minden_integration.core.cache_backends import CompressedRedisCache

    cache = CompressedRedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "test-compressed"})
    cache.set("text", LARGE, 60)
    assert isinstance(super(CompressingMixin, cache).get("text"), Compressed)
    assert cache.get("text") == LARGE
    cache.delete("text")
