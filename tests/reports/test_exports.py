"""Every exported file is opened again and its key figures checked."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from chiso.assessments import actions
from chiso.reports import data
from chiso.reports.xlsx_export import render_appendix_xlsx
from tests.conftest import PASSWORD, fill


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


def filled(world):
    a = fill(world.assessments["school"], world.users["member"])
    data_ = {
        "council_decision_number": "20/QĐ-CĐS",
        "council_decision_date": __import__("datetime").date(2025, 3, 16),
        "council_members": [
            {"name": "Nguyễn Thị Hương", "title": "Hiệu trưởng", "role": "Chủ tịch"}
        ],
        "minutes_date": None,
        "minutes_summary": "",
        "approval_decision_number": "",
        "approval_decision_date": None,
    }
    return actions.save_council(a, data=data_, expected_version=a.version, by=world.users["member"])


def test_the_appendix_xlsx_has_every_item_and_the_points(client, world):
    a = filled(world)
    client.login(username="member", password=PASSWORD)
    response = client.get(f"/danh-gia/{a.pk}/tai-ve/phu-luc.xlsx")
    assert response.status_code == 200
    assert "phu-luc-truong-tieu-hoc-chu-van-an-2024-2025.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=6, values_only=True) if row[0]}
    assert rows["1.4"][4] == 10 and rows["1.4"][5] == "Mức độ 3"
    assert rows["1.4.a"][3] == 10
    assert "41 học liệu, trên 40 → tối đa 10 điểm" in rows["1.4.a"][6]
    assert rows["1"][4] == a.group1_points
    assert rows["1.1"][4] == "có"
    assert len([r for r in rows if r.count(".") == 2 or r in ("1.3.c1",)]) >= 20


def test_user_text_never_becomes_a_formula(world):
    a = filled(world)
    from chiso.evidence.models import Evidence

    Evidence.objects.create(
        assessment=a,
        target_id="1.3",
        kind="link",
        title='=HYPERLINK("http://x.vn","bấm")',
        url="https://x.vn",
    )
    a.unit.name = "=1+1"
    content = render_appendix_xlsx(data.assessment_document(a))
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [
        c
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.lstrip().startswith("=")
    ]
    assert cells == [] or all(c.data_type == "s" for c in cells)
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("=HYPERLINK" in t for t in texts)
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_the_report_docx_follows_the_official_layout(client, world):
    a = filled(world)
    client.login(username="member", password=PASSWORD)
    response = client.get(f"/danh-gia/{a.pk}/tai-ve/bao-cao.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert round(section.page_width.mm) == 210 and section.different_first_page_header_footer
    header = document.tables[0].rows[0].cells
    left, right = " ".join(header[0].text.split()), " ".join(header[1].text.split())
    assert "PHÒNG GDĐT A1" in left.upper() and "TRƯỜNG TIỂU HỌC CHU VĂN AN" in left
    # the name does not fit the issuer column: it breaks before the proper name, never inside
    assert "TRƯỜNG TIỂU HỌC\nCHU VĂN AN" in header[0].text
    assert "Số:" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert "ngày" in right and "tháng" in right and "năm" in right
    body = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in body
    assert (
        f"Nhóm tiêu chí 1: {int(a.group1_points)}/100 điểm - đạt Mức độ: {a.group1_level}" in body
    )
    assert "Quyết định số 20/QĐ-CĐS ngày 16 tháng 3 năm 2025" in body
    closing = document.tables[-1].rows[0].cells
    assert closing[0].paragraphs[0].runs[0].bold and closing[0].paragraphs[0].runs[0].italic
    assert closing[0].paragraphs[0].runs[0].font.size.pt == 12
    assert "HIỆU TRƯỞNG" in closing[1].text and "Nguyễn Thị Hương" in closing[1].text
    fonts = {r.font.name for p in document.paragraphs for r in p.runs if r.font.name}
    assert fonts == {"Times New Roman"}


def test_the_office_consolidated_xlsx_has_one_row_per_unit(client, world):
    fill(world.assessments["school"], world.users["member"])
    client.login(username="so_head", password=PASSWORD)
    response = client.get(f"/don-vi/{world.units['so_a'].pk}/tong-hop.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[3]]
    assert header[4:15] == [
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "1.5",
        "1.6",
        "1.7",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
    ]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    names = [r[1] for r in rows]
    assert set(names) == {
        "Trường Tiểu học Chu Văn An",
        "Trường THCS Lê Lợi",
        "Trường THPT Trần Phú",
    }
    school = next(r for r in rows if r[1] == "Trường Tiểu học Chu Văn An")
    # By default only what the office has checked counts: a draft shows its state, no figures.
    assert school[3] == "Đang soạn (dự thảo)" and school[4:] == (None,) * len(school[4:])
    assert "đã kiểm tra" in sheet.cell(row=2, column=1).value
    # each group's points and level; no total of the two groups (4725 defines none)
    assert header[15:] == ["Điểm nhóm 1", "Mức độ nhóm 1", "Điểm nhóm 2", "Mức độ nhóm 2"]
    assert "Bế Văn Đàn" not in names
    everything = client.get(f"/don-vi/{world.units['so_a'].pk}/tong-hop.xlsx?basis=all")
    sheet = load_workbook(io.BytesIO(everything.content)).active
    assert "DỰ THẢO" in sheet.cell(row=1, column=1).value
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    school = next(r for r in rows if r[1] == "Trường Tiểu học Chu Văn An")
    assert school[3] == "Đang soạn (dự thảo)"
    assert school[15] == fill_points(world, "1") and school[17] == fill_points(world, "2")


def fill_points(world, group):
    from chiso.assessments.models import Assessment

    return getattr(
        Assessment.objects.get(pk=world.assessments["school"].pk), f"group{group}_points"
    )


@pytest.mark.parametrize(
    ("name", "title", "expected"),
    [
        (
            "quyet-dinh-hoi-dong.docx",
            "QUYẾT ĐỊNH",
            [
                "Về việc thành lập Hội đồng tự đánh giá",
                "Điều 1.",
                "1. Nguyễn Thị Hương – Hiệu trưởng – Chủ tịch",
                "Căn cứ Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022",
            ],
        ),
        (
            "bien-ban.docx",
            "BIÊN BẢN",
            ["Họp Hội đồng tự đánh giá", "Nhóm tiêu chí 1:", "Quyết định số 20/QĐ-CĐS"],
        ),
        (
            "quyet-dinh-phe-duyet.docx",
            "QUYẾT ĐỊNH",
            [
                "Về việc phê duyệt kết quả tự đánh giá",
                "Nhóm tiêu chí 2 «Chuyển đổi số trong quản trị cơ sở giáo dục»",
            ],
        ),
    ],
)
def test_the_council_documents_are_filled_from_the_assessment(client, world, name, title, expected):
    a = filled(world)
    client.login(username="member", password=PASSWORD)
    response = client.get(f"/danh-gia/{a.pk}/tai-ve/{name}")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    body = "\n".join(p.text for p in document.paragraphs)
    assert title in body
    for text in expected:
        assert text in body, text
    header = document.tables[0].rows[0].cells
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1].text
    if name == "quyet-dinh-hoi-dong.docx":
        assert "ngày 16 tháng 3 năm 2025" in header[1].text  # dated as the decision, not today
        assert "Số: 20/QĐ-CĐS" in header[0].text
    signed = [t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text]
    signatures = (signed or document.tables)[-1].rows[0].cells[1].text
    assert "Nguyễn Thị Hương" in signatures


def test_an_unknown_document_is_404(client, world):
    client.login(username="member", password=PASSWORD)
    assert (
        client.get(f"/danh-gia/{world.assessments['school'].pk}/tai-ve/mat-khau.txt").status_code
        == 404
    )


def test_the_narrative_written_in_the_app_goes_into_the_report(client, world):
    a = fill(world.assessments["school"], world.users["member"])
    client.login(username="member", password=PASSWORD)
    response = client.post(
        f"/danh-gia/{a.pk}/hoi-dong/",
        {
            "version": a.version,
            "narrative_situation": "Trường có 20 lớp, 39 giáo viên.\nĐường truyền Internet còn yếu.",
            "narrative_proposals": "Đề nghị Phòng GDĐT tập huấn đánh giá CĐS.",
        },
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.narrative == {
        "situation": "Trường có 20 lớp, 39 giáo viên.\nĐường truyền Internet còn yếu.",
        "proposals": "Đề nghị Phòng GDĐT tập huấn đánh giá CĐS.",
    }
    document = Document(io.BytesIO(client.get(f"/danh-gia/{a.pk}/tai-ve/bao-cao.docx").content))
    body = [p.text for p in document.paragraphs]
    assert "Đường truyền Internet còn yếu." in body
    proposals = body.index("4. Kiến nghị, đề xuất")
    assert body[proposals + 1] == "Đề nghị Phòng GDĐT tập huấn đánh giá CĐS."
    assert body[body.index("2. Bài học kinh nghiệm") + 1].startswith("……")  # left to fill in Word
    page = client.get(f"/danh-gia/{a.pk}/").content.decode()
    assert "Đề nghị Phòng GDĐT tập huấn đánh giá CĐS." in page


def test_the_consolidated_table_is_also_a_landscape_docx(client, world):
    fill(world.assessments["school"], world.users["member"])
    client.login(username="office_head", password=PASSWORD)
    response = client.get(f"/don-vi/{world.units['phong_a'].pk}/tong-hop.docx?basis=all")
    assert response["Content-Disposition"].endswith('-all.docx"')
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape A4
    table = document.tables[1]
    header = [c.text for c in table.rows[0].cells]
    assert header[:4] == ["STT", "Tên đơn vị", "Trạng thái", "1.1"]
    assert header[-4:] == ["Điểm nhóm 1", "Mức độ nhóm 1", "Điểm nhóm 2", "Mức độ nhóm 2"]
    assert "Tổng" not in header
    names = [row.cells[1].text for row in table.rows[1:]]
    assert names == ["Trường Tiểu học Chu Văn An", "Trường THCS Lê Lợi"]
    school = [c.text for c in table.rows[1].cells]
    assert school[2] == "Đang soạn (dự thảo)"  # every row carries its state, drafts marked
    assert school[3] == "có"  # 1.1 is a mandatory condition: có/không
    assert "TRƯỞNG PHÒNG" in document.tables[-1].rows[0].cells[1].text
