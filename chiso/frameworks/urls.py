from django.urls import path

from chiso.frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("", views.framework_list, name="list"),
    path("moi/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/yaml", views.yaml_text, name="yaml"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/sua-yaml/", views.edit_yaml, name="edit_yaml"),
    path("<int:pk>/sao-chep/", views.copy, name="copy"),
    path("<int:pk>/so-sanh/", views.compare, name="compare"),
    path("<int:pk>/ban-hanh/", views.publish, name="publish"),
    path("<int:pk>/ngung-ap-dung/", views.retire, name="retire"),
    path("<int:pk>/xoa/", views.delete, name="delete"),
    path("dot/<int:campaign_pk>/phien-ban/", views.campaign_version, name="campaign_version"),
    path(
        "dot/<int:campaign_pk>/phien-ban/xac-nhan/",
        views.campaign_confirm,
        name="campaign_confirm",
    ),
]
