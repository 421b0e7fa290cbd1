from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeriodicConfig(AppConfig):
    name = "chiso.periodic"
    verbose_name = _("Báo cáo định kỳ")
