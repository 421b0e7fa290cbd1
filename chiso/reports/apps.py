from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "chiso.reports"
    verbose_name = "Văn bản, báo cáo"
