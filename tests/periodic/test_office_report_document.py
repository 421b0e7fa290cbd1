"""The office's periodic report as S3 files it: opening, sections in S3's order, every level
counted, a)/b) kept, the closing formula, the managing People's Committee, the head's name."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from docx import Document

from chiso.assessments.models import Assessment, Campaign
from chiso.periodic import builtin, services
from chiso.periodic.models import ReportOutline
from chiso.units.models import Membership, Unit
from chiso.units.services import create_unit
from tests.conftest import PASSWORD
from tests.documents import render_pages

# (short name, level): three at Mức độ 3, one at Mức độ 2, two at Mức độ 1, one not recognised
SCHOOLS = [
    ("MN Đa Phúc", 3),
    ("MN Tân Thành", 3),
    ("TH Hưng Đạo", 3),
    ("TH Hải Thành", 2),
    ("THCS Anh Dũng", 1),
    ("THCS Hoà Nghĩa", 1),
    ("TH Anh Dũng", None),
]

# S3's sections in its order (document-models.md), as the DOCX must print them.
S3_SECTIONS = [
    "BÁO CÁO",
    "Kính gửi: Ủy ban nhân dân quận Dương Kinh.",
    "Căn cứ Kế hoạch số 47/KH-UBND",
    "Thực hiện Công văn số 670/UBND-VHKHTT",
    "I. KẾT QUẢ THỰC HIỆN",
    "1. Công tác triển khai, chỉ đạo thực hiện",
    "2. Kết quả thực hiện",
    "3. Đánh giá chung",
    "a) Ưu điểm:",
    "- Công tác chuyển đổi số được quan tâm.",
    "b) Tồn tại, hạn chế:",
    "- Tuyên truyền chưa kịp thời.",
    "II. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
    "III. NHỮNG KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ ĐỀ XUẤT",
    "1. Khó khăn, vướng mắc",
    "2. Kiến nghị, đề xuất",
    "Trên đây là Báo cáo kết quả triển khai thực hiện công tác chuyển đổi số tháng 02/2025",
    "Trân trọng báo cáo./.",
]


@pytest.fixture
def duong_kinh(db, django_user_model):
    so = create_unit(
        name="Sở Giáo dục và Đào tạo Hải Phòng",
        kind=Unit.Kind.DEPARTMENT,
        code="SO-HP",
        place="Hải Phòng",
    )
    phong = create_unit(
        name="Phòng Giáo dục và Đào tạo quận Dương Kinh",
        kind=Unit.Kind.DISTRICT,
        parent=so,
        code="PGD-DK",
        place="Dương Kinh",
        document_symbol="GDĐT",
    )
    head = django_user_model.objects.create_user(
        "dk.lanhdao", password=PASSWORD, first_name="Nguyễn Văn", last_name="Hùng"
    )
    Membership.objects.create(user=head, unit=phong, role=Membership.Role.OFFICE_HEAD)
    campaign = Campaign.objects.create(name="Đánh giá CĐS", school_year="2024-2025", owner=so)
    for n, (short, level) in enumerate(SCHOOLS, start=1):
        kind = short.split()[0]
        unit = create_unit(
            name=f"Trường {short}",
            short_name=short,
            kind=Unit.Kind.INSTITUTION,
            parent=phong,
            institution_type=kind,
            code=f"DK-{n:02d}",
        )
        Assessment.objects.create(
            campaign=campaign,
            unit=unit,
            status=Assessment.Status.RECOGNISED if level else Assessment.Status.SUBMITTED,
            group1_level=level,
            group2_level=level,
            overall_level=level,
        )
    outline = ReportOutline.objects.create(
        owner=phong,
        title=builtin.MONTHLY_TITLE,
        subject=builtin.MONTHLY_SUBJECT,
        text=builtin.MONTHLY,
    )
    report = services.start_report(phong, outline, "tháng 02/2025", by=head, campaign=campaign)
    writings = {
        0: "Căn cứ Kế hoạch số 47/KH-UBND ngày 25/02/2025 của Ủy ban nhân dân quận Dương Kinh;",
        1: "Thực hiện Công văn số 670/UBND-VHKHTT của Ủy ban nhân dân quận;",
        2: "- Đã ban hành Kế hoạch số 24/KH-GDĐT ngày 03/3/2025.",
        4: "- Công tác chuyển đổi số được quan tâm.",
        5: "- Tuyên truyền chưa kịp thời.",
    }
    services.save_report(
        report,
        {
            "number": "12",
            "issued_on": "2025-03-05",
            **{f"slot_{k}": v for k, v in writings.items()},
        },
        expected_version=report.version,
        by=head,
    )
    report.refresh_from_db()
    return report, head


def _download(client, report, head):
    client.force_login(head)
    response = client.get(f"/bao-cao/{report.pk}/tai-ve.docx")
    assert response.status_code == 200, response.status_code
    return response


def _in_order(text: str, parts: list[str]) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"«{part}» missing or out of S3's order"
        position = found + len(part)


def test_the_report_follows_s3_section_by_section(client, duong_kinh):
    report, head = duong_kinh
    document = Document(io.BytesIO(_download(client, report, head).content))
    body = "\n".join(p.text for p in document.paragraphs)
    _in_order(body, S3_SECTIONS)
    # prompts are never printed; the lettered labels are
    assert "Căn cứ các kế hoạch, văn bản chỉ đạo của cấp trên" not in body


def test_every_level_is_counted_and_the_figures_match_the_data(client, duong_kinh):
    report, head = duong_kinh
    body = "\n".join(
        p.text for p in Document(io.BytesIO(_download(client, report, head).content)).paragraphs
    )
    recognised = Assessment.objects.filter(status=Assessment.Status.RECOGNISED)
    counts = {lv: recognised.filter(overall_level=lv).count() for lv in (1, 2, 3)}
    assert counts == {3: 3, 2: 1, 1: 2}
    assert (
        f"có {counts[3]} trường đạt mức độ 3 (MN Đa Phúc, MN Tân Thành, TH Hưng Đạo), "
        f"{counts[2]} trường đạt mức độ 2, {counts[1]} trường đạt mức độ 1, "
        "1 trường chưa được công nhận" in body
    )
    assert "- Có 6/7 cơ sở (85,7%) hoàn thành việc tự đánh giá" in body


def test_the_header_names_the_peoples_committee_and_the_head_signs_by_name(client, duong_kinh):
    report, head = duong_kinh
    document = Document(io.BytesIO(_download(client, report, head).content))
    issuer, motto = (c.text for c in document.tables[0].rows[0].cells)
    assert " ".join(issuer.split()).startswith("ỦY BAN NHÂN DÂN QUẬN DƯƠNG KINH PHÒNG GIÁO DỤC")
    assert "Số: 12/BC-GDĐT" in issuer
    assert "Dương Kinh, ngày 05 tháng 3 năm 2025" in motto
    signature = document.tables[-1].rows[0].cells
    assert "TRƯỞNG PHÒNG" in signature[1].text and "Nguyễn Văn Hùng" in signature[1].text
    assert "- Như trên;" in signature[0].text


def test_without_a_chosen_day_the_date_is_left_to_write(client, duong_kinh):
    report, head = duong_kinh
    type(report).objects.filter(pk=report.pk).update(issued_on=None)
    document = Document(io.BytesIO(_download(client, report, head).content))
    motto = document.tables[0].rows[0].cells[1].text
    assert "Dương Kinh, ngày" in motto and str(dt.date.today().year) not in motto.split(",")[0]
    assert "ngày 05" not in motto


def test_a_bad_issue_date_is_refused_with_a_message(duong_kinh):
    report, head = duong_kinh
    with pytest.raises(services.Refused, match="Ngày ban hành"):
        services.save_report(
            report, {"issued_on": "31/02"}, expected_version=report.version, by=head
        )


def test_the_report_renders_to_pdf_and_pages(client, duong_kinh):
    report, head = duong_kinh
    pages = render_pages(_download(client, report, head).content, "bao-cao-dinh-ky-s3")
    assert pages or not shutil.which("soffice")
    if pages and shutil.which("pdffonts"):
        pdf = pages[0].parent / "bao-cao-dinh-ky-s3.pdf"
        listed = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        fonts = {line.split()[0].split("+")[-1] for line in listed if line.strip()}
        # one family carries every Vietnamese letter: no glyph fell back to another font
        assert fonts and all(f.startswith(("LiberationSerif", "TimesNewRoman")) for f in fonts)
