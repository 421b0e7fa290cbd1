"""What a unit's inventory answers for the index, kept in the cache between its changes.

Every view of the assessment form shows which facts the inventory answers; the inventory
changes a few times a year. Kept under a generation of the unit's inventories that saving or
deleting an inventory or one of its lines moves, and of the catalogue (whose entries name the
facts), and for `SECONDS` at most.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from chiso.inventory import actions
from chiso.inventory.models import CatalogueEntry, Inventory, Line
from chiso.ops import generations

SECONDS = 600
CATALOGUE = "inventory:generation:catalogue"


def _unit_key(unit_pk: int) -> str:
    return f"inventory:generation:{unit_pk}"


def index_facts(unit_pk: int, school_year: str) -> dict[str, bool] | None:
    """The index facts the unit's inventory of that year answers; None without an inventory."""

    def load() -> dict[str, bool] | None:
        inventory = Inventory.objects.filter(unit_id=unit_pk, school_year=school_year).first()
        return actions.index_facts(inventory) if inventory is not None else None

    scope = (CATALOGUE, _unit_key(unit_pk))
    return generations.cached(f"inventory-facts:{unit_pk}:{school_year}", scope, load, SECONDS)


def _inventory_saved(sender: Any, instance: Inventory, **_: Any) -> None:
    generations.bump(_unit_key(instance.unit_id))


def _line_saved(sender: Any, instance: Line, **_: Any) -> None:
    # Lines are saved through their inventory (its lines, or `Line(inventory=...)`): the
    # inventory is already on the line object, so this reads nothing more.
    generations.bump(_unit_key(instance.inventory.unit_id))


def _catalogue_saved(sender: Any, **_: Any) -> None:
    generations.bump(CATALOGUE)


def connect() -> None:
    for model, receiver in (
        (Inventory, _inventory_saved),
        (Line, _line_saved),
        (CatalogueEntry, _catalogue_saved),
    ):
        uid = f"inventory-facts-{model.__name__}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-del")
