from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "chiso.units"
    verbose_name = "Đơn vị"
