"""The offices' own assessments (Quyết định 3806, provisional index) in the demo province.

Run by the Bộ. For 2024-2025, the last year of the district offices, Hải Phòng's three Phòng
assessed themselves and the Sở recognised and published each before they closed on 30/6/2025
(history). From 2025-2026 the district half of 3806 has no subject: only the Sở assesses itself,
reading the institutions' published 2025-2026 results, and it is drafting.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from chiso.assessments import actions
from chiso.assessments.models import Assessment, Campaign
from chiso.units.models import Unit

FULL = {
    "dt_steering_body": True,
    "dt_yearly_plan": True,
    "directive_documents": 6,
    "external_assessment_done": True,
    "outgoing_documents": 412,
    "outgoing_documents_signed": 371,
    "e_office_in_use": True,
    "online_meetings": True,
    "online_public_services": False,
    "sector_db_for_management": True,
    "security_regulation": True,
    "portal_publishes_results": True,
    "staff_total": 14,
    "staff_trained_digital": 9,
}


HISTORY_CODES = ("SO-HP", "PGD-DK", "PGD-AD", "PGD-VB")


def seed_history(ministry: Unit, source: Campaign, heads: dict[str, Any]) -> Campaign:
    """2024-2025: each Phòng submitted in May 2025; the Sở recognised and published in June (the
    Sở's own assessment of that year is not in the demo)."""
    campaign = _campaign(ministry, source, submit_by=dt.date(2025, 5, 31))
    dates = (dt.date(2025, 5, 5), dt.date(2025, 5, 20), dt.date(2025, 5, 25))
    for code in ("PGD-DK", "PGD-AD", "PGD-VB"):
        office = _fill(
            campaign, Unit.objects.get(code=code), heads[code], FULL, submit=True, dates=dates
        )
        actions.recognise(office, by=heads["SO-HP"])
        actions.publish(office, by=heads["SO-HP"])
    Assessment.objects.filter(campaign=campaign).update(
        submitted_at=dt.datetime(2025, 5, 28, 9, tzinfo=dt.UTC),
        recognised_at=dt.datetime(2025, 6, 16, 9, tzinfo=dt.UTC),
        published_at=dt.datetime(2025, 6, 25, 9, tzinfo=dt.UTC),
    )
    campaign.is_open = False
    campaign.save(update_fields=["is_open"])
    return campaign


def _campaign(ministry: Unit, source: Campaign, *, submit_by: dt.date) -> Campaign:
    return Campaign.objects.create(
        name="Tự đánh giá mức độ chuyển đổi số của Sở, Phòng GDĐT",
        audience=Campaign.Audience.OFFICES,
        school_year=source.school_year,
        framework_id="qd3806-2024",
        owner=ministry,
        rollup_source=source,
        submit_by=submit_by,
        review_by=submit_by + dt.timedelta(days=16),
    )


def seed(ministry: Unit, source: Campaign, heads: dict[str, Any]) -> Campaign:
    """The Sở's own assessment of 2025-2026, drafting (the Phòng no longer exist)."""
    campaign = Campaign.objects.create(
        name="Tự đánh giá mức độ chuyển đổi số của Sở, Phòng GDĐT",
        audience=Campaign.Audience.OFFICES,
        school_year=source.school_year,
        framework_id="qd3806-2024",
        owner=ministry,
        rollup_source=source,
        submit_by=dt.date(2026, 12, 15),
        review_by=dt.date(2026, 12, 31),
    )
    so = Unit.objects.get(code="SO-HP")
    partial = {k: v for k, v in FULL.items() if k.startswith(("dt_", "directive"))}
    _fill(campaign, so, heads["SO-HP"], partial)
    return campaign


def _fill(
    campaign: Campaign,
    office: Unit,
    head: Any,
    facts: dict[str, Any],
    *,
    submit: bool = False,
    dates: tuple[dt.date, dt.date, dt.date] = (
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 20),
        dt.date(2026, 11, 25),
    ),
) -> Any:
    assessment = actions.start(office, campaign, by=head)
    assessment = actions.save_answers(
        assessment, facts=facts, expected_version=assessment.version, by=head
    )
    if not submit:
        return assessment
    assessment = actions.save_council(
        assessment,
        data={
            "council_decision_number": "12/QĐ-GDĐT",
            "council_decision_date": dates[0],
            "council_members": [
                {
                    "name": head.get_full_name() or "Trưởng phòng",
                    "title": "Trưởng phòng",
                    "role": "Chủ tịch",
                },
                {"name": "Phó Trưởng phòng", "title": "Phó Trưởng phòng", "role": "Phó Chủ tịch"},
                {"name": "Chuyên viên phụ trách CNTT", "title": "Chuyên viên", "role": "Thư ký"},
            ],
            "minutes_date": dates[1],
            "minutes_summary": "Hội đồng rà soát minh chứng, đối chiếu số liệu tổng hợp của các trường và thống nhất điểm tự đánh giá.",
            "approval_decision_number": "15/QĐ-GDĐT",
            "approval_decision_date": dates[2],
        },
        expected_version=assessment.version,
        by=head,
    )
    return actions.submit(assessment, by=head)
