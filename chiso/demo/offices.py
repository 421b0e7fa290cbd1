"""The offices' own assessments (Quyết định 3806, provisional index) in the demo province.

Run by the Bộ for the 2025-2026 school year, reading the institutions' published 2025-2026
results: Phòng Dương Kinh has submitted (for the Sở to review), Phòng An Dương is recognised and
published, Phòng Vĩnh Bảo and the Sở are drafting.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from chiso.assessments import actions
from chiso.assessments.models import Campaign
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


def seed(ministry: Unit, source: Campaign, heads: dict[str, Any]) -> Campaign:
    """The offices' campaign and one assessment per office, in the states above."""
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
    _fill(campaign, Unit.objects.get(code="PGD-DK"), heads["PGD-DK"], FULL, submit=True)
    an_duong = _fill(campaign, Unit.objects.get(code="PGD-AD"), heads["PGD-AD"], FULL, submit=True)
    actions.recognise(an_duong, by=heads["SO-HP"])
    actions.publish(an_duong, by=heads["SO-HP"])
    partial = {k: v for k, v in FULL.items() if k.startswith(("dt_", "directive"))}
    _fill(campaign, Unit.objects.get(code="PGD-VB"), heads["PGD-VB"], partial)
    _fill(campaign, so, heads["SO-HP"], partial)
    return campaign


def _fill(
    campaign: Campaign, office: Unit, head: Any, facts: dict[str, Any], *, submit: bool = False
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
            "council_decision_date": dt.date(2026, 11, 2),
            "council_members": [
                {
                    "name": head.get_full_name() or "Trưởng phòng",
                    "title": "Trưởng phòng",
                    "role": "Chủ tịch",
                },
                {"name": "Phó Trưởng phòng", "title": "Phó Trưởng phòng", "role": "Phó Chủ tịch"},
                {"name": "Chuyên viên phụ trách CNTT", "title": "Chuyên viên", "role": "Thư ký"},
            ],
            "minutes_date": dt.date(2026, 11, 20),
            "minutes_summary": "Hội đồng rà soát minh chứng, đối chiếu số liệu tổng hợp của các trường và thống nhất điểm tự đánh giá.",
            "approval_decision_number": "15/QĐ-GDĐT",
            "approval_decision_date": dt.date(2026, 11, 25),
        },
        expected_version=assessment.version,
        by=head,
    )
    return actions.submit(assessment, by=head)
