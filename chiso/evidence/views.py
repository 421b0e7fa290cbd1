"""Adding, removing and serving evidence; files are served only through a permission check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chiso.assessments import access, presentation, scoring
from chiso.audit import record
from chiso.evidence.models import Evidence
from chiso.evidence.uploads import UploadRefused, check_upload


@login_required
@require_POST
def add(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access.get_assessment_for_user(request.user, pk, action="edit")
    target = request.POST.get("target_id", "")
    criterion = target.rsplit(".", 1)[0] if target.count(".") > 1 else target
    back = f"{assessment.get_absolute_url()}#tc-{criterion}"
    framework = scoring.framework_for(assessment)
    if not assessment.is_editable:
        messages.error(request, _("Bản đánh giá đã nộp: không thể thêm minh chứng."))
        return redirect(back)
    if not (framework.has_criterion(target) or framework.has_item(target)):
        messages.error(request, _("Tiêu chí hoặc mục không hợp lệ."))
        return redirect(back)
    title = request.POST.get("title", "").strip()[:255]
    upload = request.FILES.get("file")
    url = request.POST.get("url", "").strip()
    # The outcome is shown inside the criterion's evidence panel, which stays open.
    notice = {"assessment": assessment.pk, "criterion": criterion, "title": title, "url": url}
    try:
        with transaction.atomic():
            evidence = _create(request, assessment, target, title, upload, url)
            record(
                request.user,
                "evidence.add",
                assessment,
                after={"target": target, "evidence": evidence.label},
            )
        notice.update(ok=True, text=f"Đã thêm minh chứng «{evidence.label}» cho {target}.")
        notice.update(title="", url="")
    except (UploadRefused, ValidationError) as exc:
        reason = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
        notice.update(ok=False, text=f"Chưa thêm minh chứng: {reason}")
    request.session[presentation.EVIDENCE_NOTICE] = notice
    return redirect(back)


def _create(request, assessment, target, title, upload, url) -> Evidence:  # type: ignore[no-untyped-def]
    if upload is not None:
        content_type = check_upload(upload.name, upload.size, upload.file)
        return Evidence.objects.create(
            assessment=assessment,
            target_id=target,
            kind=Evidence.Kind.FILE,
            title=title,
            file=upload,
            original_name=upload.name[:255],
            size=upload.size,
            content_type=content_type,
            uploaded_by=request.user,
        )
    if not url:
        raise UploadRefused(_("Hãy chọn một tệp hoặc nhập một đường link."))
    longest = Evidence._meta.get_field("url").max_length
    if len(url) > longest:
        raise UploadRefused(
            _("Đường link «%(value)s…» quá dài (%(len)s ký tự, tối đa %(longest)s).")
            % {"value": url[:100], "len": len(url), "longest": longest}
        )
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise UploadRefused(
            _("Đường link «%(value)s» không hợp lệ (phải bắt đầu bằng http:// hoặc https://).")
            % {"value": url[:100]}
        ) from None
    return Evidence.objects.create(
        assessment=assessment,
        target_id=target,
        kind=Evidence.Kind.LINK,
        title=title,
        url=url,
        uploaded_by=request.user,
    )


@login_required
@require_POST
def remove(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    assessment = access.get_assessment_for_user(request.user, pk, action="edit")
    evidence = Evidence.objects.filter(pk=evidence_id, assessment=assessment).first()
    if evidence is None or not assessment.is_editable:
        raise Http404
    with transaction.atomic():
        record(
            request.user,
            "evidence.remove",
            assessment,
            before={"target": evidence.target_id, "evidence": evidence.label},
        )
        evidence.delete()
    messages.success(request, _("Đã xóa minh chứng."))
    return redirect(assessment.get_absolute_url())


@login_required
def download(
    request: HttpRequest, pk: int, evidence_id: int, captured: bool = False, inline: bool = False
) -> FileResponse:
    """A private evidence file (or the copy of a link taken at submission), after the policy check."""
    assessment = access.get_assessment_for_user(request.user, pk)
    evidence = Evidence.objects.filter(pk=evidence_id, assessment=assessment).first()
    stored = (evidence.captured_file if captured else evidence.file) if evidence else None
    if not stored:
        raise Http404
    name = evidence.original_name if not captured else stored.name.rsplit("/", 1)[-1]
    if inline and not evidence.viewable:
        raise Http404
    response = FileResponse(stored.open("rb"), as_attachment=not inline, filename=name)
    if inline:  # shown inside the review page: a PDF or an image, its type checked at upload
        response["Content-Type"] = evidence.content_type
        response["Content-Security-Policy"] = (
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
        )
        response["X-Frame-Options"] = "SAMEORIGIN"
    else:
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
