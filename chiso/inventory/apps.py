from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "chiso.inventory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from chiso.inventory import freshness

        freshness.connect()
