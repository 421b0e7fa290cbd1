"""The yearly report on an office's outline (S4): figures filled, fields written, DOCX."""

import io

import pytest
from docx import Document

from chiso.plans import actions, outline, yearly
from chiso.plans.models import ReportOutline
from tests.conftest import COMPLETE_FACTS, PASSWORD, fill
from tests.plans.test_figures import S0

YEAR = "2024-2025"


def test_the_s4_outline_is_the_national_sample() -> None:
    blocks = outline.parse(outline.S4_OUTLINE)
    headings = [b.text for b in blocks if b.kind == "heading" and b.level == 1]
    assert headings[0].startswith("I. KHÁI QUÁT CHUNG") and headings[-1] == "V. KIẾN NGHỊ, ĐỀ XUẤT"
    keys = {k for b in blocks for k in b.figures}
    assert {"online_teaching_plan", "lms", "cashless_percent", "dcs_levels", "training"} <= keys


def test_a_bad_outline_names_its_lines() -> None:
    with pytest.raises(outline.OutlineError) as caught:
        outline.parse("# I. Chung\n- Tỉ lệ: [khong_co]\n#### quá sâu")
    assert caught.value.problems == [
        "Dòng 2: không có số liệu [khong_co]",
        "Dòng 3: tiêu đề dùng #, ## hoặc ### rồi đến tên mục",
    ]


def test_figures_come_from_the_units_data(world) -> None:
    unit, head = world.units["school"], world.users["head"]
    fill(world.assessments["school"], head, COMPLETE_FACTS)
    actions.save_figures(
        unit, YEAR, dict(S0, students_total="200", students_cashless="150"), by=head
    )
    actions.save_header(
        unit, YEAR, number="15", issued_on="20/09/2024", purpose="", situation="", by=head
    )
    values = yearly.figures(unit, YEAR)
    assert values["cashless_percent"] == "75%"
    assert values["plan_number"] == "Kế hoạch số 15, ngày 20 tháng 9 năm 2024"
    assert values["online_teaching_plan"] == "Có"
    assert values["dcs_levels"].startswith("nhóm 1: ")
    assert values["training"][1][1:] == ["10", "25,6%"]


def test_an_office_outline_applies_to_its_subtree_only(world) -> None:
    office_head = world.users["office_head"]
    mine = yearly.save_outline(
        world.units["phong_a"],
        title="Báo cáo năm {year}",
        body="# I. Chung\n- Tóm tắt: [lms]",
        by=office_head,
    )
    assert yearly.outline_for(world.units["school"]) == mine
    assert yearly.outline_for(world.units["other"]).owner is None
    with pytest.raises(actions.PlanError, match="Dòng 1"):
        yearly.save_outline(world.units["phong_a"], title="X", body="- [sai]", by=office_head)
    assert ReportOutline.objects.count() == 2


def test_the_school_writes_and_exports_its_report(client, world) -> None:
    unit, head = world.units["school"], world.users["head"]
    fill(world.assessments["school"], head, COMPLETE_FACTS)
    actions.save_figures(unit, YEAR, S0, by=head)
    client.login(username="head", password=PASSWORD)
    url = f"/ke-hoach/bao-cao-nam/{unit.pk}/{YEAR}/"
    page = client.get(url).content.decode()
    assert "Tỉ lệ % học sinh nộp các khoản thu không dùng tiền mặt: —" in page
    assert client.post(url, {"field-0": "Triển khai đầy đủ các nhiệm vụ."}).status_code == 302
    response = client.get(f"/ke-hoach/bao-cao-nam/{unit.pk}/{YEAR}/bao-cao.docx")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "BÁO CÁO" in text and f"năm học {YEAR}" in text
    assert "Triển khai đầy đủ các nhiệm vụ." in text
    assert "- Hệ thống LMS: Có" in text
    assert "25,6%" in cells and "THỦ TRƯỞNG ĐƠN VỊ" in cells


def test_office_heads_find_their_subtree_settings_on_the_office_page(client, world) -> None:
    client.login(username="office_head", password=PASSWORD)
    page = client.get(f"/don-vi/{world.units['phong_a'].pk}/").content.decode()
    assert "Đề cương báo cáo năm" in page and "Trọng số công sức" in page
    client.login(username="reviewer", password=PASSWORD)
    page = client.get(f"/don-vi/{world.units['phong_a'].pk}/").content.decode()
    assert "Đề cương báo cáo năm" not in page


def test_the_yearly_report_pdf_keeps_the_vietnamese_figures(client, world, tmp_path) -> None:
    import subprocess

    from tests.reports.test_pdf import needs_tools

    if needs_tools.args[0]:
        pytest.skip(needs_tools.kwargs["reason"])
    unit, head = world.units["school"], world.users["head"]
    actions.save_figures(unit, YEAR, S0, by=head)
    client.login(username="reviewer", password=PASSWORD)
    response = client.get(f"/ke-hoach/bao-cao-nam/{unit.pk}/{YEAR}/bao-cao.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(response.content)
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    text = " ".join(raw.stdout.split())
    assert "Thanh toán không dùng tiền mặt" in text and "25,6%" in text
    assert "THỦ TRƯỞNG ĐƠN VỊ" in text
