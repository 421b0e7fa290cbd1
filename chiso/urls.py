from django.urls import include, path

urlpatterns = [
    path("", include("chiso.web.urls")),
]
