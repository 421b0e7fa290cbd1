from django.urls import path

from chiso.assessments import bulk_views, campaign_views, legacy_views, office_views, views

app_name = "assessments"
urlpatterns = [
    path("danh-gia/<int:pk>/", views.detail, name="detail"),
    path(
        "danh-gia/<int:pk>/tieu-chi/<str:criterion_id>/",
        views.save_criterion,
        name="save_criterion",
    ),
    path("danh-gia/<int:pk>/hoi-dong/", views.save_council, name="save_council"),
    path("danh-gia/<int:pk>/so-lieu-tong-hop/", views.refresh_rollups, name="refresh_rollups"),
    path("danh-gia/<int:pk>/nop/", views.submit, name="submit"),
    path("danh-gia/<int:pk>/tham-dinh/", views.review, name="review"),
    path("danh-gia/<int:pk>/lich-su/", views.history, name="history"),
    path("danh-gia/<int:pk>/nhac/", views.remind, name="remind"),
    path("danh-gia/<int:pk>/phan-cong/", views.assign, name="assign"),
    path("danh-gia/bat-dau/<int:unit_pk>/", legacy_views.start, name="start"),
    path("danh-gia/<int:pk>/nhap-bao-cao-cu/", legacy_views.import_legacy, name="import_legacy"),
    path("don-vi/<int:pk>/", office_views.office_list, name="office_list"),
    path("don-vi/<int:pk>/quyet-dinh/", office_views.decide_many, name="decide_many"),
    path("don-vi/<int:pk>/nhap-bang-diem/", bulk_views.import_scores, name="import_scores"),
    path("don-vi/<int:pk>/dot-danh-gia/", campaign_views.office_campaigns, name="campaigns"),
    path("don-vi/<int:pk>/cham-lai/", campaign_views.rescore, name="rescore"),
    path(
        "danh-gia/dot/<int:campaign_pk>/phien-ban/",
        campaign_views.campaign_version,
        name="campaign_version",
    ),
    path(
        "danh-gia/dot/<int:campaign_pk>/phien-ban/xac-nhan/",
        campaign_views.campaign_confirm,
        name="campaign_confirm",
    ),
    path(
        "danh-gia/theo-bo-chi-so/<int:pk>/",
        campaign_views.version_campaigns,
        name="version_campaigns",
    ),
    path(
        "danh-gia/theo-bo-chi-so/<int:pk>/doi-muc/",
        campaign_views.version_impact,
        name="version_impact",
    ),
    path("cong-khai/<int:pk>/", office_views.public_levels, name="public"),
]
