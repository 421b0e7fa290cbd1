"""What was issued stays as issued: a unit issues a document (number, date, signer), its figures
and file are stored and listed in its register (sổ văn bản đi); downloading it again gives the
same bytes; a correction is a new issue naming the one it replaces; what is not issued is a
draft."""

from __future__ import annotations

import hashlib
import io

import pytest
from docx import Document

from chiso.assessments import actions
from chiso.audit.models import AuditEntry
from chiso.periodic import services as periodic
from chiso.reports.models import IssuedDocument
from tests.api.test_api import bearer
from tests.conftest import PASSWORD, fill


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _issue(client, office, **fields):
    data = {
        "what": "tong-hop.docx",
        "number": "12/TH-PA1",
        "issued_on": "16/02/2026",
        "signer": "Nguyễn Văn Bình",
        **fields,
    }
    return client.post(f"/don-vi/{office.pk}/van-ban-di/", data, follow=True)


@pytest.fixture
def office(client, world, settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False
    a = fill(world.assessments["school"], world.users["member"])
    actions.submit(a, by=world.users["head"])
    actions.recognise(a, by=world.users["office_head"])
    client.login(username="office_head", password=PASSWORD)
    return world.units["phong_a"]


def test_an_issued_table_is_stored_listed_and_served_byte_for_byte(client, world, office):
    draft = client.get(f"/don-vi/{office.pk}/tong-hop.docx").content
    assert "DỰ THẢO" in _text(draft)  # not issued: a draft

    page = _issue(client, office).content.decode()
    assert "Đã ban hành văn bản số 12/TH-PA1." in page
    issued = IssuedDocument.objects.get()
    assert "12/TH-PA1" in page and "Nguyễn Văn Bình" in page  # listed in the register
    assert (issued.number, issued.signer, str(issued.issued_on)) == (
        "12/TH-PA1",
        "Nguyễn Văn Bình",
        "2026-02-16",
    )
    assert issued.figures["counted"] == 1 and issued.figures["total"] == 2
    first = client.get(f"/van-ban-di/{issued.pk}/tai-ve").content
    text = _text(first)
    assert "Số: 12/TH-PA1" in text and "ngày 16 tháng 02 năm 2026" in text
    assert "Nguyễn Văn Bình" in text and "DỰ THẢO" not in text
    assert hashlib.sha256(first).hexdigest() == issued.sha256
    assert AuditEntry.objects.filter(verb="reports.issue").count() == 1

    # The data moves on: the sibling is recognised. The issued file does not change.
    b = fill(world.assessments["sibling"], world.users["sibling_head"])
    actions.submit(b, by=world.users["sibling_head"])
    actions.recognise(b, by=world.users["office_head"])
    assert client.get(f"/van-ban-di/{issued.pk}/tai-ve").content == first
    assert client.get(f"/van-ban-di/{issued.pk}/tai-ve").content == first


def test_a_correction_is_a_new_issue_naming_the_one_it_replaces(client, world, office):
    _issue(client, office)
    first = IssuedDocument.objects.get()
    taken = _issue(client, office, what="thong-ke.docx").content.decode()
    assert "Số «12/TH-PA1» đã được dùng" in taken
    _issue(client, office, number="15/TH-PA1", replaces=str(first.pk))
    second = IssuedDocument.objects.get(number="15/TH-PA1")
    assert second.replaces == first
    register = client.get(f"/don-vi/{office.pk}/van-ban-di/").content.decode()
    assert "Thay thế văn bản số 12/TH-PA1" in register
    assert "Đã được thay thế bởi văn bản số 15/TH-PA1" in register
    again = _issue(client, office, number="16/TH-PA1", replaces=str(first.pk)).content.decode()
    assert "Văn bản số 12/TH-PA1 đã được thay thế trước đó." in again
    assert IssuedDocument.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("number", "  ", "Hãy ghi số, ký hiệu của văn bản"),
        ("issued_on", "31/02/2026", "Ngày ban hành «31/02/2026» không hợp lệ"),
        ("signer", "", "Hãy ghi họ tên người ký văn bản."),
    ],
)
def test_bad_issue_details_are_refused_with_a_message_and_nothing_stored(
    client, office, field, value, message
):
    page = _issue(client, office, **{field: value}).content.decode()
    assert message in page and not IssuedDocument.objects.exists()


def test_only_the_head_issues_and_only_those_who_see_the_unit_download(client, world, office):
    _issue(client, office)
    issued = IssuedDocument.objects.get()
    client.login(username="reviewer", password=PASSWORD)
    assert client.post(f"/don-vi/{office.pk}/van-ban-di/", {"number": "x"}).status_code == 404
    assert client.get(f"/van-ban-di/{issued.pk}/tai-ve").status_code == 200
    client.login(username="other_office_head", password=PASSWORD)
    assert client.get(f"/van-ban-di/{issued.pk}/tai-ve").status_code == 404
    assert client.get(f"/don-vi/{office.pk}/van-ban-di/").status_code == 404


def test_a_periodic_report_is_issued_once_and_kept_as_issued(client, world, office):
    outline = periodic.available_outlines(office)[0]
    report = periodic.start_report(office, outline, "tháng 02/2026", by=world.users["office_head"])
    draft = client.get(f"/bao-cao/{report.pk}/tai-ve.docx").content
    assert "DỰ THẢO" in _text(draft)
    data = {"number": "07/BC-PA1", "issued_on": "2026-02-20", "signer": "Nguyễn Văn Bình"}
    client.post(f"/bao-cao/{report.pk}/ban-hanh/", data)
    issued = IssuedDocument.objects.get(kind="periodic", source_id=report.pk)
    first = client.get(issued.get_absolute_url()).content
    assert "Số: 07/BC-PA1" in _text(first) and "DỰ THẢO" not in _text(first)
    assert "07/BC-PA1" in client.get(f"/bao-cao/{report.pk}/").content.decode()
    b = fill(world.assessments["sibling"], world.users["sibling_head"])
    actions.submit(b, by=world.users["sibling_head"])
    actions.recognise(b, by=world.users["office_head"])
    assert client.get(issued.get_absolute_url()).content == first


def test_a_school_issues_its_report_and_unissued_copies_are_drafts(client, world, office):
    a = world.assessments["school"]
    client.login(username="head", password=PASSWORD)
    draft = client.get(f"/danh-gia/{a.pk}/tai-ve/bao-cao.docx").content
    assert "DỰ THẢO" in _text(draft)
    school = world.units["school"]
    data = {
        "what": "bao-cao.docx",
        "dot": str(world.campaign.pk),
        "number": "05/BC-THCVA",
        "issued_on": "2026-05-20",
        "signer": "Nguyễn Thị Hương",
    }
    page = client.post(f"/don-vi/{school.pk}/van-ban-di/", data, follow=True).content.decode()
    assert "Đã ban hành văn bản số 05/BC-THCVA." in page
    issued = IssuedDocument.objects.get(unit=school)
    assert (issued.kind, issued.source_id, issued.figures["status"]) == (
        "assessment",
        a.pk,
        "recognised",
    )
    first = client.get(issued.get_absolute_url()).content
    assert "05/BC-THCVA" in _text(first) and "DỰ THẢO" not in _text(first)
    assert client.get(issued.get_absolute_url()).content == first
    client.login(username="member", password=PASSWORD)  # a teacher reads, never issues
    assert client.get(issued.get_absolute_url()).status_code == 200
    assert client.post(f"/don-vi/{school.pk}/van-ban-di/", data).status_code == 404


def test_the_register_and_its_files_through_the_api(client, world, office):
    _issue(client, office)
    issued = IssuedDocument.objects.get()
    served = client.get(f"/van-ban-di/{issued.pk}/tai-ve").content
    auth = bearer(world, "reviewer")
    body = client.get(f"/api/v1/units/{office.pk}/issued/", **auth).json()
    (row,) = body["results"]
    assert (row["number"], row["issued_on"], row["signer"]) == (
        "12/TH-PA1",
        "2026-02-16",
        "Nguyễn Văn Bình",
    )
    assert row["figures"]["counted"] == 1 and row["replaced_by"] is None
    assert client.get(row["file"], **auth).content == served
    other = bearer(world, "other_office_head")
    assert client.get(f"/api/v1/units/{office.pk}/issued/", **other).status_code == 404
    assert client.get(row["file"], **other).status_code == 404
    # The API's copy of a document never issued is a draft too.
    a = world.assessments["school"]
    draft = client.get(f"/api/v1/assessments/{a.pk}/documents/bao-cao.docx", **auth).content
    assert "DỰ THẢO" in _text(draft)
