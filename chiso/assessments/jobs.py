"""Assessment work run as background jobs."""

from __future__ import annotations

from chiso.assessments.models import Campaign
from chiso.assessments.rescoring import rescore_campaign
from chiso.jobs.models import Job
from chiso.jobs.registry import Outcome, job
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
