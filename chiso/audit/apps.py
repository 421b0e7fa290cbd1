from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "chiso.audit"
    verbose_name = "Nhật ký"
