from django.urls import path

from chiso.assessments import bulk_views, campaign_views
from chiso.reports import views as report_views
from chiso.units import views

app_name = "units"
urlpatterns = [
    path("<int:pk>/", views.office_list, name="office_list"),
    path(
        "<int:pk>/tong-hop.xlsx",
        report_views.consolidated,
        {"extension": "xlsx"},
        name="consolidated_xlsx",
    ),
    path("<int:pk>/tong-hop.<str:extension>", report_views.consolidated, name="consolidated"),
    path(
        "<int:pk>/thong-ke.<str:extension>",
        report_views.level_statistics,
        name="level_statistics",
    ),
    path("<int:pk>/cham-lai/", report_views.rescore, name="rescore"),
    path("<int:pk>/van-ban.zip", report_views.documents_zip, name="documents_zip"),
    path("<int:pk>/nhap-phu-luc/", report_views.import_appendices, name="import_appendices"),
    path(
        "nhap-phu-luc/xac-nhan/",
        report_views.confirm_appendix_import,
        name="confirm_appendix_import",
    ),
    path("<int:pk>/tai-khoan/", views.accounts_page, name="accounts"),
    path("<int:pk>/dot-danh-gia/", campaign_views.office_campaigns, name="campaigns"),
    path("<int:pk>/nhap-don-vi/", views.import_units, name="import_units"),
    path("<int:pk>/nhap-bang-diem/", bulk_views.import_scores, name="import_scores"),
]
