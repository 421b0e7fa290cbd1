from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "chiso.units"
    verbose_name = "Đơn vị"

    def ready(self) -> None:
        from chiso.units import identity, reference
        from chiso.units.models import Unit

        identity.connect()
        reference.connect(Unit)
