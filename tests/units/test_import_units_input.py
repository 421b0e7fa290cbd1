"""Unit lists that cannot be applied are refused row by row in the dry run, never a server error."""

from __future__ import annotations

from chiso.units.models import Unit
from tests.conftest import PASSWORD
from tests.units.test_import_units import upload


def test_a_broken_xlsx_file_is_a_message(client, world):
    assert client.login(username="office_head", password=PASSWORD)
    response = upload(
        client, world.units["phong_a"], b"PK\x03\x04 hong", name="don-vi.xlsx", follow=True
    )
    assert response.status_code == 200
    assert "bị hỏng" in response.content.decode()


def test_a_row_that_would_move_a_unit_into_itself_is_rejected_in_the_dry_run(client, world):
    assert client.login(username="so_head", password=PASSWORD)
    so = world.units["so_a"]
    csv = (
        "Mã đơn vị,Tên đơn vị,Loại hình,Mã đơn vị cấp trên\n"
        "PA1,Phòng GDĐT A1,Phòng,TH-CVA\n"  # a Phòng under one of its own schools
        "SOA,Sở GDĐT A,Phòng,\n"  # the importing office itself
    )
    html = upload(client, so, csv.encode()).content.decode()
    assert html.count("không thể chuyển") == 1
    assert "đơn vị đang nhập danh sách" in html
    before = {u.pk: u.path for u in Unit.objects.all()}
    response = client.post(f"/don-vi/{so.pk}/nhap-don-vi/", {"confirm": "1"}, follow=True)
    assert response.status_code == 200
    assert {u.pk: u.path for u in Unit.objects.all()} == before


def test_moves_that_only_make_a_loop_together_are_refused_whole(client, world):
    assert client.login(username="so_head", password=PASSWORD)
    so = world.units["so_a"]
    csv = (
        "Mã đơn vị,Tên đơn vị,Loại hình,Mã đơn vị cấp trên\n"
        "PA1,Phòng GDĐT A1,Phòng,THPT-TP\n"
        "THPT-TP,Trường THPT Trần Phú,THPT,TH-CVA\n"
    )
    upload(client, so, csv.encode())
    before = {u.pk: u.path for u in Unit.objects.all()}
    response = client.post(f"/don-vi/{so.pk}/nhap-don-vi/", {"confirm": "1"}, follow=True)
    assert response.status_code == 200
    assert "Không thể chuyển" in response.content.decode()
    assert {u.pk: u.path for u in Unit.objects.all()} == before


def test_a_csv_without_columns_or_with_a_giant_field_is_a_message(client, world):
    assert client.login(username="office_head", password=PASSWORD)
    office = world.units["phong_a"]
    for content in (
        b"danh sach truong\nTruong A\n",
        b"ma,ten,loai\n" + b"x" * 200_000 + b",y,TH\n",
    ):
        response = upload(client, office, content, follow=True)
        assert response.status_code == 200
        assert "không đọc được" in response.content.decode()


def test_control_characters_in_a_unit_name_are_not_kept(client, world):
    assert client.login(username="office_head", password=PASSWORD)
    office = world.units["phong_a"]
    csv = "Mã đơn vị,Tên đơn vị,Loại hình\nMN-HS,Trường Mầm non\x00 Hoa\x01 Sen,MN\n"
    upload(client, office, csv.encode())
    response = client.post(f"/don-vi/{office.pk}/nhap-don-vi/", {"confirm": "1"}, follow=True)
    assert response.status_code == 200
    assert Unit.objects.get(code="MN-HS").name == "Trường Mầm non Hoa Sen"
