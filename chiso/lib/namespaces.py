"""Cache keys under a namespace that moves, after commit, when what it stands for changes.

A value cached under `key(name, ...)` is found only while the namespace `name` is current.
`bump(name)` gives the namespace a new token once the transaction that made the change has
committed, so no process can read the rows from before the commit and keep them under the new
token. Read the key *before* reading the rows it guards: a change committed meanwhile moves the
namespace, and what was computed from older rows is never found again. A token missing from the
cache (never set, evicted) is created anew, never defaulted.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")


def _token_key(name: str) -> str:
    return f"ns:{name}"


def token(*names: str) -> str:
    """The current tokens of `names`, joined: it changes when any of them is bumped."""
    keys = [_token_key(name) for name in names]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)  # add() keeps what another process set
            found[key] = cache.get(key) or uuid.uuid4().hex
    return ".".join(found[key] for key in keys)


def key(names: tuple[str, ...], *parts: object) -> str:
    """A cache key that is current while the namespaces `names` are."""
    return ":".join([token(*names), *map(str, parts)])


def bump(*names: str) -> None:
    """New tokens for `names` once the current transaction commits (at once outside one)."""

    def move() -> None:
        cache.set_many({_token_key(name): uuid.uuid4().hex for name in names}, None)

    transaction.on_commit(move)


def cached(names: tuple[str, ...], part: str, load: Callable[[], T], seconds: int) -> T:
    """`load()`, kept in the shared cache while the namespaces `names` are current."""
    cache_key = key(names, part)
    found = cache.get(cache_key)
    if found is None:
        found = (load(),)  # a tuple, so that a None or empty result is kept too
        cache.set(cache_key, found, seconds)
    return found[0]  # type: ignore[no-any-return]
