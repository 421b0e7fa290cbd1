"""The unit list import is bounded in rows, and the previewed file waits in storage, not in the
session (a 10 MB file made every request of that session read and write 13 MB)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from chiso.units.imports import MAX_ROWS, UnitImportRefused, read_units
from chiso.units.models import Unit
from tests.conftest import PASSWORD
from tests.units.test_import_units import upload

HEADER = "Mã đơn vị,Tên đơn vị,Loại hình\n"


def test_a_list_longer_than_any_provinces_is_refused_before_it_is_planned(world):
    rows = "".join(f"TH-{n},Trường Tiểu học {n},TH\n" for n in range(MAX_ROWS + 1))
    try:
        read_units("don-vi.csv", (HEADER + rows).encode(), world.units["phong_a"])
    except UnitImportRefused as exc:
        assert "quá nhiều dòng" in str(exc) and "20.000" in str(exc)
    else:
        raise AssertionError("a list of 20,001 units was accepted")


def test_the_session_keeps_a_reference_to_the_previewed_file_not_the_file(client, world):
    client.login(username="office_head", password=PASSWORD)
    office = world.units["phong_a"]
    content = (HEADER + "TH-MOI,Trường Tiểu học Mới,TH\n").encode()
    upload(client, office, content)
    pending = client.session[f"unit-import-{office.pk}"]
    assert set(pending) == {"name", "stored", "sha256"}
    with default_storage.open(pending["stored"]) as stored:
        assert stored.read() == content
    client.post(f"/don-vi/{office.pk}/nhap-don-vi/", {"confirm": "1"})
    assert Unit.objects.filter(code="TH-MOI").exists()
    assert not default_storage.exists(pending["stored"])  # taken once, then thrown away


def test_a_previewed_file_changed_in_storage_is_not_applied(client, world):
    client.login(username="office_head", password=PASSWORD)
    office = world.units["phong_a"]
    upload(client, office, (HEADER + "TH-MOI,Trường Tiểu học Mới,TH\n").encode())
    stored = client.session[f"unit-import-{office.pk}"]["stored"]
    default_storage.delete(stored)
    default_storage.save(stored, ContentFile(b"Ma,Ten\nTH-KHAC,Khac,TH\n"))
    page = client.post(f"/don-vi/{office.pk}/nhap-don-vi/", {"confirm": "1"}, follow=True)
    assert "Phiên xem trước đã hết hạn" in page.content.decode()
    assert not Unit.objects.filter(code__in=["TH-MOI", "TH-KHAC"]).exists()
