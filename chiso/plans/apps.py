from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "chiso.plans"
    default_auto_field = "django.db.models.BigAutoField"
