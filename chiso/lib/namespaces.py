"""Cache keys under a namespace that moves, after commit, when what it stands for changes.

A value cached under `key(name, ...)` is found only while the namespace `name` is current.
`bump(name)` gives the namespace a new token at once (this process's next reads, inside the
transaction too, see the change) and again once the transaction that made the change has
committed, so that what another process read from the rows of before the commit, and kept under
the token of the meantime, is never found again. Read the key *before* reading the rows it
guards: a change committed meanwhile moves the namespace, and what was computed from older rows
is never found again. A token missing from the cache (never set, evicted) is created anew, never
defaulted.
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
    """New tokens for `names` now, and again once the current transaction commits."""

    def move() -> None:
        cache.set_many({_token_key(name): uuid.uuid4().hex for name in names}, None)

    move()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(move)


def cached(names: tuple[str, ...], part: str, load: Callable[[], T], seconds: int) -> T:
    """`load()`, kept in the shared cache while the namespaces `names` are current: one round
    trip reads the namespaces' tokens and the value, kept with the tokens it was read under."""
    token_keys = [_token_key(name) for name in names]
    value_key = f"v:{part}"
    found = cache.get_many([*token_keys, value_key])
    if any(k not in found for k in token_keys):
        stamp = token(*names)  # a namespace never seen (or evicted): created now
    else:
        stamp = ".".join(found[k] for k in token_keys)
    entry = found.get(value_key)
    if entry is not None and entry[0] == stamp:
        return entry[1]  # type: ignore[no-any-return]
    value = load()  # read after the tokens: a change committed meanwhile moved them
    cache.set(value_key, (stamp, value), seconds)
    return value
