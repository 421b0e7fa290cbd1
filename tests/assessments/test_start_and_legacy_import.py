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


def _confirm(client, assessment, **choices):
    data = {"confirm": "1", "version": assessment.version, **choices}
    return client.post(f"/danh-gia/{assessment.pk}/nhap-bao-cao-cu/", data, follow=True)


S1 = (FIXTURES / "s1_chu_van_an.txt").read_bytes()


def test_a_legacy_report_is_previewed_with_its_findings_then_loaded_on_confirmation(client, world):
    a = world.assessments["school"]
    client.login(username="member", password=PASSWORD)
    page = _upload(client, a, "bao-cao-2024.txt", S1).content.decode()
    assert "Xem trước: nạp báo cáo cũ" in page
    assert "«Không đạt» không phải là một mức" in page  # S1 uses it as a level: shown before saving
    assert "Chưa có gì được lưu" in page
    a.refresh_from_db()
    assert a.version == 1 and a.awards == {}
    done = _confirm(client, a, take_answers="1", take_points="1").content.decode()
    a.refresh_from_db()
    assert a.version == 2
    whole = {k: v for k, v in a.awards.items() if k.count(".") == 1}
    assert whole["2.3"]["points"] in ("50", 50)
    assert all("bao-cao-2024.txt" in v["reason"] for v in whole.values())
    assert a.facts["online_teaching_plan"] is True
    assert "Đã lưu vào bản nháp từ «bao-cao-2024.txt»" in done and "2.3" in done
    detail = client.get(a.get_absolute_url()).content.decode()
    assert "Điểm cho cả tiêu chí" in detail and "Bỏ điểm cả tiêu chí" in detail


def test_the_preview_shows_current_and_new_values_and_flags_conflicts(client, world):
    a = world.assessments["school"]
    a.awards = {"1.6": {"points": "12", "reason": "hội đồng"}}
    a.save(update_fields=["awards"])
    client.login(username="member", password=PASSWORD)
    page = _upload(client, a, "cu.txt", S1).content.decode()
    row = page[page.index("1.6. Phát triển") :][:400]
    assert ">12<" in row and "<b>16</b>" in row and "khác bản nháp" in row
    assert "1 giá trị khác bản nháp sẽ bị ghi đè" in page


def test_the_user_can_take_the_answers_only(client, world):
    a = world.assessments["school"]
    client.login(username="member", password=PASSWORD)
    _upload(client, a, "cu.txt", S1)
    done = _confirm(client, a, take_answers="1").content.decode()
    a.refresh_from_db()
    assert a.facts["it_plan"] is True and a.awards == {}
    assert "điểm của: không có" in done


def test_the_user_can_take_the_points_only(client, world):
    a = world.assessments["school"]
    client.login(username="member", password=PASSWORD)
    _upload(client, a, "cu.txt", S1)
    _confirm(client, a, take_points="1")
    a.refresh_from_db()
    assert a.facts == {} and a.awards["1.3"]["points"] in ("6", 6)


def test_taking_nothing_saves_nothing_and_says_so(client, world):
    a = world.assessments["school"]
    client.login(username="member", password=PASSWORD)
    _upload(client, a, "cu.txt", S1)
    done = _confirm(client, a).content.decode()
    a.refresh_from_db()
    assert a.version == 1 and a.facts == {} and a.awards == {}
    assert "Chưa lưu gì từ «cu.txt»" in done


def test_a_stale_preview_saves_nothing_and_says_why(client, world):
    from tests.conftest import fill

    a = world.assessments["school"]
    client.login(username="member", password=PASSWORD)
    _upload(client, a, "cu.txt", S1)
    version = a.version
    fill(a, world.users["member"])  # someone saves meanwhile
    done = client.post(
        f"/danh-gia/{a.pk}/nhap-bao-cao-cu/",
        {"confirm": "1", "version": version, "take_points": "1"},
        follow=True,
    ).content.decode()
    a.refresh_from_db()
    assert a.awards == {}
    assert "Không lưu được" in done and "Chưa có gì thay đổi" in done


def test_a_districts_table_is_not_loaded_into_one_schools_draft(client, world):
    a = world.assessments["school"]
    client.login(username="member", password=PASSWORD)
    rows = ["Mã\tTên trường\t1.3\t1.4\t1.5\t1.6\t1.7\t2.3\t2.4"]
    rows += [f"T{n}\tTrường {n}\t10\t5\t8\t9\t10\t40\t12" for n in range(3)]
    page = _upload(client, a, "phong.tsv", "\n".join(rows).encode()).content.decode()
    assert "bảng của 3 đơn vị" in page and "chưa có gì được lưu" in page
    assert "Xác nhận lưu" not in page


def test_a_report_older_than_the_index_is_read_but_not_loaded(client, world):
    a = world.assessments["school"]
    client.login(username="member", password=PASSWORD)
    text = S1.decode()
    for written in ("2022 - 2023", "2022 – 2023", "2022-2023"):
        text = text.replace(written, "2018-2019")
    page = _upload(client, a, "2018.txt", text.encode()).content.decode()
    assert "năm học 2018-2019" in page and "không chấm theo bộ chỉ số này" in page
    assert "Xác nhận lưu" not in page


def test_an_outsider_cannot_load_a_report_into_another_schools_draft(client, world):
    client.login(username="other_head", password=PASSWORD)
    a = world.assessments["school"]
    response = client.post(
        f"/danh-gia/{a.pk}/nhap-bao-cao-cu/", {"file": SimpleUploadedFile("cu.txt", S1)}
    )
    assert response.status_code == 404


def test_the_points_of_a_whole_criterion_can_be_dropped_to_score_item_by_item(client, world):
    a = world.assessments["school"]
    client.login(username="member", password=PASSWORD)
    _upload(client, a, "cu.txt", S1)
    _confirm(client, a, take_points="1")
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
        "nhi-phan.txt": (bytes(range(256)) * 8, "không đọc được như văn bản"),
        "bang.xlsx": (b"PK\x03\x04", "bị hỏng"),
        "anh.png": (b"\x89PNG\r\n\x1a\n", "chưa đọc được loại tệp này"),
    }
    for name, (content, expected) in cases.items():
        page = _upload(client, a, name, content).content.decode()
        assert expected in page, name
        assert name in page and "Chưa có gì được lưu" in page, name
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
