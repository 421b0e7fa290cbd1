from django.urls import path

from chiso.ops import views

app_name = "ops"
urlpatterns = [
    path("readyz", views.ready, name="ready"),
    path("van-hanh/trang-goc/", views.bare, name="bare"),
]
