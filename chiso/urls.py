"""Every app declares its own paths in full; each URL is served by the app that owns its view."""

from django.urls import include, path

urlpatterns = [
    path("", include("chiso.web.urls")),
    path("", include("chiso.assessments.urls")),
    path("", include("chiso.evidence.urls")),
    path("", include("chiso.reports.urls")),
    path("", include("chiso.units.urls")),
    path("", include("chiso.frameworks.urls")),
    path("", include("chiso.jobs.urls")),
    path("", include("chiso.periodic.urls")),
    path("", include("chiso.dashboards.urls")),
    path("", include("chiso.inventory.urls")),
    path("", include("chiso.plans.urls")),
    path("", include("chiso.reminders.urls")),
    path("", include("chiso.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("chiso.ops.urls")),
]
