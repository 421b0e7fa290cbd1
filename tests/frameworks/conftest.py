"""Helpers for framework tests: the shipped 4725 row and variants made through the actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from chiso.frameworks import actions, documents
from chiso.frameworks.models import FrameworkVersion


def national() -> FrameworkVersion:
    return FrameworkVersion.objects.get(framework_id="qd4725-2022", version=1)


def criterion(data: dict[str, Any], criterion_id: str) -> dict[str, Any]:
    return next(c for g in data["groups"] for c in g["criteria"] if c["id"] == criterion_id)


def item(data: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(
        i
        for g in data["groups"]
        for c in g["criteria"]
        for i in c.get("items", [])
        if i["id"] == item_id
    )


def draft_of(
    source: FrameworkVersion, by: Any, change: Callable[[dict[str, Any]], None]
) -> FrameworkVersion:
    """The next version of `source` as a draft, with `change` applied to its data."""
    draft = actions.copy_as_new_version(source, by=by)
    data = documents.parse(draft.text)
    change(data)
    draft, _kept = actions.save_data(draft, data, by=by, revision=draft.revision)
    return draft


def publish(row: FrameworkVersion, by: Any) -> FrameworkVersion:
    return actions.publish(
        row,
        by=by,
        decision_number="99/QĐ-TEST",
        decision_date=dt.date(2026, 9, 1),
        issuer="Bộ GDĐT",
    )


def lower_gradebook_cap(data: dict[str, Any]) -> None:
    """2.3.c worth 10 instead of 20 and 2.3.e 20 instead of 10: sums unchanged, levels move."""
    item(data, "2.3.c")["rule"]["cap"] = 10
    item(data, "2.3.e")["rule"]["cap"] = 20


@pytest.fixture
def admin(world: Any) -> Any:
    """The national role: the ministry's administrator owns the national indices."""
    return world.users["national_admin"]
