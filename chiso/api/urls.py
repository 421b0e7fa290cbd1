from django.urls import path

from chiso.api import views

app_name = "api"
urlpatterns = [
    path("", views.index, name="index"),
    path("schema.json", views.schema, name="schema"),
    path("units/", views.units, name="units"),
    path("campaigns/", views.campaigns, name="campaigns"),
    path("assessments/", views.assessments, name="assessments"),
    path("assessments/<int:pk>/", views.assessment, name="assessment"),
    path("assessments/<int:pk>/facts/", views.facts, name="facts"),
    path("assessments/<int:pk>/transitions/", views.transition, name="transition"),
]
