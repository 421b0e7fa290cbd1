from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "chiso.assessments"
    verbose_name = _("Đánh giá")

    def ready(self) -> None:
        # Imported at ready(): these read the models, loaded only now (jobs registers its kinds).
        from chiso.assessments import attachments, cached, changes, jobs  # noqa: F401

        attachments.connect()
        cached.connect()
        changes.connect()
