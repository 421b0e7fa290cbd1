from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "chiso.reminders"
    verbose_name = _("Nhắc hạn")

    def ready(self) -> None:
        from chiso.reminders import jobs  # noqa: F401 (registers the job kind)
