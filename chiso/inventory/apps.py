from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "chiso.inventory"
    verbose_name = _("Hiện trạng CNTT")

    def ready(self) -> None:
        # Imported at ready(): the module reads the models, loaded only now.
        from chiso.assessments import yearfacts
        from chiso.inventory import actions, freshness
        from chiso.reports import data

        freshness.connect()
        data.register_supplement(actions.report_supplement)

        def take(sender: object, *, assessment: object, by: object, **kwargs: object) -> None:
            actions.take_into_assessment(assessment, by=by)  # type: ignore[arg-type]

        yearfacts.started.connect(take, dispatch_uid="inventory.take_into_assessment", weak=False)
