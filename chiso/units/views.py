"""Unit screens: importing the list of units, and the accounts of an office's subtree."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chiso.lib.ids import parse_id
from chiso.units import accounts, imports, policy, reorganisations
from chiso.units.models import Membership
from chiso.units.services import UnitError


@login_required
def import_units(request: HttpRequest, pk: int) -> HttpResponse:
    """The list of units from CSV/XLSX: a dry run first, then create or update once confirmed."""
    office = policy.get_unit_for_user(request.user, pk)
    allowed = {f"{Membership.Role.OFFICE_HEAD}:own", f"{Membership.Role.ADMIN}:own"}
    if not office.is_office or not (allowed & policy.roles_for(request.user, office)):
        raise Http404
    back = redirect("assessments:office_list", pk=office.pk)
    if request.method != "POST":
        return back
    key = f"unit-import-{office.pk}"
    try:
        if "confirm" in request.POST:
            pending = imports.take_pending(request.session.pop(key, None))
            if pending is None:
                messages.error(request, _("Phiên xem trước đã hết hạn; hãy tải tệp lên lại."))
                return back
            rows = imports.read_units(*pending, office)
            count = imports.apply_units(rows, office, by=request.user)
            messages.success(
                request, _("Đã tạo hoặc cập nhật %(count)s đơn vị.") % {"count": count}
            )
            return back
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Hãy chọn tệp danh sách đơn vị (.xlsx hoặc .csv)."))
            return back
        content = upload.read(imports.MAX_BYTES + 1)
        rows = imports.read_units(upload.name, content, office)
    except (imports.UnitImportRefused, UnitError) as exc:
        messages.error(request, str(exc))
        return back
    # The file waits in storage for the confirmation; the session holds only its name.
    request.session[key] = imports.keep_pending(request.session.get(key), upload.name, content)
    counts = {
        action: sum(1 for r in rows if r.action == action)
        for action in ("create", "update", "unchanged", "rejected")
    }
    return render(
        request,
        "units/import_preview.html",
        {"office": office, "rows": rows, "counts": counts, "name": upload.name},
    )


@login_required
def reorganise(request: HttpRequest, pk: int) -> HttpResponse:
    """A table of reorganisations (merges, splits): upload, a dry run row by row, then applied
    once confirmed, in one transaction."""
    office = policy.get_unit_for_user(request.user, pk)
    if not policy.can_reorganise(request.user, office):
        raise Http404
    key = f"reorganise-{office.pk}"
    context: dict[str, object] = {"office": office}
    if request.method == "POST":
        try:
            if "confirm" in request.POST:
                pending = imports.take_pending(request.session.pop(key, None))
                if pending is None:
                    messages.error(request, _("Phiên xem trước đã hết hạn; hãy tải tệp lên lại."))
                    return redirect("units:reorganise", pk=office.pk)
                plan = reorganisations.read_table(*pending, office)
                try:
                    done = reorganisations.apply_table(plan, office, by=request.user)
                except IntegrityError:  # applied at the same moment by someone else
                    messages.error(
                        request,
                        _("Bảng vừa được áp dụng cùng lúc ở nơi khác; hãy tải tệp lên lại để xem."),
                    )
                    return redirect("units:reorganise", pk=office.pk)
                if done.changed:
                    messages.success(
                        request,
                        _(
                            "Đã áp dụng: %(closed)s đơn vị đóng, %(created)s đơn vị tạo mới, "
                            "%(moved)s đơn vị trực thuộc chuyển sang đơn vị mới."
                        )
                        % {"closed": done.closed, "created": done.created, "moved": done.moved},
                    )
                else:
                    messages.info(
                        request, _("Không có gì thay đổi: bảng này đã được áp dụng trước đây.")
                    )
                return redirect("units:reorganise", pk=office.pk)
            upload = request.FILES.get("file")
            if upload is None:
                messages.error(request, _("Hãy chọn tệp bảng sắp xếp đơn vị (.xlsx hoặc .csv)."))
                return redirect("units:reorganise", pk=office.pk)
            content = upload.read(reorganisations.MAX_BYTES + 1)
            plan = reorganisations.read_table(upload.name or "", content, office)
        except reorganisations.ReorganisationRefused as exc:
            messages.error(request, str(exc))
            return redirect("units:reorganise", pk=office.pk)
        if plan.can_apply:
            request.session[key] = imports.keep_pending(
                request.session.get(key), upload.name or "", content
            )
        context |= {
            "plan": plan,
            "rows": [(r, reorganisations.describe(r)) for r in plan.rows],
        }
    return render(request, "units/reorganise.html", context)


@login_required
def accounts_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The accounts of the office's subtree: add a role, revoke it, reset a password."""
    office = policy.get_unit_for_user(request.user, pk)
    if not office.is_office or not accounts.can_manage(request.user, office):
        raise Http404
    shown: dict[str, str] = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "add":
                membership, password = accounts.add_account(
                    request.user,
                    office,
                    username=request.POST.get("username", ""),
                    full_name=request.POST.get("full_name", ""),
                    email=request.POST.get("email", ""),
                    unit_code=request.POST.get("unit_code", ""),
                    role=request.POST.get("role", ""),
                )
                messages.success(
                    request,
                    _("Đã giao vai trò cho «%(username)s» ở %(name)s.")
                    % {"username": membership.user.username, "name": membership.unit.name},
                )
                if password:
                    shown = {"username": membership.user.username, "password": password}
            elif action in ("revoke", "reset"):
                membership_id = parse_id(request.POST.get("membership")) or 0
                if action == "revoke":
                    accounts.revoke(request.user, office, membership_id)
                    messages.success(request, _("Đã gỡ vai trò."))
                else:
                    username, password = accounts.reset_password(
                        request.user, office, membership_id
                    )
                    shown = {"username": username, "password": password}
        except (accounts.AccountRefused, ValueError) as exc:
            messages.error(
                request,
                str(exc) if isinstance(exc, accounts.AccountRefused) else "Yêu cầu không hợp lệ.",
            )
    context = {
        "office": office,
        "memberships": accounts.memberships_under(office, request.user),
        "roles": [
            (r, Membership.Role(r).label) for r in policy.grantable_roles(request.user, office)
        ],
        "shown": shown,
        "post": request.POST if request.method == "POST" and not shown else {},
    }
    return render(request, "units/accounts.html", context)
