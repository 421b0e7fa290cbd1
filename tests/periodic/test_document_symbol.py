"""The unit's head sets the symbol its documents are numbered with ("Số: 12/BC-THHĐ")."""

from __future__ import annotations

import io

from docx import Document

from chiso.assessments.models import Assessment
from chiso.audit.models import AuditEntry
from chiso.reports import data
from chiso.reports.docx_export import render_report_docx
from chiso.units.models import Unit
from tests.conftest import PASSWORD


def _url(world, key="school"):
    return f"/bao-cao/don-vi/{world.units[key].pk}/ky-hieu/"


def test_the_head_sets_the_symbol_and_documents_carry_it(client, world):
    client.login(username="head", password=PASSWORD)
    assert client.get(_url(world)).status_code == 200
    response = client.post(_url(world), {"document_symbol": " thcva "})
    assert response.status_code == 302
    unit = Unit.objects.get(pk=world.units["school"].pk)
    assert unit.document_symbol == "THCVA"
    assert AuditEntry.objects.filter(verb="unit.document_symbol").count() == 1
    client.post(_url(world), {"document_symbol": "CVA"})
    fresh = Assessment.objects.get(pk=world.assessments["school"].pk)
    document = data.assessment_document(fresh, number="12")
    header = Document(io.BytesIO(render_report_docx(document))).tables[0].rows[0].cells[0].text
    assert "Số: 12/BC-CVA" in header


def test_a_bad_symbol_is_refused_with_a_message_and_nothing_saved(client, world):
    client.login(username="head", password=PASSWORD)
    response = client.post(_url(world), {"document_symbol": "TH/CVA"}, follow=True)
    assert "không dùng được" in response.content.decode()
    assert Unit.objects.get(pk=world.units["school"].pk).document_symbol == ""


def test_only_the_units_head_may_set_it(client, world):
    for username, key in (("member", "school"), ("other_head", "school"), ("head", "sibling")):
        client.login(username=username, password=PASSWORD)
        assert client.get(_url(world, key)).status_code == 404, username
        assert client.post(_url(world, key), {"document_symbol": "X"}).status_code == 404
    client.login(username="office_head", password=PASSWORD)
    assert client.get(_url(world, "phong_a")).status_code == 200
    assert client.get(_url(world, "school")).status_code == 404  # the school's own head sets it


def test_a_symbol_made_from_the_name_drops_tone_marks_but_keeps_d_with_stroke():
    from types import SimpleNamespace

    from chiso.reports.layout import symbol_for

    def symbol(name: str) -> str:
        return symbol_for(SimpleNamespace(name=name, document_symbol=""))

    assert symbol("Ủy ban nhân dân phường Hưng Đạo") == "UBNDPHĐ"
    assert symbol("Ủy ban nhân dân xã Ân Thi") == "UBNDXAT"
    assert symbol("Trường Tiểu học Hưng Đạo") == "THHĐ"
