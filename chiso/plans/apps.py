from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "chiso.plans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported at ready(): the module reads the models, loaded only now.
        from chiso.plans import actions
        from chiso.reports import data

        data.register_supplement(actions.report_supplement)
