"""The dashboard's earlier years "theo đơn vị cũ" across a merger of provinces and of communes:
one line per old unit (the body that managed each result that year, or its Sở then), and the
unweighted mean of the old units' shares, labelled; checked against counts made by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from chiso.assessments.models import Assessment, Campaign
from chiso.dashboards import services
from chiso.units import reorganisations
from chiso.units.models import Unit
from chiso.units.services import create_unit
from tests.conftest import PASSWORD

PUBLISHED = Assessment.Status.PUBLISHED
HEADER = "loại,mã đơn vị cũ,tên đơn vị cũ,mã đơn vị mới,tên đơn vị mới,ngày hiệu lực"


def apply(text: str, office: Unit, by) -> None:
    plan = reorganisations.read_table("bang.csv", f"{HEADER}\n{text}".encode(), office)
    reorganisations.apply_table(plan, office, by=by)


@pytest.fixture
def merged(world):
    """2024-2025: Sở A (two published results: levels 2 and 1) and Sở B (three: 3, 3, 1), each
    in its own campaign; Sở B merged into Sở A on 1/7/2025; 2025-2026 is Sở A's."""
    u = world.units
    for key in ("b2", "b3"):
        u[key] = create_unit(
            name=f"Trường {key}",
            kind=Unit.Kind.INSTITUTION,
            parent=u["phong_b"],
            institution_type="TH",
            code=key.upper(),
        )
    old_a = Campaign.objects.create(name="CĐS", school_year="2024-2025", owner=u["so_a"])
    old_b = Campaign.objects.create(name="CĐS", school_year="2024-2025", owner=u["so_b"])
    current = Campaign.objects.create(name="CĐS", school_year="2025-2026", owner=u["so_a"])
    for campaign, key, level in (
        (old_a, "school", 2),
        (old_a, "direct", 1),
        (old_b, "other", 3),
        (old_b, "b2", 3),
        (old_b, "b3", 1),
    ):
        Assessment.objects.create(
            campaign=campaign, unit=u[key], status=PUBLISHED, overall_level=level
        )
    apply("tỉnh,SOB,Sở GDĐT B,SOA,Sở GDĐT A,01/07/2025", u["bo"], world.users["national_admin"])
    u["so_a"].refresh_from_db()
    return world, current


def test_each_old_province_keeps_its_own_figures_and_the_mean_is_unweighted(merged):
    world, current = merged
    u = world.units
    (year,) = services.years_by_old_units(u["so_a"], current, "checked")
    assert year.school_year == "2024-2025"
    by_name = {line.label: line for line in year.lines}
    assert set(by_name) == {"Sở GDĐT A", "Sở GDĐT B"}
    assert year.unattributed is None
    # By hand: Sở A had Chu Văn An (2) and Trần Phú (1) published, and the Bộ's drafts of Chu
    # Văn An, Lê Lợi and Trần Phú; Sở B had Bế Văn Đàn (3), b2 (3), b3 (1), and the Bộ's draft
    # of Bế Văn Đàn.
    a, b = by_name["Sở GDĐT A"], by_name["Sở GDĐT B"]
    assert (a.counted, a.total, a.levels["overall_level"]) == (2, 5, {1: 1, 2: 1, 3: 0})
    assert (b.counted, b.total, b.levels["overall_level"]) == (3, 4, {1: 1, 2: 0, 3: 2})
    # Unweighted: (1/2 + 1/3)/2 at level 1, (1/2 + 0)/2 at level 2, (0 + 2/3)/2 at level 3;
    # converted to today's units (weighted by schools) the shares are 2/5, 1/5, 2/5.
    assert year.mean == pytest.approx({1: 250 / 6, 2: 25.0, 3: 100 / 3})
    assert year.mean_cells == ["41,7%", "25%", "33,3%"]
    (converted,) = services._year_lines(u["so_a"], current, "checked")
    assert converted[1].levels["overall_level"] == {1: 2, 2: 1, 3: 2}


def test_the_dashboard_offers_both_readings_labelled(client, merged):
    world, current = merged
    so = world.units["so_a"]
    client.login(username="so_head", password=PASSWORD)
    url = reverse("dashboards:office", args=[so.pk])
    page = client.get(url, {"dot": current.pk}).content.decode()
    assert "<b>Quy đổi theo đơn vị hiện nay</b>" in page
    assert "so_sanh=don_vi_cu" in page and "Bình quân không trọng số" not in page
    page = client.get(url, {"dot": current.pk, "so_sanh": "don_vi_cu"}).content.decode()
    assert "<b>Theo đơn vị cũ</b>" in page
    assert "Sở GDĐT B" in page
    assert "Bình quân không trọng số của 2 đơn vị cũ" in page and "41,7%" in page


def test_a_ward_sees_its_old_communes_and_before_them_the_phong(world):
    """Phòng A1 managed Chu Văn An and Lê Lợi in 2024-2025; communes X1 and X2 in 2025-2026;
    the ward X12 since 1/7/2026."""
    u, so = world.units, world.units["so_a"]
    x1 = create_unit(name="Xã Một", kind=Unit.Kind.COMMUNE, parent=so, code="XA-1")
    x2 = create_unit(name="Xã Hai", kind=Unit.Kind.COMMUNE, parent=so, code="XA-2")
    from chiso.units.services import close_unit, move_unit

    move_unit(u["school"], x1, on=dt.date(2025, 7, 1))
    move_unit(u["sibling"], x2, on=dt.date(2025, 7, 1))
    close_unit(u["phong_a"], on=dt.date(2025, 6, 30))
    Assessment.objects.filter(campaign=world.campaign, unit=u["school"]).update(
        status=PUBLISHED, overall_level=2
    )
    y2526 = Campaign.objects.create(name="CĐS", school_year="2025-2026", owner=so)
    for key, level in (("school", 3), ("sibling", 1)):
        Assessment.objects.create(
            campaign=y2526,
            unit=Unit.objects.get(pk=u[key].pk),
            status=PUBLISHED,
            overall_level=level,
        )
    apply(
        "xã,XA-1,Xã Một,XA-12,Phường Mười Hai,01/07/2026\n"
        "xã,XA-2,Xã Hai,XA-12,Phường Mười Hai,01/07/2026",
        so,
        world.users["so_head"],
    )
    ward = Unit.objects.get(code="XA-12")
    current = Campaign.objects.create(name="CĐS", school_year="2026-2027", owner=so)
    years = services.years_by_old_units(ward, current, "checked")
    assert [y.school_year for y in years] == ["2024-2025", "2025-2026"]
    assert [(ln.label, ln.counted, ln.total) for ln in years[0].lines] == [
        ("Phòng GDĐT A1", 1, 2)  # the Bộ's campaign: Chu Văn An published, Lê Lợi a draft
    ]
    assert [(ln.label, ln.levels["overall_level"][3], ln.levels["overall_level"][1]) for ln in
            years[1].lines] == [("Xã Hai", 0, 1), ("Xã Một", 1, 0)]  # fmt: skip
    assert years[1].mean == pytest.approx({1: 50.0, 2: 0.0, 3: 50.0})
