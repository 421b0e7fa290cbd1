from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "chiso.reports"
    verbose_name = "Văn bản, báo cáo"

    def ready(self) -> None:
        from chiso.reports import jobs  # noqa: F401  (registers the job kinds)
