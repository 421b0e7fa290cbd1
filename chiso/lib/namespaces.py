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
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

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


Entry = tuple[tuple[str, ...], str, Callable[[], Any], int]


def row(name: str, model: type[models.Model], pk: int, seconds: int) -> Entry:
    """A model's row by its id (None if missing) as an entry of `cached_many`, kept under the
    namespace `name` (which `follow` moves when any row of the model changes)."""
    label = model._meta.model_name
    return (name,), f"{label}:{pk}", lambda: model._default_manager.filter(pk=pk).first(), seconds


def follow(model: type[models.Model], name: str) -> None:
    """Move the namespace `name` whenever a row of `model` is saved or deleted (signals: a
    `QuerySet.update` of the model must call `bump` itself)."""

    def changed(sender: Any, **_: Any) -> None:
        bump(name)

    uid = f"namespace-{name}-{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-del")


def cached(names: tuple[str, ...], part: str, load: Callable[[], T], seconds: int) -> T:
    """`load()`, kept in the shared cache while the namespaces `names` are current: one round
    trip reads the namespaces' tokens and the value, kept with the tokens it was read under."""
    return cached_many([(names, part, load, seconds)])[0]  # type: ignore[no-any-return]


def cached_many(entries: Sequence[Entry]) -> list[Any]:
    """Several `cached` values, each entry (names, part, load, seconds), in one round trip."""
    token_keys = {_token_key(name): name for names, *_ in entries for name in names}
    found = cache.get_many([*token_keys, *(f"v:{part}" for _, part, _, _ in entries)])
    for key, name in token_keys.items():
        if key not in found:
            found[key] = token(name)  # a namespace never seen (or evicted): created now
    values = []
    for names, part, load, seconds in entries:
        stamp = ".".join(found[_token_key(name)] for name in names)
        entry = found.get(f"v:{part}")
        if entry is not None and entry[0] == stamp:
            values.append(entry[1])
            continue
        value = load()  # read after the tokens: a change committed meanwhile moved them
        cache.set(f"v:{part}", (stamp, value), seconds)
        values.append(value)
    return values
