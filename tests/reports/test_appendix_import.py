"""The appendix XLSX round trip: exported, edited offline, read back with a dry run first."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from chiso.assessments import scoring
from chiso.reports import data
from chiso.reports.xlsx_export import render_appendix_xlsx
from chiso.reports.xlsx_import import ImportRefused, read_appendix
from tests.conftest import PASSWORD, fill


def exported(assessment):
    return render_appendix_xlsx(data.assessment_document(assessment))


def edited(content, changes):
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=6):
        if row[0].value in changes:
            row[4].value = changes[row[0].value]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def preview_of(assessment, content, name="phu-luc.xlsx"):
    return read_appendix(
        name, content, scoring.scorecard(assessment), scoring.framework_for(assessment)
    )


def test_the_round_trip_of_an_unedited_file_changes_nothing(world):
    a = fill(world.assessments["school"], world.users["member"])
    preview = preview_of(a, exported(a))
    assert preview.changes == {} and preview.rejected == []
    assert len(preview.rows) == 26


def test_an_edited_cell_is_one_update_and_bad_cells_say_where(world):
    a = fill(world.assessments["school"], world.users["member"])
    content = edited(exported(a), {"1.4.a": 6, "1.5.a": "mười", "2.4.a": 9, "1.3.a": "=SUM(E1:E5)"})
    preview = preview_of(a, content)
    assert preview.changes == {"1.4.a": "6"}
    reasons = {r.item_id: r.reason for r in preview.rejected}
    assert (
        "«mười» không phải số điểm" in reasons["1.5.a"]
        and "cột E" in reasons["1.5.a"]
        and "dòng" in reasons["1.5.a"]
    )
    assert "vượt điểm tối đa 8" in reasons["2.4.a"]
    assert "công thức" in reasons["1.3.a"]


def test_hostile_and_broken_files_are_refused_with_a_message(world):
    a = fill(world.assessments["school"], world.users["member"])
    with pytest.raises(ImportRefused, match="không phải tệp Excel"):
        preview_of(a, b"%PDF-1.4 not a spreadsheet", "phu-luc.xlsx")
    with pytest.raises(ImportRefused, match="bị hỏng"):
        preview_of(a, b"PK\x03\x04garbage", "phu-luc.xlsx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<x/>")
        archive.writestr("xl/vbaProject.bin", b"macro")
    with pytest.raises(ImportRefused, match="macro"):
        preview_of(a, buffer.getvalue(), "phu-luc.xlsm")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/huge.xml", b"0" * (60 * 1024 * 1024))
    with pytest.raises(ImportRefused, match="giải nén quá lớn"):
        preview_of(a, bomb.getvalue())


def test_nothing_changes_until_confirmed(client, world, settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False
    a = fill(world.assessments["school"], world.users["member"])
    client.login(username="member", password=PASSWORD)
    content = edited(exported(a), {"1.4.a": 6})
    upload = io.BytesIO(content)
    upload.name = "phu-luc.xlsx"
    response = client.post(f"/danh-gia/{a.pk}/nhap-phu-luc/", {"file": upload})
    html = response.content.decode()
    assert "Chưa có gì được lưu" in html and 'name="award_1.4.a" value="6"' in html
    a.refresh_from_db()
    assert "1.4.a" not in a.awards
    client.post(
        f"/danh-gia/{a.pk}/nhap-phu-luc/",
        {"confirm": "1", "version": a.version, "award_1.4.a": "6"},
    )
    a.refresh_from_db()
    assert a.awards["1.4.a"]["points"] == "6"
    assert scoring.scorecard(a).item("1.4.a").awarded == 6


def test_an_upload_that_is_not_xlsx_gets_a_message_not_an_error(client, world):
    a = world.assessments["school"]
    client.login(username="member", password=PASSWORD)
    upload = io.BytesIO(b"hello")
    upload.name = "phu-luc.xlsx"
    response = client.post(f"/danh-gia/{a.pk}/nhap-phu-luc/", {"file": upload}, follow=True)
    assert "không phải tệp Excel" in response.content.decode()


def test_password_protected_and_merged_cells_are_handled_with_a_message(world):
    a = fill(world.assessments["school"], world.users["member"])
    # Excel saves a password-protected workbook as an OLE compound file, not a zip.
    with pytest.raises(ImportRefused, match="có mật khẩu hoặc là tệp Excel cũ"):
        preview_of(a, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    workbook = load_workbook(io.BytesIO(edited(exported(a), {"1.4.a": 6})))
    sheet = workbook.active
    row = next(r[0].row for r in sheet.iter_rows(min_row=6) if r[0].value == "1.5.a")
    sheet.merge_cells(start_row=row, start_column=4, end_row=row, end_column=5)  # D:E merged
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = preview_of(a, buffer.getvalue())
    assert preview.changes == {"1.4.a": "6"}  # the merged points cell is read as empty: kept
    kept = next(r for r in preview.rows if r.item_id == "1.5.a")
    assert kept.status == "unchanged" and "giữ nguyên" in kept.reason


def test_the_dry_run_lists_every_changed_cell_it_does_not_take(world):
    a = fill(world.assessments["school"], world.users["member"])
    assert preview_of(a, exported(a)).ignored == []  # an unedited file: nothing to list
    workbook = load_workbook(io.BytesIO(exported(a)))
    sheet = workbook.active
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=6)}
    rows["1.1"][4].value = "không"  # a mandatory condition
    rows["1.4"][4].value = 19  # a whole criterion's points
    rows["1"][4].value = 100  # a group's total
    sheet.cell(row=sheet.max_row + 1, column=1, value="9.9")
    sheet.cell(row=sheet.max_row, column=5, value=3)  # an id the index does not have
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = preview_of(a, buffer.getvalue())
    reasons = {c.value: c.reason for c in preview.ignored}
    assert len(preview.ignored) == 4
    assert reasons["không"].startswith("điều kiện bắt buộc 1.1 không nhập từ phụ lục")
    assert reasons[19].startswith(
        "điểm cả tiêu chí 1.4 không nhập từ phụ lục: hãy sửa điểm từng mục"
    )
    assert reasons[100].startswith("điểm nhóm 1 là tổng các tiêu chí")
    assert reasons[3] == "mã «9.9» không có trong bộ chỉ số nên bỏ qua dòng này"
    assert all("cột E" in c.where and "dòng" in c.where for c in preview.ignored)
    assert preview.changes == {}


def test_confirming_keeps_the_drafts_note_or_takes_the_files(client, world):
    a = fill(world.assessments["school"], world.users["member"])
    a.awards = {**a.awards, "1.4.a": {"points": "4", "reason": "Theo biên bản kiểm tra"}}
    a.save()
    assert client.login(username="member", password=PASSWORD)
    client.post(
        f"/danh-gia/{a.pk}/nhap-phu-luc/",
        {
            "confirm": "1",
            "version": a.version,
            "award_1.4.a": "5",
            "note_1.4.a": "ghi chú trong tệp",
            "award_2.4.a": "3",
            "note_2.4.a": "Đã có 3 phần mềm",
            "award_1.5.a": "1",
        },
    )
    a.refresh_from_db()
    assert a.awards["1.4.a"] == {"points": "5", "reason": "Theo biên bản kiểm tra"}
    assert a.awards["2.4.a"] == {"points": "3", "reason": "Đã có 3 phần mềm"}
    assert a.awards["1.5.a"]["reason"] == "Nhập từ tệp phụ lục"
