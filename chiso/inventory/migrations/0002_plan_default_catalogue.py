from django.db import migrations


def load(apps, schema_editor):
    from chiso.inventory.catalogue import DEFAULT_ENTRIES

    Entry = apps.get_model("inventory", "CatalogueEntry")
    for position, (kind, name, qty, second, fact) in enumerate(DEFAULT_ENTRIES):
        Entry.objects.get_or_create(
            kind=kind,
            name=name,
            owner=None,
            defaults={
                "quantity_label": qty,
                "second_label": second,
                "fact": fact,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("inventory", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
