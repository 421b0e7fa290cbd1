from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "chiso.reports"
    verbose_name = _("Văn bản, báo cáo")

    def ready(self) -> None:
        # Imported at ready(): the job kinds register themselves and read the models.
        from chiso.reports import jobs  # noqa: F401
