from django.urls import path, re_path

from chiso.api import documents, offices, views

app_name = "api"
urlpatterns = [
    path("api/v1/", views.index, name="index"),
    path("api/v1/schema.json", views.schema, name="schema"),
    path("api/v1/units/", views.units, name="units"),
    path("api/v1/campaigns/", views.campaigns, name="campaigns"),
    path("api/v1/assessments/", views.assessments, name="assessments"),
    path("api/v1/assessments/<int:pk>/", views.assessment, name="assessment"),
    path("api/v1/assessments/<int:pk>/facts/", views.facts, name="facts"),
    path("api/v1/assessments/<int:pk>/transitions/", views.transition, name="transition"),
    path("api/v1/assessments/<int:pk>/documents/", documents.documents, name="documents"),
    path("api/v1/assessments/<int:pk>/documents/<str:name>", documents.document, name="document"),
    path(
        "api/v1/offices/<int:pk>/documents/",
        documents.office_documents_list,
        name="office_documents",
    ),
    path(
        "api/v1/offices/<int:pk>/documents/<str:name>",
        documents.office_document,
        name="office_document",
    ),
    path("api/v1/assessments/<int:pk>/evidence/", documents.evidence, name="evidence"),
    path(
        "api/v1/assessments/<int:pk>/evidence/<int:evidence_id>/file",
        documents.evidence_file,
        name="evidence_file",
    ),
    path(
        "api/v1/assessments/<int:pk>/evidence/<int:evidence_id>/capture",
        documents.evidence_capture,
        name="evidence_capture",
    ),
    path("api/v1/units/<int:pk>/issued/", documents.issued, name="issued"),
    path("api/v1/issued/<int:pk>/file", documents.issued_file, name="issued_file"),
    path("api/v1/dashboards/<int:pk>/", offices.dashboard, name="dashboard"),
    path("api/v1/exports/<int:pk>/consolidated/", offices.consolidated, name="consolidated"),
    path(
        "api/v1/exports/<int:pk>/level-statistics/",
        offices.level_statistics,
        name="level_statistics",
    ),
    # Anything else under /api/v1/ is a JSON 404 too (a malformed id, a typo), never HTML.
    re_path(r"^api/v1/", views.unknown, name="unknown"),
]
