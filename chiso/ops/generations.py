"""Generations: a token in the shared cache that changes whenever what it stands for changes.

Something kept under the generation it was computed in is current while that generation is.
A generation missing from the cache (never set, evicted) is created anew, never read as a
default, so an old copy can never look current again. Read the generation *before* reading
what it guards: a change made meanwhile then moves it, and the copy is never used.

Within one request a generation is read once (`in_request`): the request sees one state of
what it guards from start to end, and asks the cache once however many copies it uses.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache

T = TypeVar("T")
_seen: ContextVar[dict[str, str] | None] = ContextVar("generations_seen", default=None)


@contextlib.contextmanager
def in_request() -> Iterator[None]:
    token = _seen.set({})
    try:
        yield
    finally:
        _seen.reset(token)


def shared() -> bool:
    """Whether every process sees the generations (settings.WORKER_COPIES); if not, each one
    read is new, so that no copy is ever used again."""
    return bool(getattr(settings, "WORKER_COPIES", False))


def current(*keys: str) -> str:
    """The generations of `keys`, joined: it changes when any of them changes."""
    if not shared():
        return uuid.uuid4().hex
    seen = _seen.get()
    found = {k: seen[k] for k in keys if k in seen} if seen is not None else {}
    missing = [k for k in keys if k not in found]
    if missing:
        found.update(cache.get_many(missing))
        for key in missing:
            if key not in found:
                cache.add(key, uuid.uuid4().hex, None)  # add() keeps what another process set
                found[key] = cache.get(key) or uuid.uuid4().hex
        if seen is not None:
            seen.update({k: found[k] for k in missing})
    return ".".join(found[key] for key in keys)


def bump(*keys: str) -> None:
    tokens = {key: uuid.uuid4().hex for key in keys}
    cache.set_many(tokens, None)
    seen = _seen.get()
    if seen is not None:
        seen.update(tokens)


def cached(name: str, scope: tuple[str, ...], load: Callable[[], T], seconds: int) -> T:
    """`load()`, kept in the shared cache under the current generations of `scope`."""
    if not shared():
        return load()
    key = f"{name}:{current(*scope)}"
    found = cache.get(key)
    if found is None:
        found = (load(),)  # a tuple, so that a None or empty result is kept too
        cache.set(key, found, seconds)
    return found[0]  # type: ignore[no-any-return]


class Kept:
    """Values a worker process keeps per key under the generation they were read in: `get`
    answers the kept value while that generation is current and it is younger than `max_age`
    seconds (a bound for changes made without signals), else loads it again. At most `size`
    keys (all dropped when full). The value is shared by the process's requests: keep only
    what they read, or what `get`'s caller copies."""

    def __init__(self, max_age: float, size: int) -> None:
        self.max_age, self.size = max_age, size
        self._values: dict[Any, tuple[str, float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Any, generation: str, load: Callable[[], T]) -> T:
        found = self._values.get(key)
        if found and found[0] == generation and time.monotonic() - found[1] < self.max_age:
            return found[2]  # type: ignore[no-any-return]
        value = load()
        with self._lock:
            if len(self._values) >= self.size:
                self._values.clear()
            self._values[key] = (generation, time.monotonic(), value)
        return value
