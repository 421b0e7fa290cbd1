from django.urls import path

from chiso.assessments import legacy_views, views
from chiso.evidence import views as evidence_views
from chiso.reports import views as report_views

app_name = "assessments"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tieu-chi/<str:criterion_id>/", views.save_criterion, name="save_criterion"),
    path("<int:pk>/hoi-dong/", views.save_council, name="save_council"),
    path("<int:pk>/so-lieu-tong-hop/", views.refresh_rollups, name="refresh_rollups"),
    path("<int:pk>/nop/", views.submit, name="submit"),
    path("<int:pk>/tham-dinh/", views.review, name="review"),
    path("<int:pk>/lich-su/", views.history, name="history"),
    path("<int:pk>/tai-ve/<str:name>", report_views.document, name="document"),
    path("bat-dau/<int:unit_pk>/", legacy_views.start, name="start"),
    path("<int:pk>/nhap-bao-cao-cu/", legacy_views.import_legacy, name="import_legacy"),
    path("<int:pk>/nhap-phu-luc/", report_views.import_appendix, name="import_appendix"),
    path("<int:pk>/minh-chung/", evidence_views.add, name="add_evidence"),
    path(
        "<int:pk>/minh-chung/<int:evidence_id>/xoa/", evidence_views.remove, name="remove_evidence"
    ),
    path("<int:pk>/minh-chung/<int:evidence_id>/", evidence_views.download, name="evidence_file"),
    path(
        "<int:pk>/minh-chung/<int:evidence_id>/ban-luu/",
        evidence_views.download,
        {"captured": True},
        name="evidence_capture",
    ),
]
