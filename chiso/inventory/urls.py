from django.urls import path

from chiso.inventory import views

app_name = "inventory"
urlpatterns = [
    path("hien-trang-cntt/<int:unit_pk>/<str:school_year>/", views.edit, name="edit"),
    path(
        "hien-trang-cntt/<int:unit_pk>/<str:school_year>/hien-trang-cntt.xlsx",
        views.workbook,
        name="workbook",
    ),
    path("hien-trang-cntt/danh-muc/<int:unit_pk>/", views.catalogue, name="catalogue"),
]
