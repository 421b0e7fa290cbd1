"""An office's screens on the assessments below it: the list, deadlines; the public page."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chiso.assessments import access, actions, changes, queries, scoring, tally
from chiso.assessments.forms import parse_date
from chiso.assessments.models import Assessment, Campaign
from chiso.frameworks import registry
from chiso.lib import namespaces, pages
from chiso.lib.ids import parse_id
from chiso.units import policy
from chiso.units.models import Membership, Unit

ROW_TEXT = ("url", "type_label", "status", "status_label", "group1", "group2", "overall")
ROW_TEXT += ("overdue", "deadline_text", "late_text")


@login_required
def office_list(request: HttpRequest, pk: int) -> HttpResponse:
    office = policy.get_unit_for_user(request.user, pk)
    if not office.is_office:
        raise Http404
    campaigns = queries.campaign_choices(office)
    campaign = _campaign(request, office, campaigns)
    basis = tally.parse_basis(request.GET.get("basis"))
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
        "campaigns": campaigns,
        "basis": basis,
        "bases": list(tally.BASIS_LABELS.items()),
        "basis_label": tally.BASIS_LABELS[basis],
        "export_query": f"?dot={campaign.pk}&basis={basis}" if campaign else "",
        "rows": rows,
        # The table's rows are rendered once per content (they are most of the page).
        "rows_key": hashlib.blake2b(repr((shown, get_language())).encode()).hexdigest(),
        "filters": filters,
        "types": Unit.InstitutionType.choices,
        "statuses": [
            ("not_started", _("Chưa bắt đầu")),
            *Assessment.Status.choices,
            (queries.OVERDUE, _("Quá hạn nộp")),
        ],
        "sub_units": _districts(office),
        "counts": _status_counts(request.user, office, campaign) if campaign else {},
        "deadline": queries.deadlines_for(campaign).get(office.pk) if campaign else None,
        "can_set_deadlines": f"{Membership.Role.OFFICE_HEAD}:own"
        in policy.roles_for(request.user, office),
        "can_manage_accounts": policy.leads_office(request.user, office),
        "can_reorganise": policy.can_reorganise(request.user, office),
        "can_remind": policy.works_for_office(request.user, office),
        "can_bulk": f"{Membership.Role.OFFICE_HEAD}:own" in policy.roles_for(request.user, office),
        "can_move_version": campaign is not None
        and policy.can_rescore_campaign(request.user, campaign),
    }
    # Everything but the per-request CSRF token is decided by the context (the rows by their
    # digest), the user's roles on the office (its settings links) and the index's mark.
    shown = (
        {k: v for k, v in context.items() if k != "rows"},
        sorted(policy.roles_for(request.user, office)),
        registry.describe(campaign.framework_id, campaign.framework_version) if campaign else None,
    )
    context["body"] = pages.render_kept(
        request, "assessments/_office_list_body.html", context, shown=shown, templates=BODY_PARTS
    )
    return render(request, "assessments/office_list.html", context)


# What the list's body includes, and the templates of its tags.
BODY_PARTS = ("plans/_office_links.html", "frameworks/_local_mark.html")


@login_required
@require_POST
def decide_many(request: HttpRequest, pk: int) -> HttpResponse:
    """Recognise or publish the units chosen on the list: first a confirmation that lists them
    (and says which cannot be done, and why), then each in its own transaction."""
    office = policy.get_unit_for_user(request.user, pk)
    verb = request.POST.get("action", "")
    if not office.is_office or verb not in actions.BULK_VERBS:
        raise Http404
    ids = [i for i in (parse_id(v) for v in request.POST.getlist("chon")) if i]
    chosen = list(
        access.visible_assessments(request.user)
        .filter(pk__in=ids, unit__path__startswith=office.path)
        .exclude(unit=office)
        .order_by("unit__name")
    )
    back = reverse("assessments:office_list", args=[office.pk])
    if not chosen:
        messages.error(request, _("Hãy chọn ít nhất một đơn vị trong danh sách."))
        return redirect(back)
    if not request.POST.get("confirmed"):
        rows = [(a, actions.bulk_check(a, verb, by=request.user)) for a in chosen]
        context = {"office": office, "verb": verb, "rows": rows, "back": back}
        context["doable"] = sum(1 for _a, why in rows if not why)
        return render(request, "assessments/decide_many.html", context)
    done, refused = actions.decide_many(chosen, verb, by=request.user)
    word = _("Đã công nhận") if verb == "recognise" else _("Đã công bố")
    if done:
        messages.success(
            request, f"{word} {len(done)} {_('đơn vị')}: " + ", ".join(a.unit.name for a in done)
        )
    for assessment, why in refused:
        messages.error(request, f"{assessment.unit.name}: {why}")
    return redirect(back)


def _districts(office: Unit) -> list[Unit]:
    """The communes (and, before 1/7/2025, the Phòng) directly below an office, for the list's
    filter (kept as campaigns are)."""
    return namespaces.cached(
        (changes.EVERYONE,),
        f"districts:{office.pk}",
        lambda: list(
            office.children.filter(kind__in=[Unit.Kind.COMMUNE, Unit.Kind.DISTRICT], is_active=True)
        ),
        changes.SECONDS,
    )


def _status_counts(user: Any, office: Unit, campaign: Campaign) -> dict[str, int]:
    """The counts per state, kept until what the office sees changes (changes.py). Whoever
    may open the office sees its whole subtree, so the counts are the office's."""
    return namespaces.cached(
        changes.office(office.pk),
        f"office-counts:{office.pk}:{campaign.pk}",
        lambda: queries.status_counts(user, office, campaign),
        changes.SECONDS,
    )


def _set_deadlines(request: HttpRequest, office: Unit, campaign: Campaign) -> None:
    try:
        dates = {
            field: parse_date(request.POST.get(field, ""))
            for field in ("submit_by", "review_by", "publish_by")
        }
    except ValueError:
        messages.error(request, _("Ngày không hợp lệ (ngày/tháng/năm)."))
        return
    try:
        actions.set_deadlines(campaign, office, by=request.user, **dates)
        messages.success(request, _("Đã đặt hạn cho các đơn vị trực thuộc."))
    except actions.ActionRefused as exc:
        messages.error(request, str(exc))


def _campaign(request: HttpRequest, office: Unit, campaigns: list[Campaign]) -> Campaign | None:
    """The campaign chosen (`?dot=`/`?campaign=` an id, `?school_year=`), else the current one."""
    campaign, named = queries.campaign_from_params(office, request.GET)
    if campaign is None and named:
        messages.warning(request, _("Không có đợt đánh giá đã chọn; đang hiện đợt hiện hành."))
        campaign = queries.campaign_from_params(office, {})[0]
    return campaign


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
        if a.framework.levels_on_total:  # 3806: the level is the whole total's
            a.total_points = (a.group1_points or 0) + (a.group2_points or 0)
            a.capped_total = queries.capped(
                a.total_points, a.overall_level, a.framework.total_levels
            )
    for a in [*institutions, *office_rows]:  # a level held back by an unmet mandatory condition
        bands = registry.campaign_framework(a.campaign).group_levels
        a.capped1 = queries.capped(a.group1_points, a.group1_level, bands)
        a.capped2 = queries.capped(a.group2_points, a.group2_level, bands)
    context = {"office": office, "published": institutions, "offices_published": office_rows}
    return render(request, "assessments/public.html", context)


def _public_page(request: HttpRequest, parameter: str, rows: Any) -> Any:
    """One page of `rows` (the page named by `parameter`; the last one if past the end)."""
    number = parse_id(request.GET.get(parameter)) or 1
    return Paginator(rows, PUBLIC_PAGE).get_page(number)
