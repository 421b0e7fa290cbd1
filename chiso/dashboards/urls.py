from django.urls import path

from chiso.dashboards import views

app_name = "dashboards"
urlpatterns = [path("tong-quan/<int:pk>/", views.office_dashboard, name="office")]
