"""Reference data (the units' rows, the campaigns) kept per process between their changes.

Nearly every request needs a unit's row (the assessment's, the office's) and the campaigns
(which one is open for whom), and they change a few times a year. Each worker process keeps
what it has read under one generation in the shared cache (chiso/ops/generations.py) that
saving or deleting a unit, a campaign or a deadline moves, and for `MAX_AGE` seconds at most
(a bound for changes made without signals). Units are handed out as copies: one request's
changes to an object never reach another's.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models.signals import post_delete, post_save

from chiso.ops import generations
from chiso.units.models import Unit

KEY = "reference:generation"
MAX_AGE = 60
MAX_UNITS = 20_000  # rows kept per process (about 1 KB each)
MAX_KEPT = 300  # other results kept per process (lists of up to a few thousand rows)
T = TypeVar("T")

_lock = threading.Lock()
_store: dict[str, Any] = {"generation": None, "at": 0.0, "units": {}, "kept": {}}
_MISSING = object()


def generation() -> str:
    return generations.current(KEY)


def _fresh() -> dict[str, Any]:
    global _store
    now, current = time.monotonic(), generation()
    store = _store
    if store["generation"] != current or now - store["at"] > MAX_AGE:
        with _lock:
            store = _store = {"generation": current, "at": now, "units": {}, "kept": {}}
    return store


def unit(pk: int) -> Unit | None:
    """The unit with this id (any state), or None."""
    units = _fresh()["units"]
    found = units.get(pk, _MISSING)
    if found is _MISSING:
        found = Unit.objects.filter(pk=pk).first()
        if len(units) >= MAX_UNITS:
            units.clear()
        units[pk] = found
    return copy.copy(found)


def kept(name: str, load: Callable[[], T], keep: Callable[[T], bool] | None = None) -> T:
    """`load()`'s result, computed once per generation and process (unless `keep` says it is
    too big to keep). Shared by every request of the process: read it, and hand on copies
    (`copy.copy`) of what callers may change."""
    store = _fresh()["kept"]
    found = store.get(name, _MISSING)
    if found is _MISSING:
        found = load()
        if keep is None or keep(found):
            if len(store) >= MAX_KEPT:
                store.clear()
            store[name] = found
    return found  # type: ignore[no-any-return]


def changed() -> None:
    generations.bump(KEY)


def _saved(sender: Any, **_: Any) -> None:
    changed()


def connect(*models: Any) -> None:
    """Move the generation whenever one of `models` is saved or deleted."""
    for model in models:
        uid = f"reference-{model._meta.label}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_saved, sender=model, dispatch_uid=f"{uid}-del")
