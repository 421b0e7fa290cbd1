"""An office's campaigns: the list, opening a new one (for its institutions or its sub-offices),
closing and reopening."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from chiso.assessments import campaigns
from chiso.assessments.actions import ActionRefused
from chiso.assessments.forms import parse_date
from chiso.assessments.models import Campaign
from chiso.units import policy
from chiso.units.models import Unit


@login_required
def office_campaigns(request: HttpRequest, pk: int) -> HttpResponse:
    """The campaigns an office runs; its head opens, closes and reopens them."""
    office = policy.get_unit_for_user(request.user, pk)
    if not office.is_office or not policy.leads_office(request.user, office):
        raise Http404
    if request.method == "POST":
        _change(request, office)
        return redirect("units:campaigns", pk=office.pk)
    audience = request.GET.get("doi_tuong", Campaign.Audience.INSTITUTIONS)
    if audience not in Campaign.Audience.values:
        audience = Campaign.Audience.INSTITUTIONS
    context = {
        "office": office,
        "campaigns": Campaign.objects.filter(owner=office).order_by("-school_year", "audience"),
        "audience": audience,
        "audiences": Campaign.Audience.choices,
        "frameworks": campaigns.frameworks_for(request.user, audience),
        "sources": campaigns.source_choices(office),
    }
    return render(request, "assessments/campaigns.html", context)


def _change(request: HttpRequest, office: Unit) -> None:
    post = request.POST
    try:
        if "close" in post or "reopen" in post:
            campaign = Campaign.objects.filter(pk=_int(post.get("campaign")), owner=office).first()
            if campaign is None:
                raise Http404
            campaigns.set_open(campaign, is_open="reopen" in post, by=request.user)
            messages.success(request, "Đã mở lại đợt." if "reopen" in post else "Đã đóng đợt.")
            return
        source_pk = _int(post.get("rollup_source"))
        framework_id, _, version = post.get("framework", "").partition("@")
        draft = campaigns.CampaignDraft(
            name=post.get("name", "")[:255],
            school_year=post.get("school_year", "").strip(),
            audience=post.get("audience", ""),
            framework_id=framework_id,
            framework_version=_int(version) or 0,
            submit_by=parse_date(post.get("submit_by", "")),
            review_by=parse_date(post.get("review_by", "")),
            publish_by=parse_date(post.get("publish_by", "")),
            rollup_source=Campaign.objects.filter(pk=source_pk).first() if source_pk else None,
        )
        campaign = campaigns.open_campaign(office, draft, by=request.user)
        messages.success(request, f"Đã mở đợt «{campaign}».")
    except ValueError:
        messages.error(request, "Ngày không hợp lệ (ngày/tháng/năm).")
    except ActionRefused as exc:
        messages.error(request, str(exc))


def _int(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else None
