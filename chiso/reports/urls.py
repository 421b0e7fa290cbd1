from django.urls import path

from chiso.reports import views

app_name = "reports"
urlpatterns = [
    path("danh-gia/<int:pk>/tai-ve/<str:name>", views.document, name="document"),
    path("danh-gia/<int:pk>/nhap-phu-luc/", views.import_appendix, name="import_appendix"),
    path(
        "don-vi/<int:pk>/tong-hop.xlsx",
        views.consolidated,
        {"extension": "xlsx"},
        name="consolidated_xlsx",
    ),
    path("don-vi/<int:pk>/tong-hop.<str:extension>", views.consolidated, name="consolidated"),
    path(
        "don-vi/<int:pk>/thong-ke.<str:extension>",
        views.level_statistics,
        name="level_statistics",
    ),
    path("don-vi/<int:pk>/van-ban.zip", views.documents_zip, name="documents_zip"),
    path("don-vi/<int:pk>/nhap-phu-luc/", views.import_appendices, name="import_appendices"),
    path("don-vi/<int:pk>/van-ban-di/", views.issued_register, name="issued_register"),
    path("van-ban-di/<int:pk>/tai-ve", views.issued_file, name="issued_file"),
    path(
        "don-vi/nhap-phu-luc/xac-nhan/",
        views.confirm_appendix_import,
        name="confirm_appendix_import",
    ),
]
