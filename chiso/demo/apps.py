from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "chiso.demo"
    verbose_name = "Dữ liệu minh họa"
