from django.urls import path, re_path

from chiso.api import documents, offices, views

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
    path("assessments/<int:pk>/documents/<str:name>", documents.document, name="document"),
    path("assessments/<int:pk>/evidence/", documents.evidence, name="evidence"),
    path(
        "assessments/<int:pk>/evidence/<int:evidence_id>/file",
        documents.evidence_file,
        name="evidence_file",
    ),
    path(
        "assessments/<int:pk>/evidence/<int:evidence_id>/capture",
        documents.evidence_capture,
        name="evidence_capture",
    ),
    path("dashboards/<int:pk>/", offices.dashboard, name="dashboard"),
    path("exports/<int:pk>/consolidated/", offices.consolidated, name="consolidated"),
    path("exports/<int:pk>/level-statistics/", offices.level_statistics, name="level_statistics"),
    # Anything else under /api/v1/ is a JSON 404 too (a malformed id, a typo), never HTML.
    re_path(r"^", views.unknown, name="unknown"),
]
