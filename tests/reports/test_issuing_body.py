"""Documents are headed by the body that managed the unit in their school year (NĐ 30/2020):
UBND PHƯỜNG … for a primary school in 2025-2026, PHÒNG GIÁO DỤC VÀ ĐÀO TẠO … in 2024-2025, the
Sở for an upper-secondary school; "Nơi nhận" and "Kính gửi" name the same body."""

from __future__ import annotations

import io

import pytest
from docx import Document

from chiso.periodic import services
from chiso.periodic.models import ReportOutline
from chiso.reports import exports
from chiso.units import naming
from tests.units.test_commune_authorisation import moved  # noqa: F401 (fixture)

DOCX_NAMES = [n for n in exports.DOCUMENTS if n.endswith(".docx")]


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


def header_lines(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    left = document.tables[0].rows[0].cells[0]
    # A long line may be broken in two (NĐ 30's header width): read it as one.
    return [" ".join(p.text.split()) for p in left.paragraphs if p.text.strip()]


def all_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("name", DOCX_NAMES)
def test_a_schools_documents_name_its_ubnd_phuong_from_2025_2026(moved, name):  # noqa: F811
    content = exports.assessment_export(moved.assessments["hd_2025"], name).content
    lines = header_lines(content)
    assert lines[0] == "UBND PHƯỜNG HƯNG ĐẠO"
    assert lines[1] == "TRƯỜNG TIỂU HỌC HƯNG ĐẠO"
    assert "Phòng Giáo dục" not in all_text(content)


@pytest.mark.parametrize("name", DOCX_NAMES)
def test_the_same_schools_2024_2025_documents_name_its_phong(moved, name):  # noqa: F811
    content = exports.assessment_export(moved.assessments["hd_2024"], name).content
    assert header_lines(content)[0] == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN DƯƠNG KINH"
    assert "phường Hưng Đạo" not in all_text(content)


def test_the_report_is_sent_to_the_body_of_its_year(moved):  # noqa: F811
    text = all_text(exports.assessment_export(moved.assessments["hd_2025"], "bao-cao.docx").content)
    assert "- Ủy ban nhân dân phường Hưng Đạo (báo cáo);" in text


def test_an_upper_secondary_school_is_headed_by_its_so(moved):  # noqa: F811
    issuer = naming.issuer(moved.units["direct"], school_year="2025-2026")
    assert (issuer.governing_body, issuer.superior) == ("Sở GDĐT A", "Sở GDĐT A")


def test_a_commune_writes_through_its_acting_office(moved):  # noqa: F811
    issuer = naming.issuer(moved.units["xa"])
    assert issuer.governing_body == "UBND phường Hưng Đạo"
    assert issuer.name == "Phòng Văn hóa – Xã hội"
    assert issuer.signer_title == "TRƯỞNG PHÒNG"
    assert issuer.superior == "Sở GDĐT A"


def test_the_schools_yearly_report_is_addressed_to_its_ubnd_phuong(moved):  # noqa: F811
    outline = ReportOutline.objects.create(
        owner=moved.units["so_a"],
        title="Báo cáo",
        subject="Kết quả CĐS",
        text="[viết]",
        for_subunits=True,
    )
    report = services.start_report(
        moved.units["hd"], outline, "năm học 2025-2026", by=moved.users["hd_head"]
    )
    assert report.recipient == "Ủy ban nhân dân phường Hưng Đạo"
