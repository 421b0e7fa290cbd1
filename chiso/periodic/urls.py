from django.urls import path

from chiso.periodic import views

app_name = "periodic"
urlpatterns = [
    path("bao-cao/don-vi/<int:unit_pk>/", views.unit_reports, name="unit"),
    path("bao-cao/don-vi/<int:unit_pk>/de-cuong/moi/", views.outline_edit, name="outline_new"),
    path(
        "bao-cao/don-vi/<int:unit_pk>/de-cuong/<int:pk>/", views.outline_edit, name="outline_edit"
    ),
    path("bao-cao/nam/<int:unit_pk>/<str:school_year>/", views.yearly, name="yearly"),
    path("bao-cao/<int:pk>/", views.report, name="report"),
    path("bao-cao/don-vi/<int:unit_pk>/ky-hieu/", views.document_symbol, name="symbol"),
    path("bao-cao/<int:pk>/tai-ve.<str:extension>", views.document, name="document"),
    path("bao-cao/<int:pk>/ban-hanh/", views.issue, name="issue"),
]
