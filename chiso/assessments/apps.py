from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "chiso.assessments"
    verbose_name = _("Đánh giá")

    def ready(self) -> None:
        # Importing at ready(): models must be loaded first.
        from chiso.assessments import changes, jobs  # noqa: F401  (jobs: registers its kinds)

        changes.connect()
