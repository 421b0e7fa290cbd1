from django.urls import path

from chiso.plans import views

app_name = "plans"
urlpatterns = [
    path("ke-hoach/danh-gia/<int:pk>/duong-len-muc/", views.path, name="path"),
    path("ke-hoach/<int:unit_pk>/<str:school_year>/", views.plan, name="plan"),
    path(
        "ke-hoach/<int:unit_pk>/<str:school_year>/ke-hoach.docx", views.plan_docx, name="plan_docx"
    ),
    path("ke-hoach/so-lieu/<int:unit_pk>/<str:school_year>/", views.figures, name="figures"),
    path("ke-hoach/trong-so/<int:unit_pk>/", views.effort, name="effort"),
    path("ke-hoach/bao-cao-nam/<int:unit_pk>/<str:school_year>/", views.yearly, name="yearly"),
    path(
        "ke-hoach/bao-cao-nam/<int:unit_pk>/<str:school_year>/bao-cao.<str:extension>",
        views.yearly_document,
        name="yearly_document",
    ),
    path("ke-hoach/de-cuong/<int:unit_pk>/", views.outline, name="outline"),
    path(
        "ke-hoach/so-lieu-tong-hop/<int:unit_pk>/<str:school_year>/",
        views.office_figures,
        name="office_figures",
    ),
]
