from django.urls import path

from chiso.units import views

app_name = "units"
urlpatterns = [
    path("<int:pk>/", views.office_list, name="office_list"),
]
