"""Reorganisations as data: a predecessor → successor table (communes merged, a school split, a
province merged), a dry run row by row, applied once confirmed, and applied again to no effect.
Counts of units and results are compared before and after; results never move.

Expectations are written by hand from the table, not computed by the module under test.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from chiso.assessments import access, actions
from chiso.assessments.models import Assessment, Campaign
from chiso.audit.models import AuditEntry
from chiso.units import policy, reorganisations
from chiso.units.models import Management, Succession, Unit
from chiso.units.services import create_unit
from tests.conftest import PASSWORD, make_user

Role = policy.Role
HEADER = "loại,mã đơn vị cũ,tên đơn vị cũ,mã đơn vị mới,tên đơn vị mới,ngày hiệu lực"
TABLE = "\n".join(
    [
        HEADER,
        "xã,XA-1,Xã Một,XA-12,Phường Mười Hai,01/07/2025",
        "xã,XA-2,Xã Hai,XA-12,Phường Mười Hai,01/07/2025",
        "trường,TH-S,Trường Tiểu học Tách,TH-S1,Trường Tiểu học Tách Một,01/07/2025",
        "trường,TH-S,Trường Tiểu học Tách,TH-S2,Trường Tiểu học Tách Hai,01/07/2025",
    ]
)


@pytest.fixture
def province(world, django_user_model):
    """Two communes of Sở A with a school each (one result each), a school to split, a commune
    officer, and results of 2024-2025 for all."""
    u, so = world.units, world.units["so_a"]
    u["xa1"] = create_unit(name="Xã Một", kind=Unit.Kind.COMMUNE, parent=so, code="XA-1")
    u["xa2"] = create_unit(name="Xã Hai", kind=Unit.Kind.COMMUNE, parent=so, code="XA-2")
    for key, commune, code in (("s1", "xa1", "TH-X1"), ("s2", "xa2", "MN-X2")):
        u[key] = create_unit(
            name=f"Trường {code}",
            kind=Unit.Kind.INSTITUTION,
            parent=u[commune],
            institution_type="TH" if key == "s1" else "MN",
            code=code,
        )
    u["split"] = create_unit(
        name="Trường Tiểu học Tách",
        kind=Unit.Kind.INSTITUTION,
        parent=u["xa1"],
        institution_type="TH",
        code="TH-S",
    )
    for key in ("s1", "s2", "split"):
        world.assessments[key] = Assessment.objects.create(campaign=world.campaign, unit=u[key])
    world.users["xa_head"] = make_user(django_user_model, "xa_head", u["xa1"], Role.OFFICE_HEAD)
    world.users["xa_admin"] = make_user(django_user_model, "xa_admin", u["xa1"], Role.ADMIN)
    return world


def snapshot():
    """What must not change when a table is applied: every result with its unit and body."""
    return sorted(
        Assessment.objects.values_list("pk", "unit_id", "managing_body_id", "campaign_id")
    )


def plan_of(text: str, office: Unit, name: str = "sap-xep.csv"):
    return reorganisations.read_table(name, text.encode(), office)


def test_the_dry_run_says_row_by_row_what_will_happen_and_saves_nothing(province):
    units_before = Unit.objects.count()
    plan = plan_of(TABLE, province.units["so_a"])
    assert [r.action for r in plan.rows] == ["merge", "merge", "split", "split"]
    assert [r.creates for r in plan.rows] == [True, True, True, True]
    words = [reorganisations.describe(r) for r in plan.rows]
    assert words[0].startswith("sáp nhập: Xã Một đóng ngày 30/06/2025 vào «Phường Mười Hai»")
    assert "kết quả cũ ở lại đơn vị cũ" in words[2] and words[2].startswith("chia tách")
    assert plan.can_apply
    assert Unit.objects.count() == units_before
    assert not Succession.objects.exists()
    assert province.units["xa1"].is_active


def test_applying_closes_links_and_moves_while_every_result_stays_where_it_was(province):
    u, so = province.units, province.units["so_a"]
    units_before, results_before = Unit.objects.count(), snapshot()
    done = reorganisations.apply_table(plan_of(TABLE, so), so, by=province.users["so_head"])

    assert (done.closed, done.created, done.moved, done.links) == (3, 3, 2, 4)
    assert Unit.objects.count() == units_before + 3  # XA-12, TH-S1, TH-S2
    assert snapshot() == results_before  # nothing lost, duplicated or moved
    ward = Unit.objects.get(code="XA-12")
    assert (ward.kind, ward.parent_id) == (Unit.Kind.COMMUNE, so.pk)
    for key in ("xa1", "xa2", "split"):
        u[key].refresh_from_db()
        assert not u[key].is_active and u[key].closed_at == dt.date(2025, 6, 30)
    assert (u["xa1"].merged_into_id, u["split"].merged_into_id) == (ward.pk, None)
    links = set(Succession.objects.values_list("predecessor__code", "successor__code"))
    assert links == {
        ("XA-1", "XA-12"),
        ("XA-2", "XA-12"),
        ("TH-S", "TH-S1"),
        ("TH-S", "TH-S2"),
    }
    # The schools of the merged communes now sit under the new ward; the body that managed them
    # until 30/6/2025 is kept. The split school (closed) stays where it was, with its result.
    for key, commune in (("s1", "xa1"), ("s2", "xa2")):
        u[key].refresh_from_db()
        assert u[key].parent_id == ward.pk
        past = Management.objects.get(unit=u[key])
        assert (past.body_id, past.until) == (u[commune].pk, dt.date(2025, 6, 30))
    # The split school's successors are created under the new ward, with no past body.
    for code in ("TH-S1", "TH-S2"):
        new = Unit.objects.get(code=code)
        assert (new.parent_id, new.institution_type) == (ward.pk, "TH")
        assert not Management.objects.filter(unit=new).exists()
    assert u["split"].parent_id == u["xa1"].pk
    assert province.assessments["split"].unit_id == u["split"].pk
    verbs = list(AuditEntry.objects.values_list("verb", flat=True))
    assert verbs.count("unit.reorganise") == 3 and verbs.count("unit.reorganise_create") == 3


def test_applying_the_same_table_again_changes_nothing_and_says_so(province):
    so = province.units["so_a"]
    reorganisations.apply_table(plan_of(TABLE, so), so, by=province.users["so_head"])
    units, results, links = Unit.objects.count(), snapshot(), Succession.objects.count()
    audits = AuditEntry.objects.count()

    again = plan_of(TABLE, so)
    assert [r.action for r in again.rows] == ["unchanged"] * 4
    assert not again.can_apply and not again.rejected
    assert reorganisations.describe(again.rows[0]) == "đã áp dụng trước đây: không thay đổi"
    done = reorganisations.apply_table(again, so, by=province.users["so_head"])
    assert not done.changed
    assert (Unit.objects.count(), snapshot(), Succession.objects.count()) == (
        units,
        results,
        links,
    )
    assert AuditEntry.objects.count() == audits


def test_a_merged_so_reads_its_predecessors_results_and_changes_none(world):
    u = world.units
    office_campaign = Campaign.objects.create(
        name="Tự đánh giá của Sở",
        audience=Campaign.Audience.OFFICES,
        school_year="2024-2025",
        framework_id="qd3806-2024",
        owner=u["bo"],
    )
    own = Assessment.objects.create(campaign=office_campaign, unit=u["so_b"])
    school = world.assessments["other"]
    so_head = world.users["so_head"]
    assert not policy.can(so_head, "view", own)
    table = HEADER + "\ntỉnh,SOB,Sở GDĐT B,SOA,Sở GDĐT A,01/07/2025"
    results_before = snapshot()

    # A Sở cannot merge another province into itself: that is the Bộ's.
    refused = plan_of(table, u["so_a"])
    assert refused.rows[0].rejected
    assert "không có đơn vị mã «SOB» trong phạm vi quản lý của Sở GDĐT A" in refused.rows[0].reason
    bo = world.users["national_admin"]
    assert policy.can_reorganise(bo, u["bo"])
    done = reorganisations.apply_table(plan_of(table, u["bo"]), u["bo"], by=bo)
    assert (done.closed, done.created, done.moved) == (1, 0, 1)  # Phòng B1 moves under Sở A
    assert snapshot() == results_before

    so_head = type(so_head).objects.get(pk=so_head.pk)  # a new request
    visible = set(access.visible_assessments(so_head).values_list("pk", flat=True))
    assert {own.pk, school.pk} <= visible
    assert policy.can(so_head, "view", own)
    for action in ("review", "return", "recognise", "publish", "edit"):
        assert not policy.can(so_head, action, own), action
    own.refresh_from_db()
    assert own.unit_id == u["so_b"].pk


def test_the_schools_of_a_split_read_the_old_schools_result_but_never_change_it(
    province, django_user_model
):
    so = province.units["so_a"]
    reorganisations.apply_table(plan_of(TABLE, so), so, by=province.users["so_head"])
    head = make_user(django_user_model, "head_s1", Unit.objects.get(code="TH-S1"), Role.HEAD)
    old = Assessment.objects.select_related("unit").get(pk=province.assessments["split"].pk)
    assert policy.can(head, "view", old)
    assert not policy.can(head, "edit", old) and not policy.can(head, "submit", old)
    outsider = province.users["other_head"]
    assert not policy.can(outsider, "view", old)


BAD = [
    (
        "xã,XA-9,Xã Chín,XA-12,Phường Mười Hai,01/07/2025",
        "dòng 2, cột mã đơn vị cũ: không có đơn vị mã «XA-9» trong phạm vi quản lý",
    ),
    (
        "xã,XA-1,Xã Một,XA-12,Phường Mười Hai,01/07/2025\nxã,XA-1,Xã Một,XA-12,Phường Mười Hai,01/07/2025",
        "dòng 3: lặp lại dòng 2 (XA-1 → XA-12)",
    ),
    (
        "xã,XA-1,Xã Một,XA-2,,01/07/2025\nxã,XA-2,Xã Hai,XA-1,,01/07/2025",
        "dòng 2: vòng lặp: XA-1 → XA-2 → XA-1",
    ),
    (
        "xã,XA-1,Xã Một,TH-X1,,01/07/2025",
        "dòng 2, cột mã đơn vị mới: đơn vị mới TH-X1 là trường, khác loại với đơn vị cũ XA-1",
    ),
    ("trường,XA-1,Xã Một,XA-2,,01/07/2025", "dòng 2, cột loại: ghi «trường» nhưng đơn vị XA-1"),
    ("xã,XA-1,Xã Một,XA-2,,31/02/2025", "dòng 2, cột ngày hiệu lực: «31/02/2025» không phải ngày"),
    ("huyện,XA-1,Xã Một,XA-2,,01/07/2025", "dòng 2, cột loại: «huyện» không phải loại hợp lệ"),
    ("xã,=1+1,Xã Một,XA-2,,01/07/2025", "dòng 2, cột mã đơn vị cũ: «=1+1» là công thức"),
    ("xã,XA-1,Xã Một,XA-77,,01/07/2025", "cột tên đơn vị mới: mã «XA-77» chưa có"),
    (
        "xã,XA-1,Xã Một,XA-2,,01/07/2025\nxã,XA-1,Xã Một,XA-13,Xã Mười Ba,01/07/2025",
        "đơn vị XA-1 được chia tách nhưng còn 2 đơn vị trực thuộc đang hoạt động",
    ),
]


@pytest.mark.parametrize(("rows", "message"), BAD)
def test_a_bad_row_is_refused_with_where_and_why_and_nothing_is_applied(province, rows, message):
    so = province.units["so_a"]
    plan = plan_of(f"{HEADER}\n{rows}", so, name="bang.csv")
    reasons = " | ".join(r.reason for r in plan.rejected)
    assert message in reasons
    assert "Tệp «bang.csv», trang «CSV», dòng" in reasons
    assert not plan.can_apply
    units, results = Unit.objects.count(), snapshot()
    with pytest.raises(reorganisations.ReorganisationRefused, match="chưa áp dụng gì"):
        reorganisations.apply_table(plan, so, by=province.users["so_head"])
    assert (Unit.objects.count(), snapshot()) == (units, results)
    assert not Succession.objects.exists()


def test_a_rejected_row_is_explained_in_english_when_the_user_chose_english(province):
    so = province.units["so_a"]
    rows = "xã,XA-1,Xã Một,XA-2,,31/02/2025\ntrường,XA-2,Xã Hai,XA-1,,01/07/2025"
    with translation.override("en"):
        plan = plan_of(f"{HEADER}\n{rows}", so, name="bang.csv")
        words = reorganisations.describe(plan.rows[0])
    assert [r.reason for r in plan.rows] == [
        "File «bang.csv», sheet «CSV», row 2, column “effective”: «31/02/2025» is not a date "
        "(write it like 01/07/2025)",
        "File «bang.csv», sheet «CSV», row 3, column “kind”: says «school» but unit XA-2 is of "
        "kind commune/ward",
    ]
    assert words == f"refused: {plan.rows[0].reason}"
    # Back in Vietnamese, the same table says the same in Vietnamese.
    again = plan_of(f"{HEADER}\n{rows}", so, name="bang.csv")
    assert again.rows[0].reason.startswith("Tệp «bang.csv», trang «CSV», dòng 2, cột ngày hiệu lực")


def workbook(*sheets: tuple[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_table_is_read_from_the_sheet_with_the_columns_and_its_dates(province):
    rows = [
        HEADER.split(","),
        ["xã", "XA-1", "Xã Một", "XA-12", "Phường Mười Hai", dt.datetime(2025, 7, 1)],
    ]
    content = workbook(("Hướng dẫn", [["Điền bảng ở trang sau"]]), ("Sắp xếp", rows))
    plan = reorganisations.read_table("bang.xlsx", content, province.units["so_a"])
    assert plan.sheet == "Sắp xếp"
    assert plan.rows[0].effective == dt.date(2025, 7, 1) and plan.rows[0].action == "merge"


def test_a_workbook_without_the_table_names_the_sheets_it_looked_at(province):
    content = workbook(("Danh sách", [["mã đơn vị", "tên đơn vị"], ["XA-1", "Xã Một"]]))
    with pytest.raises(reorganisations.ReorganisationRefused) as info:
        reorganisations.read_table("bang.xlsx", content, province.units["so_a"])
    assert str(info.value) == (
        "Tệp «bang.xlsx»: không trang nào có đủ các cột loại, mã đơn vị cũ, mã đơn vị mới, "
        "ngày hiệu lực ở dòng 1 (đã xem các trang: «Danh sách»)."
    )


def test_a_file_too_large_is_refused_before_it_is_parsed(province):
    with pytest.raises(reorganisations.ReorganisationRefused, match="quá lớn"):
        reorganisations.read_table(
            "bang.xlsx", b"\0" * (reorganisations.MAX_BYTES + 1), province.units["so_a"]
        )


def test_the_screen_previews_then_applies_once_confirmed_then_says_nothing_changed(
    client, province
):
    so = province.units["so_a"]
    url = reverse("units:reorganise", args=[so.pk])
    client.login(username="so_head", password=PASSWORD)
    assert client.get(url).status_code == 200
    upload = io.BytesIO(TABLE.encode())
    upload.name = "sap-xep.csv"
    page = client.post(url, {"file": upload}).content.decode()
    assert "Xác nhận và áp dụng" in page and "chia tách: Trường Tiểu học Tách" in page
    assert not Succession.objects.exists()
    response = client.post(url, {"confirm": "1"}, follow=True)
    assert "Đã áp dụng: 3 đơn vị đóng, 3 đơn vị tạo mới" in response.content.decode()
    assert Succession.objects.count() == 4
    upload = io.BytesIO(TABLE.encode())
    upload.name = "sap-xep.csv"
    page = client.post(url, {"file": upload}).content.decode()
    assert "Không có gì thay đổi: bảng này đã được áp dụng trước đây." in page
    assert "Xác nhận và áp dụng" not in page


def test_a_rejected_table_cannot_be_confirmed_on_the_screen(client, province):
    so = province.units["so_a"]
    url = reverse("units:reorganise", args=[so.pk])
    client.login(username="so_head", password=PASSWORD)
    upload = io.BytesIO(f"{HEADER}\n{BAD[0][0]}".encode())
    upload.name = "bang.csv"
    page = client.post(url, {"file": upload}).content.decode()
    assert "Bảng còn dòng bị từ chối" in page and "Xác nhận và áp dụng" not in page
    response = client.post(url, {"confirm": "1"}, follow=True)
    assert "Phiên xem trước đã hết hạn" in response.content.decode()
    assert not Succession.objects.exists()


@pytest.mark.parametrize("user", ["xa_head", "xa_admin", "head", "reviewer", "so_reviewer"])
def test_communes_schools_and_reviewers_cannot_reorganise(client, province, user):
    u = province.units
    unit = {"xa_head": "xa1", "xa_admin": "xa1", "head": "school", "reviewer": "phong_a"}.get(
        user, "so_a"
    )
    assert not policy.can_reorganise(province.users[user], u[unit])
    client.login(username=user, password=PASSWORD)
    upload = io.BytesIO(TABLE.encode())
    upload.name = "sap-xep.csv"
    for office in {u[unit], u["so_a"]}:
        url = reverse("units:reorganise", args=[office.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"file": upload}).status_code == 404
    assert not Succession.objects.exists()


def test_a_so_reorganises_its_own_province_only(province):
    u = province.units
    assert policy.can_reorganise(province.users["so_head"], u["so_a"])
    assert policy.can_reorganise(province.users["admin"], u["so_a"])
    assert not policy.can_reorganise(province.users["so_head"], u["so_b"])
    table = HEADER + "\ntrường,TH-BVD,Trường Tiểu học Bế Văn Đàn,TH-X1,,01/07/2025"
    plan = plan_of(table, u["so_a"])
    assert "không có đơn vị mã «TH-BVD» trong phạm vi quản lý của Sở GDĐT A" in plan.rows[0].reason


def test_the_command_runs_dry_then_applies_as_an_allowed_user(province, tmp_path, capsys):
    path = tmp_path / "sap-xep.csv"
    path.write_text(TABLE, encoding="utf-8")
    call_command("reorganise", str(path), office="SOA", user="so_head")
    assert "Dòng 2: XA-1 → XA-12: sáp nhập" in capsys.readouterr().out
    assert not Succession.objects.exists()
    with pytest.raises(CommandError, match="không được sắp xếp"):
        call_command("reorganise", str(path), office="XA-1", user="xa_head", apply=True)
    call_command("reorganise", str(path), office="SOA", user="so_head", apply=True)
    assert "Đã áp dụng: 3 đơn vị đóng" in capsys.readouterr().out
    call_command("reorganise", str(path), office="SOA", user="so_head", apply=True)
    assert "Không có gì thay đổi" in capsys.readouterr().out
    assert Succession.objects.count() == 4


def test_a_recognised_result_keeps_its_body_and_status_through_a_merge(province):
    u, so = province.units, province.units["so_a"]
    result = province.assessments["s1"]
    Assessment.objects.filter(pk=result.pk).update(status=Assessment.Status.RECOGNISED)
    body = Assessment.objects.get(pk=result.pk).managing_body_id
    reorganisations.apply_table(plan_of(TABLE, so), so, by=province.users["so_head"])
    result = Assessment.objects.get(pk=result.pk)
    assert (result.unit_id, result.managing_body_id, result.status) == (
        u["s1"].pk,
        body,
        Assessment.Status.RECOGNISED,
    )
    assert actions is not None


def test_a_confirmation_after_someone_else_applied_the_table_changes_nothing(client, province):
    so = province.units["so_a"]
    url = reverse("units:reorganise", args=[so.pk])
    client.login(username="so_head", password=PASSWORD)
    upload = io.BytesIO(TABLE.encode())
    upload.name = "sap-xep.csv"
    client.post(url, {"file": upload})
    reorganisations.apply_table(plan_of(TABLE, so), so, by=province.users["admin"])
    units, results = Unit.objects.count(), snapshot()
    response = client.post(url, {"confirm": "1"}, follow=True)
    assert "Không có gì thay đổi: bảng này đã được áp dụng trước đây." in response.content.decode()
    assert (Unit.objects.count(), snapshot(), Succession.objects.count()) == (units, results, 4)
