"""One assessment's files through the API: its documents (report, appendix, decisions,
minutes) and its evidence, each after the same policy check as the screens."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from chiso.api.http import Problem, api, download, not_found, ok
from chiso.api.schema import MAX_ID
from chiso.api.views import evidence_json, get_assessment
from chiso.evidence.models import Evidence
from chiso.reports import exports


@api("GET")
def document(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    assessment = get_assessment(request, pk)
    if name not in exports.DOCUMENTS:
        raise Problem(
            404,
            "not_found",
            _("Không có văn bản «%(value)s» (có: %(join)s).")
            % {"value": name[:60], "join": ", ".join(exports.DOCUMENTS)},
        )
    export = exports.assessment_export(assessment, name)
    return download(export.content, export.content_type, export.filename)


@api("GET")
def evidence(request: HttpRequest, pk: int) -> JsonResponse:
    assessment = get_assessment(request, pk)
    rows = Evidence.objects.filter(assessment=assessment)
    return ok({"results": [evidence_json(e) for e in rows]})


def _stored(request: HttpRequest, pk: int, evidence_id: int, captured: bool) -> HttpResponse:
    assessment = get_assessment(request, pk)
    item = (
        Evidence.objects.filter(pk=evidence_id, assessment=assessment).first()
        if evidence_id <= MAX_ID
        else None
    )
    stored = (item.captured_file if captured else item.file) if item else None
    if not stored:
        raise not_found(_("tệp minh chứng"))
    name = stored.name.rsplit("/", 1)[-1] if captured else item.original_name  # type: ignore[union-attr]
    # A capture is whatever the link served: never rendered, always a download.
    content_type = "application/octet-stream" if captured else item.content_type  # type: ignore[union-attr]
    response = FileResponse(
        stored.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@api("GET")
def evidence_file(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    return _stored(request, pk, evidence_id, captured=False)


@api("GET")
def evidence_capture(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    return _stored(request, pk, evidence_id, captured=True)
