from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "chiso.plans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported at ready(): the modules read the models, loaded only now.
        from chiso.assessments import yearfacts
        from chiso.plans import actions

        def take(sender: object, *, assessment: object, by: object, **kwargs: object) -> None:
            actions.take_into_assessment(assessment, by=by)  # type: ignore[arg-type]

        yearfacts.started.connect(take, dispatch_uid="plans.take_into_assessment", weak=False)
