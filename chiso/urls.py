"""Every app declares its own paths in full; each URL is served by the app that owns its view.

Django tries the paths in this order until one matches: the apps the deadline week calls most
come first (tests/web/test_url_order.py also checks that no app's path takes another's URL)."""

from django.urls import include, path

urlpatterns = [
    path("", include("chiso.web.urls")),
    path("", include("chiso.ops.urls")),  # health probes and the bare page `make load` measures
    path("", include("chiso.assessments.urls")),  # the form, its saves, an office's list
    path("", include("chiso.dashboards.urls")),
    path("", include("chiso.reports.urls")),
    path("", include("chiso.evidence.urls")),
    path("", include("chiso.units.urls")),
    path("", include("chiso.frameworks.urls")),
    path("", include("chiso.jobs.urls")),
    path("", include("chiso.periodic.urls")),
    path("", include("chiso.inventory.urls")),
    path("", include("chiso.plans.urls")),
    path("", include("chiso.reminders.urls")),
    path("", include("chiso.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
