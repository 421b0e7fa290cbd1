"""Which index facts a unit's inventory catalogue asks, kept in the shared cache between changes.

Every view of the assessment form names the answers that are also inventory lines; the
catalogue changes a few times a year. Kept under namespaces of the unit's inventories and of the
catalogue (whose entries name the facts), bumped on commit when one of them is saved or deleted.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from chiso.inventory import actions
from chiso.inventory.models import CatalogueEntry, Inventory, Line
from chiso.lib import namespaces
from chiso.units.models import Unit

SECONDS = 600
CATALOGUE = "inventory:catalogue"


def _unit_namespace(unit_pk: int) -> str:
    return f"inventory:{unit_pk}"


def catalogue_facts(unit_pk: int) -> list[str]:
    """The index facts that lines of the unit's inventory catalogue ask (the same answers)."""

    def load() -> list[str]:
        unit = Unit.objects.get(pk=unit_pk)
        return sorted({e.fact for e in actions.catalogue_for(unit) if e.fact})

    return namespaces.cached((CATALOGUE,), f"catalogue-facts:{unit_pk}", load, SECONDS)


def _inventory_saved(sender: Any, instance: Inventory, **_: Any) -> None:
    namespaces.bump(_unit_namespace(instance.unit_id))


def _line_saved(sender: Any, instance: Line, **_: Any) -> None:
    # Lines are saved through their inventory, already on the line object: no query here.
    namespaces.bump(_unit_namespace(instance.inventory.unit_id))


def _catalogue_saved(sender: Any, **_: Any) -> None:
    namespaces.bump(CATALOGUE)


def connect() -> None:
    for model, receiver in (
        (Inventory, _inventory_saved),
        (Line, _line_saved),
        (CatalogueEntry, _catalogue_saved),
    ):
        uid = f"inventory-facts-{model.__name__}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-del")
