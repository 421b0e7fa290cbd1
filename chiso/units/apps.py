from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "chiso.units"
    verbose_name = _("Đơn vị")

    def ready(self) -> None:
        # Imported at ready(): the module reads the models, loaded only now.
        from chiso.units import cached, identity

        cached.connect()
        identity.connect()
