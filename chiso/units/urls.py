from django.urls import path

from chiso.reports import views as report_views
from chiso.units import views

app_name = "units"
urlpatterns = [
    path("<int:pk>/", views.office_list, name="office_list"),
    path("<int:pk>/tong-hop.xlsx", report_views.consolidated_xlsx, name="consolidated_xlsx"),
    path("<int:pk>/nhap-don-vi/", views.import_units, name="import_units"),
]
