from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "chiso.web"
    verbose_name = "Giao diện"
