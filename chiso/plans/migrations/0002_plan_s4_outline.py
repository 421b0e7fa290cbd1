from django.db import migrations


def load(apps, schema_editor):
    """Once the national sample of the yearly report (S4) in this app's outline syntax; the one
    outline system of chiso.periodic replaces it (periodic 0003), which creates its own sample."""


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
