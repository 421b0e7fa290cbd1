"""Opening a draft from the home page, and loading a legacy report into it after a preview."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from chiso.assessments.models import Assessment
from chiso.audit.models import AuditEntry
from tests.conftest import PASSWORD

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_a_school_without_an_assessment_starts_one_from_the_home_page(client, world):
    world.assessments["school"].delete()
    client.login(username="member", password=PASSWORD)
    home = client.get("/").content.decode()
    assert "Bắt đầu tự đánh giá" in home
    response = client.post(f"/danh-gia/bat-dau/{world.units['school'].pk}/")
    created = Assessment.objects.get(unit=world.units["school"], campaign=world.campaign)
    assert response["Location"] == created.get_absolute_url()
    assert created.status == "draft" and created.group1_points is not None
    assert AuditEntry.objects.filter(verb="assessment.start").count() == 1
    client.post(f"/danh-gia/bat-dau/{world.units['school'].pk}/")  # twice: still one
    assert Assessment.objects.filter(unit=world.units["school"]).count() == 1


def test_office_staff_cannot_start_a_schools_assessment(client, world):
    world.assessments["school"].delete()
    client.login(username="office_head", password=PASSWORD)
    response = client.post(f"/danh-gia/bat-dau/{world.units['school'].pk}/", follow=True)
    assert "không có quyền" in response.content.decode()
    assert not Assessment.objects.filter(unit=world.units["school"]).exists()


def _upload(client, assessment, name, content):
    return client.post(
        f"/danh-gia/{assessment.pk}/nhap-bao-cao-cu/",
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_a_legacy_report_is_previewed_with_its_findings_then_loaded_on_confirmation(client, world):
    a = world.assessments["school"]
    client.login(username="member", password=PASSWORD)
    text = (FIXTURES / "s1_chu_van_an.txt").read_bytes()
    page = _upload(client, a, "bao-cao-2024.txt", text).content.decode()
    assert "Xem trước: nạp báo cáo cũ" in page
    assert "«Không đạt» không phải là một mức" in page  # S1 uses it as a level: shown before saving
    a.refresh_from_db()
    assert a.version == 1 and a.awards == {}
    client.post(f"/danh-gia/{a.pk}/nhap-bao-cao-cu/", {"confirm": "1", "version": a.version})
    a.refresh_from_db()
    assert a.version == 2
    whole = {k: v for k, v in a.awards.items() if k.count(".") == 1}
    assert whole and all("bao-cao-2024.txt" in v["reason"] for v in whole.values())
    detail = client.get(a.get_absolute_url()).content.decode()
    assert "Điểm cho cả tiêu chí" in detail and "Bỏ điểm cả tiêu chí" in detail


def test_the_points_of_a_whole_criterion_can_be_dropped_to_score_item_by_item(client, world):
    a = world.assessments["school"]
    client.login(username="member", password=PASSWORD)
    _upload(client, a, "cu.txt", (FIXTURES / "s1_chu_van_an.txt").read_bytes())
    client.post(f"/danh-gia/{a.pk}/nhap-bao-cao-cu/", {"confirm": "1", "version": a.version})
    a.refresh_from_db()
    criterion = next(k for k in a.awards if k.count(".") == 1)
    client.post(
        f"/danh-gia/{a.pk}/tieu-chi/{criterion}/",
        {"version": a.version, "clear_whole": "1"},
    )
    a.refresh_from_db()
    assert criterion not in a.awards


def test_hostile_report_files_get_a_message_and_change_nothing(client, world):
    a = world.assessments["school"]
    client.login(username="member", password=PASSWORD)
    macro = io.BytesIO()
    with zipfile.ZipFile(macro, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/vbaProject.bin", b"\x00")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"0" * (70 * 1024 * 1024))
    cases = {
        "doc-doi-ten.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "mật khẩu"),
        "macro.docx": (macro.getvalue(), "macro"),
        "bom.docx": (bomb.getvalue(), "giải nén quá lớn"),
        "hong.docx": (b"PK\x03\x04garbage", "bị hỏng"),
        "anh.docx": (b"\x89PNG\r\n\x1a\n", "không phải tệp Word"),
        "latin1.txt": ("Trường".encode("cp1258", errors="ignore") + b"\xff\xfe", "UTF-8"),
        "bang.xlsx": (b"PK\x03\x04", "chỉ nhận báo cáo Word"),
    }
    for name, (content, expected) in cases.items():
        page = _upload(client, a, name, content).content.decode()
        assert expected in page, name
        assert name in page, name
    a.refresh_from_db()
    assert a.version == 1 and a.awards == {} and a.facts == {}


def test_a_school_can_start_from_last_years_facts(client, world):
    from chiso.assessments.models import Campaign
    from tests.conftest import COMPLETE_FACTS, fill

    fill(world.assessments["school"], world.users["member"])
    new_year = Campaign.objects.create(
        name="Đánh giá CĐS", school_year="2025-2026", owner=world.units["bo"]
    )
    client.login(username="member", password=PASSWORD)
    home = client.get("/").content.decode()
    assert "Bắt đầu từ dữ kiện năm học 2024-2025" in home
    response = client.post(
        f"/danh-gia/bat-dau/{world.units['school'].pk}/", {"copy_previous": "1"}, follow=True
    )
    started = Assessment.objects.get(unit=world.units["school"], campaign=new_year)
    assert started.facts == {k: v for k, v in COMPLETE_FACTS.items()}
    assert started.awards == {}
    assert "Đã chép 33 dữ kiện của năm học trước" in response.content.decode()
    assert AuditEntry.objects.filter(verb="assessment.start", note__contains="2024-2025").exists()
