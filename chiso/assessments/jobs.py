"""Assessment work run as background jobs: re-scoring a campaign, the results that another
version of an index would change, moving a campaign to another version."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from chiso.assessments import access, versions
from chiso.assessments.models import Campaign
from chiso.assessments.rescoring import rescore_campaign
from chiso.frameworks import registry
from chiso.frameworks.models import FrameworkVersion
from chiso.jobs.models import Job
from chiso.jobs.registry import JobFailed, Outcome, job
from chiso.jobs.runner import Progress

LEVEL_NAMES = {
    "group1_level": "mức nhóm 1",
    "group2_level": "mức nhóm 2",
    "overall_level": "mức chung",
    "điểm": "điểm",
}


@job("rescore_campaign")
def rescore(job_: Job, progress: Progress) -> Outcome:
    campaign = Campaign.objects.get(pk=job_.params["campaign"])
    result = rescore_campaign(campaign, under_path=job_.unit.path, by=job_.owner, progress=progress)
    rows = [
        ["updated", unit, f"{LEVEL_NAMES.get(what, what)}: {old} → {new}", "đã cập nhật"]
        for unit, what, old, new in result.level_changes
    ]
    rows += [
        [
            "rejected",
            unit,
            f"{LEVEL_NAMES.get(what, what)}: {old} → {new}",
            "đã công nhận: giữ nguyên; mở lại nếu cần",
        ]
        for unit, what, old, new in result.official_differences
    ]
    rows += [["rejected", unit, why, "không chấm được"] for unit, why in result.invalid]
    message = (
        f"Đã chấm lại {result.total} bản đánh giá: {result.refreshed} bản cập nhật số liệu; "
        f"{len(result.official_differences)} khác biệt ở kết quả đã công nhận (giữ nguyên); "
        f"{len(result.invalid)} bản không chấm được."
    )
    return Outcome(
        message,
        summary={
            "columns": ["Đơn vị", "Thay đổi", "Xử lý"],
            "rows": rows[:300],
            "truncated": max(0, len(rows) - 300),
        },
    )


SHOWN = 300


def _version(pk: Any) -> FrameworkVersion:
    row = FrameworkVersion.objects.filter(pk=pk).first()
    if row is None:
        raise JobFailed(gettext("Phiên bản bộ chỉ số không còn nữa."))
    return row


def _summary(result: versions.Impact, *, invalid_note: str) -> dict[str, Any]:
    rows = [
        ["updated", change.unit, change.campaign, change.status, change.what]
        for change in result.level_changes
    ]
    rows += [
        ["rejected", unit, "", "", f"{invalid_note}: {why}"] for _, unit, why in result.invalid
    ]
    return {
        "columns": ["Đơn vị", "Đợt", "Trạng thái", "Thay đổi mức"],
        "rows": rows[:SHOWN],
        "truncated": max(0, len(rows) - SHOWN),
    }


def message_for(result: versions.Impact) -> str:
    unscored = f"; {result.unscored} kết quả chưa từng được chấm" if result.unscored else ""
    return (
        f"{result.total} kết quả: {len(result.level_changes)} kết quả đổi mức, "
        f"{result.changed_figures} kết quả đổi điểm hoặc mức, {len(result.invalid)} kết quả không chấm được; "
        f"{result.official} kết quả đã công nhận/công bố{unscored}."
    )


@job("framework_impact")
def framework_impact(job_: Job, progress: Progress) -> Outcome:
    """Results scored on one version that would change level under another (nothing saved)."""
    old, new = _version(job_.params["old"]), _version(job_.params["new"])
    assessments = access.visible_assessments(job_.owner).filter(
        campaign__framework_id=old.framework_id, campaign__framework_version=old.version
    )
    result = versions.impact(assessments, registry.framework_of(new), progress)
    return Outcome(message_for(result), summary=_summary(result, invalid_note="không chấm được"))


@job("campaign_version_preview")
def campaign_version_preview(job_: Job, progress: Progress) -> Outcome:
    """The dry run of moving a campaign to another version, with the confirmation to apply it."""
    campaign = Campaign.objects.get(pk=job_.params["campaign"])
    target = _version(job_.params["target"])
    result = versions.impact(campaign.assessments.all(), registry.framework_of(target), progress)
    summary = _summary(result, invalid_note="không chấm được — phải sửa trước khi áp dụng")
    summary["impact"] = {
        "total": result.total,
        "level_changes": len(result.level_changes),
        "changed": result.changed_figures,
        "invalid": len(result.invalid),
        "official": result.official,
        "from": job_.params["from"],
    }
    if not result.invalid:
        summary["confirm"] = {
            "url": reverse("assessments:campaign_confirm", args=[campaign.pk]),
            "label": f"Tiếp tục: xác nhận chấm lại theo {target.label}",
        }
    return Outcome(message_for(result), summary=summary)


@job("campaign_version_move")
def campaign_version_move(job_: Job, progress: Progress) -> Outcome:
    """Re-score a campaign under another version and pin it (all or nothing)."""
    campaign = Campaign.objects.select_related("owner").get(pk=job_.params["campaign"])
    target = _version(job_.params["target"])
    if target.status != FrameworkVersion.Status.PUBLISHED:
        raise JobFailed(
            gettext("Phiên bản đích không còn ở trạng thái ban hành: không thay đổi gì.")
        )
    result = versions.move_campaign(
        campaign,
        target,
        by=job_.owner,
        expected=job_.params["expected"],
        include_official=bool(job_.params.get("include_official")),
        progress=progress,
    )
    message = (
        f"Đợt «{campaign}» đã chuyển sang {target.label}: chấm lại {result.total} kết quả, "
        f"{result.changed_figures} kết quả đổi điểm hoặc mức ({len(result.level_changes)} đổi mức); "
        "số liệu cũ của từng kết quả được giữ trong lịch sử."
    )
    return Outcome(message, summary=_summary(result, invalid_note="không chấm được"))
