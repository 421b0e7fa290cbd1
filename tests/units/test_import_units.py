"""The list of units imported from CSV/XLSX: dry run, create or update, never duplicate."""

import io

from openpyxl import Workbook

from chiso.audit.models import AuditEntry
from chiso.units.models import Unit
from tests.conftest import PASSWORD

CSV = (
    "Mã đơn vị,Tên đơn vị,Loại hình,Mã đơn vị cấp trên\n"
    "MN-HS,Trường Mầm non Hoa Sen,MN,\n"
    "TH-CVA,Trường Tiểu học Chu Văn An (đổi tên),TH,\n"
    "THCS-X,Trường THCS Xuân Hòa,THCS,PB1\n"
    "TH-Y,Trường Tiểu học Yên Hòa,Trường dạy nghề,\n"
    "MN-HS,Trường Mầm non Hoa Sen (trùng),MN,\n"
)


def upload(client, office, content, name="don-vi.csv", follow=False):
    file = io.BytesIO(content)
    file.name = name
    return client.post(f"/don-vi/{office.pk}/nhap-don-vi/", {"file": file}, follow=follow)


def test_the_dry_run_says_row_by_row_and_saves_nothing(client, world):
    client.login(username="office_head", password=PASSWORD)
    before = Unit.objects.count()
    html = upload(client, world.units["phong_a"], CSV.encode()).content.decode()
    assert "Chưa có gì được lưu" in html
    assert "tạo mới" in html and "cập nhật" in html
    assert (
        "không có đơn vị cấp trên mã «PB1» trong phạm vi quản lý" in html
    )  # another province's Phòng
    assert (
        "Tệp «don-vi.csv», trang «CSV», dòng 5, cột loại hình: «Trường dạy nghề» không phải" in html
    )
    assert "mã MN-HS lặp lại trong tệp" in html
    # A change is named by its column, as the file's header and the row messages name it.
    assert "cập nhật: tên đơn vị «" in html and "→ «Trường Tiểu học Chu Văn An (đổi tên)»" in html
    assert Unit.objects.count() == before


def test_the_dry_run_explains_its_rows_in_english_when_the_user_chose_english(client, world):
    client.login(username="office_head", password=PASSWORD)
    client.cookies["django_language"] = "en"
    html = upload(client, world.units["phong_a"], CSV.encode()).content.decode()
    assert (
        "File «don-vi.csv», sheet «CSV», row 5, column “type”: «Trường dạy nghề» is not a valid type"
        in html
    )
    assert "File «don-vi.csv», sheet «CSV», row 6: code MN-HS is repeated in the file" in html
    assert "no parent unit with code «PB1» within the units you manage" in html
    assert "update: name «" in html  # the renamed school's change, by its column in English
    assert "dòng" not in html and "lặp lại" not in html


def test_confirming_creates_and_updates_and_a_second_import_changes_nothing(client, world):
    client.login(username="office_head", password=PASSWORD)
    office = world.units["phong_a"]
    upload(client, office, CSV.encode())
    client.post(f"/don-vi/{office.pk}/nhap-don-vi/", {"confirm": "1"})
    created = Unit.objects.get(code="MN-HS")
    assert (
        created.parent == office
        and created.path.startswith(office.path)
        and created.institution_type == "MN"
    )
    assert Unit.objects.get(code="TH-CVA").name == "Trường Tiểu học Chu Văn An (đổi tên)"
    assert AuditEntry.objects.filter(verb="unit.import_update").count() == 1
    count = Unit.objects.count()
    html = upload(client, office, CSV.encode()).content.decode()
    assert "Tạo mới: <b>0</b>" in html and "Cập nhật: <b>0</b>" in html
    client.post(f"/don-vi/{office.pk}/nhap-don-vi/", {"confirm": "1"})
    assert Unit.objects.count() == count


def test_an_xlsx_list_is_read_too(client, world):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["mã trường", "tên trường", "loại hình"])
    sheet.append(["THCS-NT", "Trường THCS Nguyễn Trãi", "THCS"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.login(username="office_head", password=PASSWORD)
    html = upload(client, world.units["phong_a"], buffer.getvalue(), "ds.xlsx").content.decode()
    assert "THCS-NT" in html and "tạo mới" in html


def test_a_file_without_the_columns_is_refused_with_where(client, world):
    client.login(username="office_head", password=PASSWORD)
    response = upload(client, world.units["phong_a"], "Tên,Địa chỉ\nA,B\n".encode(), follow=True)
    assert "dòng 1: thiếu cột mã đơn vị, loại hình" in response.content.decode()


def test_only_the_office_head_imports(client, world):
    client.login(username="reviewer", password=PASSWORD)
    assert upload(client, world.units["phong_a"], CSV.encode()).status_code == 404


def test_formulas_in_a_units_list_are_refused_row_by_row(client, world):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mã đơn vị", "Tên đơn vị", "Loại hình"])
    sheet.append(["TH-NEW", '=HYPERLINK("http://x.example","Bấm")', "TH"])
    sheet.append(["TH-OK", "Trường Tiểu học Hòa Bình", "TH"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.login(username="office_head", password=PASSWORD)
    html = upload(client, world.units["phong_a"], buffer.getvalue(), "ds.xlsx").content.decode()
    assert "dòng 2, cột tên đơn vị" in html and "là công thức, hãy nhập chữ" in html
    assert "Trường Tiểu học Hòa Bình" in html
