"""An office loads a table of many units: a dry run matching each row to a unit of its subtree
(by code, else by name), then, once confirmed, each unit's draft saved through the actions."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from chiso.assessments import actions
from chiso.assessments.bulk_import import name_key
from chiso.assessments.models import Assessment
from chiso.audit.models import AuditEntry
from tests.conftest import PASSWORD, fill

HEADER = [
    "STT",
    "Mã trường",
    "Tên trường",
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
ROWS = [
    [
        "1",
        "TH-CVA",
        "Trường TH Chu Văn An",
        "có",
        "có",
        "19",
        "6",
        "11",
        "13",
        "11",
        "có",
        "có",
        "47",
        "11",
    ],
    [
        "2",
        "",
        "Trường Trung học cơ sở Lê Lợi",
        "có",
        "có",
        "10",
        "4",
        "8",
        "9",
        "10",
        "có",
        "có",
        "40",
        "12",
    ],
    [
        "3",
        "TH-BVD",
        "Trường Tiểu học Bế Văn Đàn",
        "có",
        "có",
        "5",
        "3",
        "0",
        "8",
        "6",
        "có",
        "có",
        "20",
        "8",
    ],
    [
        "4",
        "",
        "Trường Tiểu học Không Có",
        "có",
        "có",
        "5",
        "3",
        "0",
        "8",
        "6",
        "có",
        "có",
        "20",
        "8",
    ],
]


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


def tsv(rows=ROWS):
    return "\n".join("\t".join(r) for r in [HEADER, *rows]).encode("utf-8")


def upload(client, world, content, name="phong.tsv"):
    pk = world.units["phong_a"].pk
    return client.post(f"/don-vi/{pk}/nhap-bang-diem/", {"file": SimpleUploadedFile(name, content)})


def confirm(client, world):
    pk = world.units["phong_a"].pk
    return client.post(f"/don-vi/{pk}/nhap-bang-diem/", {"confirm": "1"}, follow=True)


def test_names_are_compared_with_school_types_written_long_or_short():
    assert name_key("Trường Tiểu học Chu Văn An") == name_key("TH Chu Văn An")
    assert name_key("Trường Trung học cơ sở Lê Lợi") == name_key("trường THCS Lê Lợi")
    assert name_key("Trường THCS Lê Lợi") != name_key("Trường THPT Lê Lợi")


def test_the_dry_run_lists_matched_unmatched_rows_and_saves_nothing(client, world):
    client.login(username="office_head", password=PASSWORD)
    page = upload(client, world, tsv()).content.decode()
    assert "Xem trước: nhập bảng điểm của các đơn vị" in page and "Chưa có gì được lưu" in page
    assert "Sẽ lưu: <b>2</b>" in page  # by code, and by name written long
    assert page.count("không tìm thấy: không có đơn vị nào") == 2  # another district's, an unknown
    for key in ("school", "sibling"):
        a = world.assessments[key]
        a.refresh_from_db()
        assert a.version == 1 and a.awards == {}


def test_two_rows_for_one_unit_are_ambiguous(client, world):
    client.login(username="office_head", password=PASSWORD)
    twice = [ROWS[0], [*ROWS[0][:1], "", "Trường Tiểu học Chu Văn An", *ROWS[0][3:]]]
    page = upload(client, world, tsv(twice)).content.decode()
    assert page.count("chưa rõ: các dòng 1, 2 cùng là đơn vị này") == 2
    assert "Không có dòng nào khớp một đơn vị" in page


def test_confirming_saves_each_matched_unit_through_the_actions(client, world):
    client.login(username="office_head", password=PASSWORD)
    upload(client, world, tsv())
    done = confirm(client, world).content.decode()
    school = Assessment.objects.get(pk=world.assessments["school"].pk)
    sibling = Assessment.objects.get(pk=world.assessments["sibling"].pk)
    assert school.awards["1.3"]["points"] == "19" and "phong.tsv" in school.awards["1.3"]["reason"]
    assert sibling.awards["2.3"]["points"] == "40"
    assert school.facts["online_teaching_plan"] is True
    assert school.version == 2 and school.group1_points == 60
    assert (
        AuditEntry.objects.filter(
            verb="assessment.edit", target_id__in=[school.pk, sibling.pk]
        ).count()
        == 2
    )
    assert "vào bản đánh giá của 2 đơn vị" in done
    other = Assessment.objects.get(pk=world.assessments["other"].pk)
    assert other.awards == {}  # another district's school is never touched


def test_a_unit_without_an_assessment_gets_its_draft_opened(client, world):
    world.assessments["sibling"].delete()
    client.login(username="office_head", password=PASSWORD)
    upload(client, world, tsv())
    confirm(client, world)
    created = Assessment.objects.get(unit=world.units["sibling"], campaign=world.campaign)
    assert created.awards["1.3"]["points"] == "10"
    assert AuditEntry.objects.filter(verb="assessment.start", target_id=created.pk).exists()


def test_a_submitted_assessment_is_refused_in_the_dry_run_and_left_as_it_is(client, world):
    a = fill(world.assessments["school"], world.users["member"])
    a = actions.submit(a, by=world.users["head"])
    client.login(username="office_head", password=PASSWORD)
    page = upload(client, world, tsv()).content.decode()
    assert "không lưu: bản đánh giá đang «" in page
    confirm(client, world)
    a.refresh_from_db()
    assert "1.3" not in a.awards


def test_an_xlsx_table_with_merged_group_headers_is_read_row_by_row(client, world):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["STT", "Mã", "Tên đơn vị", "Nhóm 1", None, None, None, None, None, None, "Nhóm 2"]
    )
    sheet.append([None, None, None, *HEADER[3:]])
    for row in ROWS[:2]:
        sheet.append([row[0], row[1], row[2], *[int(v) if v.isdigit() else v for v in row[3:]]])
    sheet.merge_cells("D1:J1")
    sheet.merge_cells("K1:N1")
    content = io.BytesIO()
    workbook.save(content)
    client.login(username="office_head", password=PASSWORD)
    page = upload(client, world, content.getvalue(), "phong.xlsx").content.decode()
    assert "Sẽ lưu: <b>2</b>" in page


def test_an_unreadable_file_gets_a_message_and_nothing_is_saved(client, world):
    client.login(username="office_head", password=PASSWORD)
    pk = world.units["phong_a"].pk
    response = client.post(
        f"/don-vi/{pk}/nhap-bang-diem/",
        {"file": SimpleUploadedFile("bang.xlsx", b"PK\x03\x04 hong")},
        follow=True,
    )
    page = response.content.decode()
    assert "bị hỏng" in page and "Chưa có gì được lưu" in page


@pytest.mark.parametrize("username", ["reviewer", "member", "other_office_head", "so_reviewer"])
def test_only_the_offices_head_may_import_its_units_scores(client, world, username):
    client.login(username=username, password=PASSWORD)
    assert upload(client, world, tsv()).status_code == 404
