from django.urls import path

from chiso.periodic import views

app_name = "periodic"
urlpatterns = [
    path("don-vi/<int:unit_pk>/", views.unit_reports, name="unit"),
    path("don-vi/<int:unit_pk>/de-cuong/moi/", views.outline_edit, name="outline_new"),
    path("don-vi/<int:unit_pk>/de-cuong/<int:pk>/", views.outline_edit, name="outline_edit"),
    path("<int:pk>/", views.report, name="report"),
    path("<int:pk>/tai-ve.<str:extension>", views.document, name="document"),
]
