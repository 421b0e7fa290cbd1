"""Framework screens: the list, one version as a table, new drafts, editing, comparing,
publishing; and moving a campaign to another version. Thin: policy, then one action."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chiso import rubric
from chiso.frameworks import actions, diff, documents, editing, registry, table
from chiso.frameworks.access import get_framework_version_for_user, visible_framework_versions
from chiso.frameworks.models import FrameworkVersion
from chiso.lib.ids import parse_id
from chiso.units import policy
from chiso.units.models import Unit


def _number(text: str | None) -> int | None:
    return parse_id(text)


def _owner(request: HttpRequest) -> tuple[bool, Unit | None]:
    """The owner chosen in a form: "" is national; (valid, unit)."""
    choices = policy.framework_owner_choices(request.user)
    raw = request.POST.get("owner", "")
    if raw == "":
        return None in choices, None
    pk = _number(raw)
    unit = next((u for u in choices if u is not None and u.pk == pk), None)
    return unit is not None, unit


def _data(row: FrameworkVersion) -> dict[str, Any]:
    return documents.parse(row.text, row.label)


@login_required
@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    rows = visible_framework_versions(request.user).order_by("framework_id", "-version")
    return render(
        request,
        "frameworks/list.html",
        {"rows": rows, "can_create": bool(policy.framework_owner_choices(request.user))},
    )


@login_required
def new(request: HttpRequest) -> HttpResponse:
    """A new draft from an uploaded YAML file (copies start from a version's page)."""
    choices = policy.framework_owner_choices(request.user)
    if not choices:
        raise Http404
    context: dict[str, Any] = {"choices": choices, "problems": [], "error": ""}
    if request.method == "POST":
        valid, owner = _owner(request)
        upload = request.FILES.get("file")
        if not valid:
            raise Http404
        if upload is None:
            context["error"] = _("Hãy chọn tệp bộ chỉ số (.yaml).")
        else:
            try:
                row = actions.create_from_upload(
                    upload.name, upload.read(), owner=owner, by=request.user
                )
            except actions.FrameworkRefused as exc:
                context.update(error=str(exc), problems=exc.problems, name=upload.name)
            else:
                messages.success(request, _("Đã tạo bản nháp %(label)s.") % {"label": row.label})
                return redirect("frameworks:edit", pk=row.pk)
    return render(request, "frameworks/new.html", context)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_framework_version_for_user(request.user, pk)
    user = request.user
    context = {
        "row": row,
        "table": table.build(_data(row)),
        "can_edit": row.is_draft and policy.can_manage_framework(user, row.owner),
        "can_publish": policy.can_publish_framework(user, row.owner),
        "can_copy_version": policy.can_manage_framework(user, row.owner),
        "local_owners": policy.framework_owner_choices(user, national=False),
    }
    return render(request, "frameworks/detail.html", context)


@login_required
@require_GET
def yaml_text(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_framework_version_for_user(request.user, pk)
    response = HttpResponse(row.text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{row.framework_id}-v{row.version}.yaml"'
    )
    return response


def _edit_context(
    row: FrameworkVersion, form: list[editing.Section], **extra: Any
) -> dict[str, Any]:
    return {
        "row": row,
        "sections": form,
        "low_kinds": editing.LOW_KINDS,
        "high_kinds": editing.HIGH_KINDS,
        "comments": documents.comment_count(row.text),
        "problems": [],
        "error": "",
        **extra,
    }


def _not_a_draft(request: HttpRequest, pk: int) -> HttpResponse | None:
    """An edit link to a version already published or retired: for whoever manages the index, a
    page (still a 404: there is no editor) saying why and leading back to the version."""
    row = get_framework_version_for_user(request.user, pk)
    if row.is_draft:
        return None
    if not policy.can_manage_framework(request.user, row.owner):
        raise Http404
    return render(request, "frameworks/not_a_draft.html", {"row": row}, status=404)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The structured editor of a draft; an invalid edit saves nothing and says where."""
    published = _not_a_draft(request, pk)
    if published is not None:
        return published
    row = get_framework_version_for_user(request.user, pk, action="edit")
    data = _data(row)
    if request.method != "POST":
        return render(request, "frameworks/edit.html", _edit_context(row, editing.sections(data)))
    new_data, problems = editing.apply_post(data, request.POST)
    error = _("Có giá trị không đọc được: chưa lưu gì.") if problems else ""
    if not problems:
        try:
            row, kept = actions.save_data(
                row, new_data, by=request.user, revision=_number(request.POST.get("revision")) or 0
            )
        except actions.StaleDraft as exc:
            messages.error(request, str(exc))
            return redirect("frameworks:edit", pk=row.pk)
        except actions.FrameworkRefused as exc:
            error, problems = str(exc), exc.problems
        else:
            messages.success(
                request,
                _("Đã lưu; các chú thích trong tệp được giữ nguyên.")
                if kept
                else _(
                    "Đã lưu. Cấu trúc thay đổi nên tệp được viết lại từ dữ liệu: các chú thích (#…) của bản trước không còn (vẫn xem được trong lịch sử)."
                ),
            )
            return redirect("frameworks:edit", pk=row.pk)
    form = editing.with_posted(editing.sections(data), request.POST)
    return render(
        request,
        "frameworks/edit.html",
        _edit_context(row, form, problems=problems, error=error),
        status=200,
    )


@login_required
def edit_yaml(request: HttpRequest, pk: int) -> HttpResponse:
    """The raw YAML of a draft (comments kept as typed)."""
    published = _not_a_draft(request, pk)
    if published is not None:
        return published
    row = get_framework_version_for_user(request.user, pk, action="edit")
    context: dict[str, Any] = {"row": row, "text": row.text, "problems": [], "error": ""}
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            actions.save_text(
                row, text, by=request.user, revision=_number(request.POST.get("revision")) or 0
            )
        except actions.StaleDraft as exc:
            messages.error(request, str(exc))
            return redirect("frameworks:edit_yaml", pk=row.pk)
        except actions.FrameworkRefused as exc:
            context.update(text=text, error=str(exc), problems=exc.problems)
        else:
            messages.success(request, _("Đã lưu nội dung YAML."))
            return redirect("frameworks:edit_yaml", pk=row.pk)
    return render(request, "frameworks/edit_yaml.html", context)


@login_required
@require_POST
def copy(request: HttpRequest, pk: int) -> HttpResponse:
    """A new draft from this version: its next version, or a local adaptation with a new id."""
    row = get_framework_version_for_user(request.user, pk, action="copy")
    try:
        if request.POST.get("as") == "local":
            valid, owner = _owner(request)
            if not valid or owner is None:
                raise Http404
            made = actions.copy_as_local(
                row, framework_id=request.POST.get("framework_id", ""), owner=owner, by=request.user
            )
        else:
            if not policy.can_manage_framework(request.user, row.owner):
                raise Http404
            made = actions.copy_as_new_version(row, by=request.user)
    except actions.FrameworkRefused as exc:
        messages.error(request, str(exc))
        return redirect("frameworks:detail", pk=row.pk)
    messages.success(request, _("Đã tạo bản nháp %(label)s.") % {"label": made.label})
    return redirect("frameworks:edit", pk=made.pk)


def _default_other(row: FrameworkVersion, user: Any) -> FrameworkVersion | None:
    visible = visible_framework_versions(user)
    if row.derived_from and row.version == 1:
        framework_id, _sep, version = row.derived_from.partition("@")
        return visible.filter(framework_id=framework_id, version=_number(version) or 0).first()
    return (
        visible.filter(framework_id=row.framework_id, version__lt=row.version)
        .order_by("-version")
        .first()
    )


@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions side by side (which results would change level: assessments' screen)."""
    row = get_framework_version_for_user(request.user, pk)
    other_pk = _number(request.GET.get("voi"))
    other = (
        get_framework_version_for_user(request.user, other_pk)
        if other_pk is not None
        else _default_other(row, request.user)
    )
    if other is None:
        messages.error(request, _("Chưa có phiên bản nào khác để so sánh."))
        return redirect("frameworks:detail", pk=row.pk)
    context = {
        "row": row,
        "other": other,
        "changes": diff.compare(_data(other), _data(row)),
        "choices": visible_framework_versions(request.user).exclude(pk=row.pk),
    }
    return render(request, "frameworks/compare.html", context)


@login_required
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a draft with its identifier, version and legal basis."""
    row = get_framework_version_for_user(request.user, pk, action="publish")
    if not row.is_draft:
        raise Http404
    data = _data(row)
    decision = data.get("decision") if isinstance(data.get("decision"), dict) else {}
    context: dict[str, Any] = {
        "row": row,
        "number": str(decision.get("number", "")),
        "date": editing.date_text(decision.get("date")),
        "issuer": str(decision.get("issuer", "")),
        "problems": [],
        "error": "",
    }
    try:
        registry.framework_of(row)
    except rubric.RubricError as exc:
        context.update(
            error=_("Bản nháp chưa hợp lệ: sửa trước khi ban hành."), problems=exc.problems
        )
    if request.method == "POST":
        context.update(
            number=request.POST.get("decision_number", ""),
            date=request.POST.get("decision_date", ""),
            issuer=request.POST.get("issuer", ""),
        )
        try:
            date = documents.parse_date(context["date"]) if context["date"] else None
            row = actions.publish(
                row,
                by=request.user,
                decision_number=context["number"],
                decision_date=date,
                issuer=context["issuer"],
            )
        except actions.FrameworkRefused as exc:
            context.update(error=str(exc), problems=exc.problems)
        else:
            messages.success(request, _("Đã ban hành %(label)s.") % {"label": row.shown})
            return redirect("frameworks:detail", pk=row.pk)
    return render(request, "frameworks/publish.html", context)


@login_required
@require_POST
def retire(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_framework_version_for_user(request.user, pk, action="publish")
    if row.status != FrameworkVersion.Status.PUBLISHED:
        raise Http404
    try:
        actions.retire(row, by=request.user)
    except actions.FrameworkRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã ngừng áp dụng %(label)s.") % {"label": row.label})
    return redirect("frameworks:detail", pk=row.pk)


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_framework_version_for_user(request.user, pk, action="edit")
    actions.delete_draft(row, by=request.user)
    messages.success(request, _("Đã xóa bản nháp %(label)s.") % {"label": row.label})
    return redirect("frameworks:list")
