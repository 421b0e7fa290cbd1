from django.urls import path

from chiso.jobs import views

app_name = "jobs"
urlpatterns = [
    path("viec/", views.job_list, name="list"),
    path("viec/<int:pk>/", views.detail, name="detail"),
    path("viec/<int:pk>/tai-ve", views.download, name="download"),
]
