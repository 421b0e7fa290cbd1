from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworksConfig(AppConfig):
    name = "chiso.frameworks"
    verbose_name = _("Bộ chỉ số")

    def ready(self) -> None:
        # Imported at ready(): the registry reads the models, loaded only now.
        from chiso.frameworks import registry

        registry.connect(self)
