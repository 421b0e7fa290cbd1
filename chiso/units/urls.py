from django.urls import path

from chiso.units import views

app_name = "units"
urlpatterns = [
    path("don-vi/<int:pk>/tai-khoan/", views.accounts_page, name="accounts"),
    path("don-vi/<int:pk>/nhap-don-vi/", views.import_units, name="import_units"),
    path("don-vi/<int:pk>/sap-xep/", views.reorganise, name="reorganise"),
]
