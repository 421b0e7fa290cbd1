"""Periodic reports: figures from the data (S3's own), outlines offices write, periods kept."""

from __future__ import annotations

import io

import pytest
from docx import Document

from chiso.assessments.models import Assessment, Campaign
from chiso.audit.models import AuditEntry
from chiso.periodic import figures
from chiso.periodic.models import PeriodicReport, ReportOutline
from chiso.periodic.services import available_outlines
from chiso.units.models import Unit
from chiso.units.services import create_unit
from tests.conftest import PASSWORD

S3_OUTLINE = """# I. KẾT QUẢ THỰC HIỆN
## 2. Kết quả thực hiện
- 100% các cơ sở giáo dục công lập ({so_co_so} trường) hoàn thành việc tự đánh giá mức độ chuyển đổi số năm học {nam_hoc} được Phòng Giáo dục Đào tạo công nhận; có {so_muc_3} trường đạt mức độ 3 ({ds_muc_3}), còn {so_muc_2}/{so_co_so} trường còn lại đạt mức độ 2.
- Các trường mầm non đã đưa được {hoc_lieu_so_mn} sản phẩm, cấp tiểu học đăng được {hoc_lieu_so_th} sản phẩm, cấp THCS đăng được {hoc_lieu_so_thcs} sản phẩm.
[bảng: thong_ke_muc_do]
## 3. Đánh giá chung
[viết: a) Ưu điểm]
[viết: b) Hạn chế]
"""


@pytest.fixture
def duong_kinh(db):
    """S3's district: 17 public schools, 2 kindergartens at level 3, 15 schools at level 2."""
    so = create_unit(
        name="Sở GDĐT Hải Phòng", kind=Unit.Kind.DEPARTMENT, code="SO-HP", place="Hải Phòng"
    )
    phong = create_unit(
        name="Phòng GDĐT quận Dương Kinh",
        kind=Unit.Kind.DISTRICT,
        parent=so,
        code="PGD-DK",
        place="Dương Kinh",
    )
    campaign = Campaign.objects.create(name="Đánh giá CĐS", school_year="2024-2025", owner=so)
    # (type, count, digital materials each): MN 970 in all, TH 3600, THCS 6995
    plan = [
        ("MN", 8, [200, 150, 120, 100, 100, 100, 100, 100]),
        ("TH", 5, [720] * 5),
        ("THCS", 4, [1750, 1750, 1750, 1745]),
    ]
    n = 0
    for kind, count, materials in plan:
        for i in range(count):
            n += 1
            name = {"MN": "MN", "TH": "TH", "THCS": "THCS"}[kind] + (
                " Đa Phúc" if n == 1 else " Tân Thành" if n == 2 else f" số {n}"
            )
            unit = create_unit(
                name=f"Trường {name}",
                short_name=name,
                kind=Unit.Kind.INSTITUTION,
                parent=phong,
                institution_type=kind,
                code=f"DK-{n:02d}",
            )
            level = 3 if n <= 2 else 2
            Assessment.objects.create(
                campaign=campaign,
                unit=unit,
                status=Assessment.Status.RECOGNISED,
                group1_level=level,
                group2_level=level,
                overall_level=level,
                facts={"approved_digital_materials": materials[i], "e_transcript": n % 2 == 0},
            )
    return phong, campaign


def test_s3s_figures_come_out_of_the_data(duong_kinh):
    phong, campaign = duong_kinh
    values = figures.values(figures.scope_for(phong, campaign, "tháng 02/2025"))
    assert values["so_co_so"] == "17"
    assert (values["so_muc_3"], values["so_muc_2"]) == ("2", "15")
    assert values["ds_muc_3"] == "MN Đa Phúc, MN Tân Thành"
    assert (values["hoc_lieu_so_mn"], values["hoc_lieu_so_th"], values["hoc_lieu_so_thcs"]) == (
        "970",
        "3.600",  # S3 writes 3600; chiso groups thousands the Vietnamese way
        "6.995",
    )
    assert values["ty_le_cong_nhan"] == "17/17 cơ sở (100%)"
    # independent count: 8 of the 17 have an even number → e-transcripts (share and its parts)
    assert values["ty_le_hoc_ba_so"] == "8/17 cơ sở (47,1%)"
    # every level named, adding up to those counted, with the denominator
    assert values["cau_muc_do"] == (
        "17/17 cơ sở được tính: 0 đạt mức độ 1, 15 đạt mức độ 2, 2 đạt mức độ 3"
    )


def test_an_office_writes_its_outline_and_reports_each_period(
    client, duong_kinh, django_user_model
):
    from chiso.units.models import Membership

    phong, _ = duong_kinh
    user = django_user_model.objects.create_user("dk", password=PASSWORD)
    Membership.objects.create(user=user, unit=phong, role=Membership.Role.OFFICE_HEAD)
    client.login(username="dk", password=PASSWORD)
    bad = client.post(
        f"/bao-cao/don-vi/{phong.pk}/de-cuong/moi/",
        {
            "title": "Báo cáo tháng",
            "subject": "Kết quả CĐS {ky_bao_cao}",
            "text": "# I\n{so_truong}",
        },
    )
    assert "Dòng 2: không có số liệu «{so_truong}»." in bad.content.decode()
    assert ReportOutline.objects.filter(owner__isnull=False).count() == 0
    client.post(
        f"/bao-cao/don-vi/{phong.pk}/de-cuong/moi/",
        {
            "title": "Báo cáo tháng về chuyển đổi số",
            "subject": "Kết quả triển khai thực hiện công tác chuyển đổi số {ky_bao_cao}",
            "recipient": "Ủy ban nhân dân quận Dương Kinh",
            "text": S3_OUTLINE,
        },
    )
    outline = ReportOutline.objects.get(owner__isnull=False)
    response = client.post(
        f"/bao-cao/don-vi/{phong.pk}/", {"outline": outline.pk, "period": "tháng 02/2025"}
    )
    report = PeriodicReport.objects.get()
    assert response["Location"] == f"/bao-cao/{report.pk}/"
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert "có 2 trường đạt mức độ 3 (MN Đa Phúc, MN Tân Thành), còn 15/17 trường" in page
    client.post(
        f"/bao-cao/{report.pk}/",
        {
            "version": 1,
            "slot_0": "Lãnh đạo quan tâm chỉ đạo.",
            "slot_1": "",
            "number": "12/BC-GDĐT",
        },
    )
    report.refresh_from_db()
    assert report.writings == {"0": "Lãnh đạo quan tâm chỉ đạo."} and report.number == "12/BC-GDĐT"
    assert AuditEntry.objects.filter(verb="periodic.edit").count() == 1
    stale = client.post(f"/bao-cao/{report.pk}/", {"version": 1, "slot_0": "ghi đè"}, follow=True)
    assert "vừa được người khác lưu" in stale.content.decode()

    document = Document(io.BytesIO(client.get(f"/bao-cao/{report.pk}/tai-ve.docx").content))
    body = [p.text for p in document.paragraphs]
    assert "Kết quả triển khai thực hiện công tác chuyển đổi số tháng 02/2025" in body
    assert "Kính gửi: Ủy ban nhân dân quận Dương Kinh." in body
    assert any("cấp THCS đăng được 6.995 sản phẩm" in p for p in body)
    assert "Lãnh đạo quan tâm chỉ đạo." in body
    assert "Số: 12/BC-GDĐT" in document.tables[0].rows[0].cells[0].text
    assert "TRƯỞNG PHÒNG" in document.tables[-1].rows[0].cells[1].text
    levels = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert levels[-1][:8] == ["Mức chung*", "17/17", "0", "0%", "15", "88,2%", "2", "11,8%"]

    # Next month: a new report; last month's writing carried over to edit; March kept apart.
    client.post(f"/bao-cao/don-vi/{phong.pk}/", {"outline": outline.pk, "period": "tháng 03/2025"})
    march = PeriodicReport.objects.get(period="tháng 03/2025")
    assert march.writings == {"0": "Lãnh đạo quan tâm chỉ đạo."}
    listing = client.get(f"/bao-cao/don-vi/{phong.pk}/").content.decode()
    assert "tháng 02/2025" in listing and "tháng 03/2025" in listing


def test_schools_follow_the_outline_their_office_sets_for_them(client, world):
    outline = ReportOutline.objects.create(
        owner=world.units["so_a"],
        title="Báo cáo tổng kết năm học",
        subject="Tổng kết CĐS năm học {nam_hoc}",
        for_subunits=True,
        text="# I. Kết quả\nĐiểm nhóm 1: {diem_nhom_1}.\n[viết: Đề xuất]",
    )
    ReportOutline.objects.create(
        owner=world.units["so_b"],
        title="Đề cương của Sở B",
        subject="x",
        for_subunits=True,
        text="x",
    )
    client.login(username="head", password=PASSWORD)
    page = client.get(f"/bao-cao/don-vi/{world.units['school'].pk}/").content.decode()
    assert "Báo cáo tổng kết năm học" in page and "Đề cương của Sở B" not in page
    client.post(
        f"/bao-cao/don-vi/{world.units['school'].pk}/",
        {"outline": outline.pk, "period": "năm học 2024-2025"},
    )
    report = PeriodicReport.objects.get()
    assert report.unit == world.units["school"]
    other = ReportOutline.objects.get(title="Đề cương của Sở B")
    refused = client.post(
        f"/bao-cao/don-vi/{world.units['school'].pk}/",
        {"outline": other.pk, "period": "x"},
        follow=True,
    )
    assert "không dùng được" in refused.content.decode()
    document = Document(io.BytesIO(client.get(f"/bao-cao/{report.pk}/tai-ve.docx").content))
    assert "HIỆU TRƯỞNG" in document.tables[-1].rows[0].cells[1].text
    # its office reads it; a school member cannot manage outlines
    client.login(username="reviewer", password=PASSWORD)
    assert client.get(f"/bao-cao/{report.pk}/").status_code == 200
    assert client.post(f"/bao-cao/{report.pk}/", {"version": 1, "slot_0": "x"}).status_code == 404
    client.login(username="member", password=PASSWORD)
    assert (
        client.get(f"/bao-cao/don-vi/{world.units['school'].pk}/de-cuong/moi/").status_code == 404
    )


def test_an_office_writes_a_report_on_a_past_campaigns_figures(client, world):
    older = Campaign.objects.create(
        name="Đánh giá CĐS", school_year="2023-2024", owner=world.units["bo"], is_open=False
    )
    phong = world.units["phong_a"]
    client.login(username="office_head", password=PASSWORD)
    outline = available_outlines(phong)[0]
    listing = client.get(f"/bao-cao/don-vi/{phong.pk}/").content.decode()
    assert f'<option value="{older.pk}">' in listing  # a past campaign may be chosen
    client.post(
        f"/bao-cao/don-vi/{phong.pk}/",
        {"outline": outline.pk, "period": "năm học 2023-2024", "dot": older.pk},
    )
    report = PeriodicReport.objects.get(period="năm học 2023-2024")
    assert report.campaign == older
    assert (
        "Số liệu của đợt: Đánh giá CĐS (2023-2024)"
        in client.get(f"/bao-cao/{report.pk}/").content.decode()
    )
    wrong = client.post(
        f"/bao-cao/don-vi/{phong.pk}/",
        {"outline": outline.pk, "period": "tháng 5", "dot": "999999"},
        follow=True,
    )
    assert "Không có đợt đánh giá đã chọn cho đơn vị." in wrong.content.decode()
    assert not PeriodicReport.objects.filter(period="tháng 5").exists()
