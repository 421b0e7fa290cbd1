from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class FrameworksConfig(AppConfig):
    name = "chiso.frameworks"
    verbose_name = _("Bộ chỉ số")

    def ready(self) -> None:
        # Imported at ready(): models must be loaded first.
        from chiso.frameworks import registry
        from chiso.frameworks.models import FrameworkVersion

        post_migrate.connect(_register_shipped, sender=self)
        for signal in (post_save, post_delete):
            signal.connect(_forget, sender=FrameworkVersion, dispatch_uid=f"frameworks-{signal}")
        registry.clear_cache()


def _register_shipped(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """The index files shipped with chiso become published versions (idempotent)."""
    from chiso.frameworks import registry

    registry.register_shipped(using=using)


def _forget(sender: Any, **kwargs: Any) -> None:
    from chiso.frameworks import registry

    registry.clear_cache()
