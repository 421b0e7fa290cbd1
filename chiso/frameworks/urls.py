from django.urls import path

from chiso.frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("bo-chi-so/", views.framework_list, name="list"),
    path("bo-chi-so/moi/", views.new, name="new"),
    path("bo-chi-so/<int:pk>/", views.detail, name="detail"),
    path("bo-chi-so/<int:pk>/yaml", views.yaml_text, name="yaml"),
    path("bo-chi-so/<int:pk>/sua/", views.edit, name="edit"),
    path("bo-chi-so/<int:pk>/sua-yaml/", views.edit_yaml, name="edit_yaml"),
    path("bo-chi-so/<int:pk>/sao-chep/", views.copy, name="copy"),
    path("bo-chi-so/<int:pk>/so-sanh/", views.compare, name="compare"),
    path("bo-chi-so/<int:pk>/ban-hanh/", views.publish, name="publish"),
    path("bo-chi-so/<int:pk>/ngung-ap-dung/", views.retire, name="retire"),
    path("bo-chi-so/<int:pk>/xoa/", views.delete, name="delete"),
]
