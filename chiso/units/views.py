"""Office screens: the list of its units; the public page of published levels."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from chiso.assessments import actions, queries, scoring
from chiso.assessments import reference as campaign_reference
from chiso.assessments.forms import parse_date
from chiso.assessments.models import Assessment, Campaign
from chiso.dashboards import freshness
from chiso.lib.ids import parse_id
from chiso.units import policy
from chiso.units import reference as units_reference
from chiso.units.models import Membership, Unit

ROW_TEXT = ("url", "type_label", "status", "status_label", "group1", "group2", "overall")
ROW_TEXT += ("overdue", "deadline_text")


@login_required
def office_list(request: HttpRequest, pk: int) -> HttpResponse:
    office = policy.get_unit_for_user(request.user, pk)
    if not office.is_office:
        raise Http404
    campaign = _campaign(request, office)
    if request.method == "POST" and campaign is not None:
        _set_deadlines(request, office, campaign)
        return redirect(f"{request.path}?dot={campaign.pk}")
    filters = {
        "institution_type": request.GET.get("loai", ""),
        "sub_unit": parse_id(request.GET.get("truc_thuoc", "")),
        "status": request.GET.get("trang_thai", ""),
    }
    rows = queries.office_rows(request.user, office, campaign, **filters) if campaign else []
    shown = [(r.unit.code, r.unit.name, *(getattr(r, f) for f in ROW_TEXT)) for r in rows]
    context = {
        "office": office,
        "campaign": campaign,
        "campaigns": campaign_reference.campaigns_above(office),
        "rows": rows,
        # The table's rows are rendered once per content (they are most of the page).
        "rows_key": hashlib.blake2b(repr((shown, get_language())).encode()).hexdigest(),
        "filters": filters,
        "types": Unit.InstitutionType.choices,
        "statuses": [("not_started", "Chưa bắt đầu"), *Assessment.Status.choices],
        "sub_units": units_reference.kept(
            f"districts-of:{office.pk}",
            lambda: list(office.children.filter(kind=Unit.Kind.DISTRICT, is_active=True)),
        ),
        "counts": _status_counts(request.user, office, campaign) if campaign else {},
        "deadline": queries.deadlines_for(campaign).get(office.pk) if campaign else None,
        "can_set_deadlines": f"{Membership.Role.OFFICE_HEAD}:own"
        in policy.roles_for(request.user, office),
        "can_manage_accounts": policy.leads_office(request.user, office),
        "can_move_version": campaign is not None
        and policy.can_rescore_campaign(request.user, campaign),
    }
    return render(request, "units/office_list.html", context)


def _status_counts(user: Any, office: Unit, campaign: Campaign) -> dict[str, int]:
    """The counts per state, kept until the office's figures change (dashboards/freshness.py).
    Whoever may open the office sees its whole subtree, so the counts are the office's."""
    key = f"office-counts:{office.pk}:{campaign.pk}:{freshness.generation(office)}"
    counts = cache.get(key)
    if counts is None:
        counts = queries.status_counts(user, office, campaign)
        cache.set(key, counts, freshness.SECONDS)
    return counts


def _set_deadlines(request: HttpRequest, office: Unit, campaign: Campaign) -> None:
    try:
        dates = {
            field: parse_date(request.POST.get(field, ""))
            for field in ("submit_by", "review_by", "publish_by")
        }
    except ValueError:
        messages.error(request, "Ngày không hợp lệ (ngày/tháng/năm).")
        return
    try:
        actions.set_deadlines(campaign, office, by=request.user, **dates)
        messages.success(request, "Đã đặt hạn cho các đơn vị trực thuộc.")
    except actions.ActionRefused as exc:
        messages.error(request, str(exc))


def _campaign(request: HttpRequest, office: Unit) -> Campaign | None:
    chosen = parse_id(request.GET.get("dot", ""))
    if chosen is not None:
        campaign = next(
            (c for c in campaign_reference.campaigns_above(office) if c.pk == chosen), None
        )
        if campaign:
            return campaign
    return queries.current_campaign(office)


PUBLIC_PAGE = 100  # rows per page of the public page (a ministry's would list 55,000 a year)


def public_levels(request: HttpRequest, pk: int) -> HttpResponse:
    """Published levels of every institution below an office, a page at a time: open to everyone."""
    office = Unit.objects.filter(pk=pk, is_active=True).exclude(kind=Unit.Kind.INSTITUTION).first()
    if office is None:
        raise Http404
    published = (
        Assessment.objects.filter(
            status=Assessment.Status.PUBLISHED, unit__path__startswith=office.path
        )
        .select_related("unit", "campaign")
        .order_by("-campaign__school_year", "unit__name", "pk")
    )
    offices = Campaign.Audience.OFFICES
    institutions = _public_page(request, "trang", published.exclude(campaign__audience=offices))
    office_rows = _public_page(request, "trang_phong", published.filter(campaign__audience=offices))
    for a in office_rows:  # the index each result was scored on, marked when provisional or local
        a.framework = scoring.framework_for(a)
    context = {
        "office": office,
        "published": institutions,
        "offices_published": office_rows,
    }
    return render(request, "units/public.html", context)


def _public_page(request: HttpRequest, parameter: str, rows: Any) -> Any:
    """One page of `rows` (the page named by `parameter`; the last one if past the end)."""
    number = parse_id(request.GET.get(parameter)) or 1
    return Paginator(rows, PUBLIC_PAGE).get_page(number)


@login_required
def import_units(request: HttpRequest, pk: int) -> HttpResponse:
    """The list of units from CSV/XLSX: a dry run first, then create or update once confirmed."""
    from chiso.units import imports
    from chiso.units.services import UnitError

    office = policy.get_unit_for_user(request.user, pk)
    allowed = {f"{Membership.Role.OFFICE_HEAD}:own", f"{Membership.Role.ADMIN}:own"}
    if not office.is_office or not (allowed & policy.roles_for(request.user, office)):
        raise Http404
    back = redirect("units:office_list", pk=office.pk)
    if request.method != "POST":
        return back
    key = f"unit-import-{office.pk}"
    try:
        if "confirm" in request.POST:
            pending = imports.take_pending(request.session.pop(key, None))
            if pending is None:
                messages.error(request, "Phiên xem trước đã hết hạn; hãy tải tệp lên lại.")
                return back
            rows = imports.read_units(*pending, office)
            count = imports.apply_units(rows, office, by=request.user)
            messages.success(request, f"Đã tạo hoặc cập nhật {count} đơn vị.")
            return back
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, "Hãy chọn tệp danh sách đơn vị (.xlsx hoặc .csv).")
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
def accounts_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The accounts of the office's subtree: add a role, revoke it, reset a password."""
    from chiso.units import accounts

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
                    f"Đã giao vai trò cho «{membership.user.username}» ở {membership.unit.name}.",
                )
                if password:
                    shown = {"username": membership.user.username, "password": password}
            elif action in ("revoke", "reset"):
                membership_id = parse_id(request.POST.get("membership")) or 0
                if action == "revoke":
                    accounts.revoke(request.user, office, membership_id)
                    messages.success(request, "Đã gỡ vai trò.")
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
