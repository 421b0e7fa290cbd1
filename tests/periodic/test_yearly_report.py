"""An institution's yearly report on its office's outline (S4), in the one outline system:
figures filled from the unit's data, sections written in the app, DOCX and PDF."""

import io
import subprocess

import pytest
from docx import Document

from chiso.periodic import builtin, figures, services
from chiso.periodic.models import PeriodicReport, ReportOutline
from chiso.plans import actions
from tests.conftest import COMPLETE_FACTS, PASSWORD, fill
from tests.plans.test_figures import S0

YEAR = "2024-2025"


def test_the_national_sample_is_s4s_outline_with_every_field_answered_from_data() -> None:
    parsed = services.parse(builtin.YEARLY)
    assert parsed.problems == ()
    headings = [b.text for b in parsed.blocks if b.kind == "heading" and b.depth == 1]
    assert headings[0].startswith("I. KHÁI QUÁT CHUNG") and headings[-1] == "V. KIẾN NGHỊ, ĐỀ XUẤT"
    named = {n for b in parsed.blocks for n in services.outline.PLACEHOLDER.findall(b.text)}
    assert {"so_ke_hoach_truc_tuyen", "ty_le_hs_khong_tien_mat", "ket_qua_tu_danh_gia"} <= named
    assert "co_ke_hoach_truc_tuyen" not in named  # a number and a date are asked, never "có"
    assert named <= set(figures.FIGURES)
    tables = {b.text for b in parsed.blocks if b.kind == "table"}
    assert tables == {"tap_huan", "hien_trang_cntt"}


def test_the_national_sample_exists_in_every_database(db) -> None:
    national = ReportOutline.objects.get(owner__isnull=True, for_subunits=True)
    assert national.text == builtin.YEARLY


def test_figures_come_from_the_units_own_records(world) -> None:
    unit, head = world.units["school"], world.users["head"]
    fill(world.assessments["school"], head, COMPLETE_FACTS)
    actions.save_figures(
        unit, YEAR, dict(S0, students_total="200", students_cashless="150"), by=head
    )
    actions.save_header(
        unit, YEAR, number="15", issued_on="20/09/2024", purpose="", situation="", by=head
    )
    scope = figures.scope_for(unit, world.campaign)
    values = figures.values(scope, {"ty_le_hs_khong_tien_mat", "so_ke_hoach", "ket_qua_tu_danh_gia",
                                    "co_ke_hoach_truc_tuyen", "chu_ky_so"})  # fmt: skip
    assert values["ty_le_hs_khong_tien_mat"] == "75%"
    assert values["so_ke_hoach"] == "Kế hoạch số 15/KH-THCVA ngày 20 tháng 9 năm 2024"
    assert values["co_ke_hoach_truc_tuyen"] == "có"
    assert values["ket_qua_tu_danh_gia"].startswith("Nhóm tiêu chí 1: ")
    assert values["chu_ky_so"] == "10 giáo viên"
    training = figures.TABLES["tap_huan"][1](scope)
    assert training.rows[1][1:] == ["10", "25,6%"]


def test_only_the_figures_an_outline_names_are_computed(world, django_assert_max_num_queries):
    scope = figures.scope_for(world.units["phong_a"], world.campaign)
    with django_assert_max_num_queries(0):
        assert figures.values(scope, {"so_co_so"}) == {"so_co_so": "2"}


def test_an_offices_outline_applies_to_its_subtree_only(world) -> None:
    mine = services.save_outline(
        world.units["phong_a"],
        {"title": "Báo cáo năm", "subject": "Năm học {nam_hoc}", "for_subunits": True,
         "text": "# I. Chung\n- LMS: {co_lms}\n[viết: Tóm tắt]"},
        by=world.users["office_head"],
    )  # fmt: skip
    assert services.yearly_outline(world.units["school"]) == mine
    assert services.yearly_outline(world.units["other"]).owner is None


def test_the_school_starts_writes_and_exports_its_report(client, world) -> None:
    unit, head = world.units["school"], world.users["head"]
    fill(world.assessments["school"], head, COMPLETE_FACTS)
    actions.save_figures(unit, YEAR, S0, by=head)
    client.login(username="head", password=PASSWORD)
    url = f"/bao-cao/nam/{unit.pk}/{YEAR}/"
    assert "Lập báo cáo năm học" in client.get(url).content.decode()
    started = client.post(url)
    report = PeriodicReport.objects.get(unit=unit)
    assert started["Location"] == report.get_absolute_url()
    assert client.get(url)["Location"] == report.get_absolute_url()  # started once
    assert report.period == f"năm học {YEAR}" and report.campaign == world.campaign
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Tỉ lệ học sinh nộp các khoản thu không dùng tiền mặt: —" in page
    saved = client.post(
        report.get_absolute_url(),
        {"version": report.version, "slot_0": "Triển khai đầy đủ các nhiệm vụ."},
    )
    assert saved.status_code == 302
    document = Document(io.BytesIO(client.get(f"/bao-cao/{report.pk}/tai-ve.docx").content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "BÁO CÁO" in text and f"năm học {YEAR}" in text
    assert "Triển khai đầy đủ các nhiệm vụ." in text
    assert "- Hệ thống LMS: có" in text
    assert "Việc dùng LMS để hướng dẫn tự học" not in text  # a prompt is never printed
    assert "25,6%" in cells and "HIỆU TRƯỞNG" in cells


def test_its_office_reads_the_report_but_cannot_start_or_write_it(client, world) -> None:
    unit = world.units["school"]
    client.login(username="reviewer", password=PASSWORD)
    url = f"/bao-cao/nam/{unit.pk}/{YEAR}/"
    page = client.get(url).content.decode()
    assert "Đơn vị chưa lập báo cáo năm học này." in page
    assert client.post(url).status_code == 404
    assert not PeriodicReport.objects.exists()
    client.login(username="other_head", password=PASSWORD)
    assert client.get(url).status_code == 404


def test_the_yearly_report_pdf_keeps_the_vietnamese_figures(client, world, tmp_path) -> None:
    from tests.reports.test_pdf import needs_tools

    if needs_tools.args[0]:
        pytest.skip(needs_tools.kwargs["reason"])
    unit, head = world.units["school"], world.users["head"]
    actions.save_figures(unit, YEAR, S0, by=head)
    report = services.start_yearly_report(unit, YEAR, by=head)
    client.login(username="reviewer", password=PASSWORD)
    response = client.get(f"/bao-cao/{report.pk}/tai-ve.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(response.content)
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    text = " ".join(raw.stdout.split())
    assert "Thanh toán không dùng tiền mặt" in text and "25,6%" in text
    assert "HIỆU TRƯỞNG" in text
