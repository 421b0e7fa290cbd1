from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "chiso.inventory"
    default_auto_field = "django.db.models.BigAutoField"
