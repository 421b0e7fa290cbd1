from django.contrib.auth import views as auth_views
from django.urls import path

from chiso.units import views as unit_views
from chiso.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("cong-khai/<int:pk>/", unit_views.public_levels, name="public"),
]
