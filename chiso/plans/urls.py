from django.urls import path

from chiso.plans import views

app_name = "plans"
urlpatterns = [
    path("danh-gia/<int:pk>/duong-len-muc/", views.path, name="path"),
    path("<int:unit_pk>/<str:school_year>/", views.plan, name="plan"),
    path("<int:unit_pk>/<str:school_year>/ke-hoach.docx", views.plan_docx, name="plan_docx"),
    path("so-lieu/<int:unit_pk>/<str:school_year>/", views.figures, name="figures"),
    path("trong-so/<int:unit_pk>/", views.effort, name="effort"),
    path("bao-cao-nam/<int:unit_pk>/<str:school_year>/", views.yearly, name="yearly"),
    path(
        "bao-cao-nam/<int:unit_pk>/<str:school_year>/bao-cao.<str:extension>",
        views.yearly_document,
        name="yearly_document",
    ),
    path("de-cuong/<int:unit_pk>/", views.outline, name="outline"),
    path(
        "so-lieu-tong-hop/<int:unit_pk>/<str:school_year>/",
        views.office_figures,
        name="office_figures",
    ),
]
