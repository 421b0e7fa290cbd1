"""An office's campaigns: the list, opening a new one (for its institutions or its sub-offices),
closing and reopening, re-scoring, and moving a campaign to another version of its index."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chiso import rubric
from chiso.assessments import access, campaigns, queries, versions
from chiso.assessments.actions import ActionRefused
from chiso.assessments.forms import parse_date
from chiso.assessments.models import Campaign
from chiso.frameworks import registry
from chiso.frameworks.access import get_framework_version_for_user
from chiso.jobs import runner
from chiso.jobs.models import Job
from chiso.units import policy
from chiso.units.models import ReviewMode, Unit


@login_required
def office_campaigns(request: HttpRequest, pk: int) -> HttpResponse:
    """The campaigns an office runs; its head opens, closes and reopens them."""
    office = policy.get_unit_for_user(request.user, pk)
    if not office.is_office or not policy.leads_office(request.user, office):
        raise Http404
    if request.method == "POST":
        _change(request, office)
        return redirect("assessments:campaigns", pk=office.pk)
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
        "commune_types": [(str(k), k.label) for k in campaigns.COMMUNE_TYPES],
        "review_choices": ReviewMode.choices,
        "default_modes": campaigns.default_review_modes(office),
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
            messages.success(
                request, gettext("Đã mở lại đợt.") if "reopen" in post else gettext("Đã đóng đợt.")
            )
            return
        if "review_modes" in post:
            modes = campaigns.parse_review_modes(post)
            campaign = Campaign.objects.filter(pk=_int(post.get("campaign")), owner=office).first()
            if campaign is not None:
                campaigns.set_review_modes(campaign, modes, by=request.user)
            else:
                campaigns.set_default_review_modes(office, modes, by=request.user)
            messages.success(request, _("Đã lưu cách thẩm định, công nhận."))
            return
        source_pk = _int(post.get("rollup_source"))
        framework_id, _at, version = post.get("framework", "").partition("@")
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
        messages.success(request, gettext("Đã mở đợt «%(campaign)s».") % {"campaign": campaign})
    except ValueError:
        messages.error(request, gettext("Ngày không hợp lệ (ngày/tháng/năm)."))
    except ActionRefused as exc:
        messages.error(request, str(exc))


def _int(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else None


@login_required
@require_POST
def rescore(request: HttpRequest, pk: int) -> HttpResponse:
    """Re-score every result of the office's subtree in the current campaign, as a job."""
    office = policy.get_unit_for_user(request.user, pk)
    campaign = queries.current_campaign(office) if office.is_office else None
    if campaign is None or not policy.leads_office(request.user, office):
        raise Http404
    job = runner.submit(
        "rescore_campaign",
        owner=request.user,
        unit=office,
        title=_("Chấm lại các bản đánh giá — %(office)s — %(year)s")
        % {"office": office.name, "year": campaign.school_year},
        params={"campaign": campaign.pk},
    )
    return redirect(job.get_absolute_url())


# -- a campaign moved to another version of its index ---------------------------------------------


def _campaign_for(request: HttpRequest, pk: int) -> Campaign:
    campaign = Campaign.objects.select_related("owner").filter(pk=pk).first()
    if campaign is None or not policy.can_rescore_campaign(request.user, campaign):
        raise Http404
    return campaign


@login_required
def campaign_version(request: HttpRequest, campaign_pk: int) -> HttpResponse:
    """Choose the version to move a campaign to; the preview (dry run) runs as a job."""
    campaign = _campaign_for(request, campaign_pk)
    targets = versions.campaign_targets(campaign)
    if request.method == "POST":
        target = targets.filter(pk=_int(request.POST.get("target"))).first()
        if target is None:
            messages.error(request, _("Hãy chọn một phiên bản đã ban hành."))
            return redirect("assessments:campaign_version", campaign_pk=campaign.pk)
        current = f"{campaign.framework_id}@{campaign.framework_version}"
        job = runner.submit(
            "campaign_version_preview",
            owner=request.user,
            unit=campaign.owner,
            title=_("Xem trước: chấm lại đợt «%(campaign)s» theo %(target)s")
            % {"campaign": campaign, "target": target.label},
            params={"campaign": campaign.pk, "target": target.pk, "from": current},
        )
        return redirect(job.get_absolute_url())
    context = {
        "campaign": campaign,
        "current": registry.describe(campaign.framework_id, campaign.framework_version),
        "targets": targets,
    }
    return render(request, "assessments/campaign_version.html", context)


@login_required
@require_POST
def campaign_confirm(request: HttpRequest, campaign_pk: int) -> HttpResponse:
    """After the dry run: the counts and the consent for official results, then the move job."""
    campaign = _campaign_for(request, campaign_pk)
    preview = Job.objects.filter(
        pk=_int(request.POST.get("job")) or 0,
        owner=request.user,
        kind="campaign_version_preview",
        status=Job.Status.DONE,
        params__campaign=campaign.pk,
    ).first()
    if preview is None:
        raise Http404
    target = versions.campaign_targets(campaign).filter(pk=preview.params["target"]).first()
    impact = preview.summary.get("impact", {})
    current = f"{campaign.framework_id}@{campaign.framework_version}"
    if target is None or impact.get("from") != current:
        messages.error(
            request, _("Đợt hoặc phiên bản đã thay đổi từ lúc xem trước: hãy xem trước lại.")
        )
        return redirect("assessments:campaign_version", campaign_pk=campaign.pk)
    if request.POST.get("apply") != "1":
        context = {"campaign": campaign, "target": target, "preview": preview, "impact": impact}
        return render(request, "assessments/campaign_confirm.html", context)
    include_official = request.POST.get("include_official") == "1"
    if impact.get("official") and not include_official:
        messages.error(
            request,
            _(
                "Đợt có kết quả đã công nhận/công bố: hãy đánh dấu đồng ý chấm lại cả các kết "
                "quả này, hoặc giữ phiên bản cũ."
            ),
        )
        return redirect(preview.get_absolute_url())
    job = runner.submit(
        "campaign_version_move",
        owner=request.user,
        unit=campaign.owner,
        title=_("Chấm lại đợt «%(campaign)s» theo %(target)s")
        % {"campaign": campaign, "target": target.label},
        params={
            "campaign": campaign.pk,
            "target": target.pk,
            "expected": current,
            "include_official": include_official,
        },
    )
    return redirect(job.get_absolute_url())


# -- results on a version of an index ------------------------------------------------------------

INLINE_RESULTS = 2000  # above this many results, the comparison runs as a background job


@login_required
@require_GET
def version_campaigns(request: HttpRequest, pk: int) -> HttpResponse:
    """The campaigns (that concern the user) scored on one version of an index."""
    row = get_framework_version_for_user(request.user, pk)
    found = Campaign.objects.filter(
        framework_id=row.framework_id,
        framework_version=row.version,
        owner__in=policy.related_units(request.user),
    ).select_related("owner")
    context = {
        "row": row,
        "campaigns": [(c, policy.can_rescore_campaign(request.user, c)) for c in found],
    }
    return render(request, "assessments/version_campaigns.html", context)


@login_required
def version_impact(request: HttpRequest, pk: int) -> HttpResponse:
    """Which results (that the user may see) scored on another version would change level
    under this one; many results are measured by a background job."""
    row = get_framework_version_for_user(request.user, pk)
    other_pk = _int(request.GET.get("voi") or request.POST.get("voi"))
    if other_pk is None:  # which other version: chosen on the comparison page
        return redirect("frameworks:compare", pk=row.pk)
    other = get_framework_version_for_user(request.user, other_pk)
    assessments = access.visible_assessments(request.user).filter(
        campaign__framework_id=other.framework_id, campaign__framework_version=other.version
    )
    if request.method == "POST":
        job = runner.submit(
            "framework_impact",
            owner=request.user,
            unit=_job_unit(request.user),
            title=_("Kết quả đổi mức nếu chấm theo %(new)s thay cho %(old)s")
            % {"new": row.label, "old": other.label},
            params={"old": other.pk, "new": row.pk},
        )
        return redirect(job.get_absolute_url())
    count = assessments.count()
    impact, invalid_new = None, []
    try:
        framework = registry.framework_of(row)
    except rubric.RubricError as exc:
        invalid_new = exc.problems
    else:
        if count <= INLINE_RESULTS:
            impact = versions.impact(assessments, framework)
    context = {
        "row": row,
        "other": other,
        "count": count,
        "impact": impact,
        "invalid_new": invalid_new,
    }
    return render(request, "assessments/version_impact.html", context)


def _job_unit(user: object) -> Unit:
    units = [m.unit for m in policy.memberships(user)]
    if not units:
        raise Http404
    return min(units, key=lambda u: u.depth)
