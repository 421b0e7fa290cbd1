from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PeriodicConfig(AppConfig):
    name = "chiso.periodic"
    verbose_name = _("Báo cáo định kỳ")

    def ready(self) -> None:
        post_migrate.connect(_national_samples, sender=self)


def _national_samples(sender: Any, using: str = "default", **kwargs: Any) -> None:
    # Imported here: the services read the models, which this module must not import (apps load
    # before models).
    from chiso.periodic import services

    services.register_national_samples(using=using)
