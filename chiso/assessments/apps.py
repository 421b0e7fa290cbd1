from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "chiso.assessments"
    verbose_name = "Đánh giá"

    def ready(self) -> None:
        from chiso.assessments import jobs  # noqa: F401  (registers the job kinds)
