from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "chiso.evidence"
    verbose_name = "Minh chứng"
