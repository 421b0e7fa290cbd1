"""The data migration to one outline system: the yearly-report outlines and reports of
chiso.plans arrive in chiso.periodic, rewritten in its syntax, with every written field kept."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from chiso.periodic import services
from chiso.periodic.models import PeriodicReport, ReportOutline

BEFORE = [("periodic", "0002_outline_without_owner"), ("plans", "0002_plan_s4_outline")]
OLD_OUTLINE = """# I. KHÁI QUÁT CHUNG
- Thuận lợi, khó khăn
## 1. Dạy học trực tuyến
- Hệ thống LMS: [lms]
- Học liệu số: [digital_materials]
[training]
Hướng dẫn của Sở: ghi đủ số liệu.
"""


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The models as they are at `targets`, the other apps' as they stand now.
    others = [n for n in executor.loader.graph.leaf_nodes() if n[0] not in {a for a, _ in targets}]
    return executor.loader.project_state([*targets, *others]).apps


@pytest.mark.django_db(transaction=True)
def test_outlines_and_yearly_reports_move_with_every_written_field():
    apps = _migrate(BEFORE)
    Unit = apps.get_model("units", "Unit")
    so = Unit.objects.create(name="Sở GDĐT A", kind="so", code="SOA")
    so.path = f"/{so.pk}/"
    so.save()
    school = Unit.objects.create(name="Trường TH A", kind="co_so", code="THA", parent=so)
    school.path = f"{so.path}{school.pk}/"
    school.save()
    Campaign = apps.get_model("assessments", "Campaign")
    campaign = Campaign.objects.create(name="Đợt", school_year="2024-2025", owner=so)
    OldOutline = apps.get_model("plans", "ReportOutline")
    outline = OldOutline.objects.create(owner=so, title="Báo cáo năm học {year}", body=OLD_OUTLINE)
    apps.get_model("plans", "YearlyReport").objects.create(
        unit=school,
        school_year="2024-2025",
        outline=outline,
        answers={"Thuận lợi, khó khăn": "Được Sở hỗ trợ.", "Hệ thống LMS: [lms]": "Dùng K12."},
    )
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    moved = ReportOutline.objects.get(owner_id=so.pk)
    assert moved.for_subunits and moved.subject == "Báo cáo năm học {nam_hoc}"
    assert moved.text.splitlines() == [
        "# I. KHÁI QUÁT CHUNG",
        "[viết: Thuận lợi, khó khăn]",
        "## 1. Dạy học trực tuyến",
        "- Hệ thống LMS: {co_lms}",
        "[viết: Hệ thống LMS]",
        "- Học liệu số: {hoc_lieu_so}",
        "[viết: Học liệu số]",
        "[bảng: tap_huan]",
        "Hướng dẫn của Sở: ghi đủ số liệu.",
    ]
    assert services.parse(moved.text).problems == ()
    report = PeriodicReport.objects.get(unit_id=school.pk)
    assert report.outline == moved and report.campaign_id == campaign.pk
    assert report.period == "năm học 2024-2025"
    assert report.writings == {"0": "Được Sở hỗ trợ.", "1": "Dùng K12."}
    filled = services.filled(report)
    written = [s.text for s in filled.sections if s.kind == "write"]
    assert written == ["Được Sở hỗ trợ.", "Dùng K12.", ""]
