"""One assessment's files through the API: its documents (report, appendix, decisions,
minutes) and its evidence, each after the same policy check as the screens."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from chiso.api.http import Problem, api, download, not_found, ok
from chiso.api.schema import MAX_ID
from chiso.api.views import evidence_json, get_assessment
from chiso.evidence.models import Evidence
from chiso.reports import exports, issuing, layout
from chiso.reports.models import IssuedDocument
from chiso.units import policy


@api("GET")
def document(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    assessment = get_assessment(request, pk)
    if name not in exports.DOCUMENTS:
        raise Problem(
            404,
            "not_found",
            f"Không có văn bản «{name[:60]}» (có: {', '.join(exports.DOCUMENTS)}).",
        )
    export = exports.assessment_export(assessment, name)
    content = export.content
    if export.content_type == exports.DOCX:  # not issued (the register keeps what was): a draft
        content = layout.marked_draft(content)
    return download(content, export.content_type, export.filename)


def issued_json(document: IssuedDocument) -> dict[str, Any]:
    replaced_by = getattr(document, "replaced_by", None)
    return {
        "id": document.pk,
        "kind": document.kind,
        "number": document.number,
        "issued_on": document.issued_on.isoformat(),
        "title": document.title,
        "signer": document.signer,
        "campaign_id": document.campaign_id,
        "replaces": document.replaces_id,
        "replaced_by": replaced_by.pk if replaced_by else None,
        "figures": document.figures,
        "sha256": document.sha256,
        "file": reverse("api:issued_file", args=[document.pk]),
    }


@api("GET")
def issued(request: HttpRequest, pk: int) -> JsonResponse:
    """A unit's register of issued documents (sổ văn bản đi), as its screen lists it."""
    unit = policy.visible_units(request.user).filter(pk=pk).first() if pk <= MAX_ID else None
    if unit is None or not policy.can_read_unit_reports(request.user, unit):
        raise not_found("đơn vị")
    return ok({"results": [issued_json(d) for d in issuing.register(unit)]})


@api("GET")
def issued_file(request: HttpRequest, pk: int) -> HttpResponse:
    """An issued document's file, byte for byte as issued."""
    document = (
        IssuedDocument.objects.select_related("unit").filter(pk=pk).first()
        if pk <= MAX_ID
        else None
    )
    if document is None or not policy.can_read_unit_reports(request.user, document.unit):
        raise not_found("văn bản")
    return download(issuing.content_of(document), document.content_type, document.filename)


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
        raise not_found("tệp minh chứng")
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
