from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "chiso.assessments"
    verbose_name = "Đánh giá"

    def ready(self) -> None:
        from chiso.assessments import attached, jobs  # noqa: F401  (jobs: registers its kinds)
        from chiso.assessments.models import Campaign, Deadline
        from chiso.units import reference

        attached.connect()
        reference.connect(Campaign, Deadline)
