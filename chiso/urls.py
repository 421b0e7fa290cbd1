from django.urls import include, path

urlpatterns = [
    path("", include("chiso.web.urls")),
    path("danh-gia/", include("chiso.assessments.urls")),
    path("bo-chi-so/", include("chiso.frameworks.urls")),
    path("don-vi/", include("chiso.units.urls")),
    path("viec/", include("chiso.jobs.urls")),
    path("bao-cao/", include("chiso.periodic.urls")),
    path("tong-quan/", include("chiso.dashboards.urls")),
    path("api/v1/", include("chiso.api.urls")),
    path("hien-trang-cntt/", include("chiso.inventory.urls")),
    path("ke-hoach/", include("chiso.plans.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("chiso.ops.urls")),
]
