"""Django's database and Redis caches, with large values compressed before they are stored.

The reading view's text, a live version's document and the comparison of 140 sections are
hundreds of kilobytes of HTML or JSON; the first reader after a write stores them. Writing
750 KB into the database cache took about 40 ms (pickled, then Base64-encoded into a text
column); compressed with zlib's fastest level it is a tenth of that, and reading it back pays
a millisecond to inflate. Values under `THRESHOLD` bytes pickled are stored as they are.
"""

from __future__ import annotations

import pickle
import zlib
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache

THRESHOLD = 16 * 1024
_MISSING = object()


class Compressed:
    """A value stored compressed: its pickle, deflated."""

    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data

    def __reduce__(self):
        return (Compressed, (self.data,))


def pack(value: Any) -> Any:
    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    return value if len(data) < THRESHOLD else Compressed(zlib.compress(data, 1))


def unpack(value: Any) -> Any:
    return pickle.loads(zlib.decompress(value.data)) if isinstance(value, Compressed) else value


class CompressingMixin:
    def get(self, key, default=None, version=None):
        value = super().get(key, _MISSING, version=version)
        return default if value is _MISSING else unpack(value)

    def get_many(self, keys, version=None):
        return {k: unpack(v) for k, v in super().get_many(keys, version=version).items()}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, pack(value), timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, pack(value), timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many({k: pack(v) for k, v in data.items()}, timeout, version)


class CompressedDatabaseCache(CompressingMixin, DatabaseCache):
    """`django.core.cache.backends.db.DatabaseCache`, large values compressed."""


class CompressedRedisCache(CompressingMixin, RedisCache):
    """`django.core.cache.backends.redis.RedisCache`, large values compressed."""
