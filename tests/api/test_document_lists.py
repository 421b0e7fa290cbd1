"""Every document through the API: an assessment's and its unit's year (report, appendix,
decisions, minutes, plan, yearly report, IT inventory) and an office's (tables, periodic
reports), DOCX and PDF alike, each listed with name, kind and URL, each URL serving that file;
nothing listed or served to a user who may not read it."""

from __future__ import annotations

import io
import shutil

import pytest
from docx import Document
from openpyxl import load_workbook

from chiso.inventory import actions as inventory_actions
from chiso.inventory.models import CatalogueEntry
from chiso.periodic import builtin, services
from chiso.periodic.models import ReportOutline
from chiso.plans import actions as plan_actions
from tests.api.test_api import bearer
from tests.conftest import fill

BASE = ["bao-cao", "phu-luc", "quyet-dinh-hoi-dong", "bien-ban", "quyet-dinh-phe-duyet"]


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


@pytest.fixture
def year_records(world):
    """The school's plan, yearly report and IT inventory of the assessment's year."""
    a = fill(world.assessments["school"], world.users["member"])
    unit, member = a.unit, world.users["member"]
    plan_actions.add_target(unit, "2024-2025", "Nâng cấp đường truyền Internet", by=member)
    services.start_yearly_report(unit, "2024-2025", by=member)
    entry = CatalogueEntry.objects.filter(owner__isnull=True).first()
    inventory_actions.save(
        unit, "2024-2025", {entry.pk: {"available": "1", "quantity": "2"}}, by=member
    )
    return a


def _listed(client, url, auth):
    response = client.get(url, **auth)
    assert response.status_code == 200, response.content[:200]
    return response.json()["results"]


def test_an_assessment_lists_every_document_docx_and_pdf(client, world, year_records):
    a = year_records
    results = _listed(client, f"/api/v1/assessments/{a.pk}/documents/", bearer(world, "member"))
    names = [r["name"] for r in results]
    for stem in [*BASE, "ke-hoach", "bao-cao-nam"]:
        source = f"{stem}.xlsx" if stem == "phu-luc" else f"{stem}.docx"
        assert source in names, source
        if source.endswith(".docx"):
            assert f"{stem}.pdf" in names and names.index(f"{stem}.pdf") == names.index(source) + 1
    assert "hien-trang-cntt.xlsx" in names
    kinds = {r["name"]: r["kind"] for r in results}
    assert kinds["ke-hoach.docx"] == "plan" and kinds["bao-cao-nam.pdf"] == "yearly_report"
    assert kinds["hien-trang-cntt.xlsx"] == "inventory" and kinds["bien-ban.docx"] == "minutes"
    assert all(r["url"] == f"/api/v1/assessments/{a.pk}/documents/{r['name']}" for r in results)


def test_every_listed_url_serves_its_file(client, world, year_records):
    a = year_records
    auth = bearer(world, "member")
    results = _listed(client, f"/api/v1/assessments/{a.pk}/documents/", auth)
    for item in results:
        if item["format"] == "pdf":
            continue  # one conversion below; LibreOffice is slow
        response = client.get(item["url"], **auth)
        assert response.status_code == 200, item["name"]
        assert response["Content-Type"] == item["content_type"]
        if item["format"] == "docx":
            text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
            assert text.strip(), item["name"]
        else:
            assert load_workbook(io.BytesIO(response.content)).active.max_row > 3
    inventory = client.get(f"/api/v1/assessments/{a.pk}/documents/hien-trang-cntt.xlsx", **auth)
    assert (
        "hien-trang-cntt-truong-tieu-hoc-chu-van-an-2024-2025.xlsx"
        in inventory["Content-Disposition"]
    )
    sheet = load_workbook(io.BytesIO(inventory.content)).active
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$4:$4"
    if shutil.which("soffice"):
        pdf = client.get(f"/api/v1/assessments/{a.pk}/documents/ke-hoach.pdf", **auth)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_without_a_plan_or_inventory_they_are_not_listed(client, world):
    a = fill(world.assessments["school"], world.users["member"])
    names = {
        r["name"]
        for r in _listed(client, f"/api/v1/assessments/{a.pk}/documents/", bearer(world, "head"))
    }
    assert "bao-cao.docx" in names and "ke-hoach.docx" not in names
    assert "hien-trang-cntt.xlsx" not in names
    missing = client.get(
        f"/api/v1/assessments/{a.pk}/documents/ke-hoach.docx", **bearer(world, "head")
    )
    assert missing.status_code == 404


def test_an_outsider_sees_no_list(client, world, year_records):
    response = client.get(
        f"/api/v1/assessments/{year_records.pk}/documents/", **bearer(world, "other_head")
    )
    assert response.status_code == 404


def test_an_office_lists_its_tables_and_periodic_reports(client, world):
    fill(world.assessments["school"], world.users["member"])
    office, head = world.units["phong_a"], world.users["office_head"]
    outline = ReportOutline.objects.create(
        owner=office,
        title=builtin.MONTHLY_TITLE,
        subject=builtin.MONTHLY_SUBJECT,
        text=builtin.MONTHLY,
    )
    report = services.start_report(office, outline, "tháng 02/2025", by=head)
    auth = bearer(world, "office_head")
    response = client.get(f"/api/v1/offices/{office.pk}/documents/", **auth)
    assert response.status_code == 200
    results = response.json()["results"]
    names = [r["name"] for r in results]
    for name in ("tong-hop.xlsx", "tong-hop.docx", "tong-hop.pdf", "thong-ke.docx"):
        assert name in names
    assert f"bao-cao-{report.pk}.docx" in names and f"bao-cao-{report.pk}.pdf" in names
    for item in results:
        if item["format"] == "pdf":
            continue
        served = client.get(item["url"], **auth)
        assert served.status_code == 200, item["name"]
        assert served["Content-Type"] == item["content_type"]
    assert (
        client.get(
            f"/api/v1/offices/{office.pk}/documents/", **bearer(world, "other_head")
        ).status_code
        == 404
    )
    other = client.get(f"/api/v1/offices/{world.units['phong_b'].pk}/documents/{names[0]}", **auth)
    assert other.status_code == 404


def test_the_plan_and_inventory_files_are_named_after_the_unit_and_year(
    client, world, year_records
):
    from tests.conftest import PASSWORD

    client.login(username="member", password=PASSWORD)
    unit = year_records.unit.pk
    plan = client.get(f"/ke-hoach/{unit}/2024-2025/ke-hoach.docx")
    assert "ke-hoach-truong-tieu-hoc-chu-van-an-2024-2025.docx" in plan["Content-Disposition"]
    workbook = client.get(f"/hien-trang-cntt/{unit}/2024-2025/hien-trang-cntt.xlsx")
    assert (
        "hien-trang-cntt-truong-tieu-hoc-chu-van-an-2024-2025.xlsx"
        in workbook["Content-Disposition"]
    )
