"""Units per level for an office: checked against a count written out by hand."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

from chiso.assessments.models import Assessment
from tests.conftest import PASSWORD

S = Assessment.Status


def _set(world, key, status, g1, g2):
    Assessment.objects.filter(pk=world.assessments[key].pk).update(
        status=status, group1_level=g1, group2_level=g2, overall_level=min(g1, g2)
    )


def _results(world):
    _set(world, "school", S.RECOGNISED, 2, 2)  # TH, under Phòng A1
    _set(world, "sibling", S.PUBLISHED, 3, 2)  # THCS, under Phòng A1
    _set(world, "direct", S.SUBMITTED, 3, 3)  # THPT, directly under the Sở: not yet counted
    _set(world, "other", S.PUBLISHED, 1, 1)  # another Sở: never in Sở A's figures


def test_the_provinces_statistics_count_recognised_results_per_type_and_sub_unit(client, world):
    _results(world)
    client.login(username="so_head", password=PASSWORD)
    response = client.get(f"/don-vi/{world.units['so_a'].pk}/thong-ke.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Nhóm 1", "Nhóm 2", "Chung"]
    rows = [
        [c.value for c in row] for row in workbook["Nhóm 1"].iter_rows(min_row=5) if row[1].value
    ]
    by_label = {r[1]: r for r in rows}
    # label: total units, counted, L1 n, L1 share, L2 n, L2 share, L3 n, L3 share
    assert by_label["Toàn đơn vị"][2:10] == [3, 2, 0, 0, 1, 0.5, 1, 0.5]
    assert by_label["Tiểu học"][2:10] == [1, 1, 0, 0, 1, 1, 0, 0]
    assert by_label["Trung học phổ thông"][2:10] == [1, 0, 0, None, 0, None, 0, None]
    assert by_label["Phòng GDĐT A1"][2:10] == [2, 2, 0, 0, 1, 0.5, 1, 0.5]
    assert by_label["Trực thuộc Sở GDĐT A"][2:4] == [1, 0]
    overall = {
        r[1]: r for r in ([c.value for c in row] for row in workbook["Chung"].iter_rows(min_row=5))
    }
    assert overall["Toàn đơn vị"][4:10] == [0, 0, 2, 1, 0, 0]


def test_the_statistics_report_docx_is_in_the_official_layout(client, world):
    _results(world)
    client.login(username="so_head", password=PASSWORD)
    response = client.get(f"/don-vi/{world.units['so_a'].pk}/thong-ke.docx")
    document = Document(io.BytesIO(response.content))
    header = document.tables[0].rows[0].cells
    assert "SỞ GDĐT A" in header[0].text and "Độc lập - Tự do - Hạnh phúc" in header[1].text
    group1 = document.tables[1]
    texts = [[c.text for c in row.cells] for row in group1.rows]
    overall = next(r for r in texts if r[1] == "Toàn đơn vị")
    assert overall[2:] == ["2/3", "0", "0%", "1", "50%", "1", "50%"]
    assert "GIÁM ĐỐC" in document.tables[-1].rows[0].cells[1].text
    assert "Nơi nhận:" in document.tables[-1].rows[0].cells[0].text


def test_a_district_office_sees_only_its_schools(client, world):
    _results(world)
    client.login(username="office_head", password=PASSWORD)
    workbook = load_workbook(
        io.BytesIO(client.get(f"/don-vi/{world.units['phong_a'].pk}/thong-ke.xlsx").content)
    )
    labels = [row[1].value for row in workbook["Nhóm 2"].iter_rows(min_row=5) if row[1].value]
    assert "Trung học phổ thông" not in labels and "Toàn đơn vị" in labels
    assert client.get(f"/don-vi/{world.units['phong_a'].pk}/thong-ke.odt").status_code == 404
