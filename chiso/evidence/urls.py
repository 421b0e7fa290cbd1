from django.urls import path

from chiso.evidence import views

app_name = "evidence"
urlpatterns = [
    path("danh-gia/<int:pk>/minh-chung/", views.add, name="add"),
    path("danh-gia/<int:pk>/minh-chung/<int:evidence_id>/xoa/", views.remove, name="remove"),
    path("danh-gia/<int:pk>/minh-chung/<int:evidence_id>/", views.download, name="file"),
    path(
        "danh-gia/<int:pk>/minh-chung/<int:evidence_id>/xem/",
        views.download,
        {"inline": True},
        name="view",
    ),
    path(
        "danh-gia/<int:pk>/minh-chung/<int:evidence_id>/ban-luu/",
        views.download,
        {"captured": True},
        name="capture",
    ),
]
