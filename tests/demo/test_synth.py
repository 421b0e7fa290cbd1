"""`chiso synth` builds the country as it is now: merged provinces, communes managing the
kindergartens, primary and lower-secondary schools, the Sở the upper-secondary schools and GDTX
centres, the district offices closed on 30/6/2025 with their results, three school years."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from chiso.assessments.models import Assessment, Campaign
from chiso.dashboards.services import dashboard
from chiso.demo.synth import SO_TYPES, generate
from chiso.units import naming
from chiso.units.models import Management, Succession, Unit

LAST_DAY = dt.date(2025, 6, 30)


@pytest.fixture
def country(db):
    made = generate(
        provinces=4, communes=24, districts=12, institutions=600, seed=3, prefix="Q",
        say=lambda _: None,
    )  # fmt: skip
    return made, Unit.objects.get(code="Q-BO")


def _units(kind: str, **filters):
    return Unit.objects.filter(code__startswith="Q-", kind=kind, **filters)


def test_the_country_has_todays_provinces_their_predecessors_communes_and_closed_offices(country):
    made, bo = country
    sos = _units(Unit.Kind.DEPARTMENT, is_active=True)
    assert sorted(s.place for s in sos) == ["Huế", "Hà Nội", "Hải Phòng", "Đà Nẵng"]
    # Hải Dương merged into Hải Phòng and Quảng Nam into Đà Nẵng on 1/7/2025.
    merged = {s.place: s for s in _units(Unit.Kind.DEPARTMENT, is_active=False)}
    assert set(merged) == {"Hải Dương", "Quảng Nam"}
    assert merged["Hải Dương"].merged_into.place == "Hải Phòng"
    assert merged["Quảng Nam"].merged_into.place == "Đà Nẵng"
    assert {s.closed_at for s in merged.values()} == {LAST_DAY}
    assert set(
        Succession.objects.filter(predecessor__code__startswith="Q-").values_list(
            "predecessor__place", "successor__place", "effective"
        )
    ) == {
        ("Hải Dương", "Hải Phòng", dt.date(2025, 7, 1)),
        ("Quảng Nam", "Đà Nẵng", dt.date(2025, 7, 1)),
    }
    assert all(s.parent_id == bo.pk for s in [*sos, *merged.values()])
    phongs = _units(Unit.Kind.DISTRICT)
    assert phongs.count() == 12
    assert set(phongs.values_list("is_active", "closed_at")) == {(False, LAST_DAY)}
    assert {p.parent.kind for p in phongs} == {Unit.Kind.DEPARTMENT}
    communes = _units(Unit.Kind.COMMUNE)
    assert communes.count() == 24
    assert all(c.is_active and c.parent.is_active and c.acting_office for c in communes)
    assert all(c.name.startswith("Ủy ban nhân dân ") for c in communes)
    assert _units(Unit.Kind.INSTITUTION, is_active=True).count() == 600
    assert made == {
        "provinces": 4, "merged_provinces": 2, "districts": 12, "communes": 24,
        "institutions": 600, "assessments": made["assessments"],
    }  # fmt: skip


def test_communes_manage_schools_and_the_so_upper_secondary_and_gdtx_today(country):
    schools = _units(Unit.Kind.INSTITUTION).select_related("parent")
    kinds = Counter(
        (s.institution_type in SO_TYPES, s.parent.kind, s.parent.is_active) for s in schools
    )
    assert set(kinds) == {(True, Unit.Kind.DEPARTMENT, True), (False, Unit.Kind.COMMUNE, True)}
    assert kinds[True, Unit.Kind.DEPARTMENT, True] > 0 and kinds[False, Unit.Kind.COMMUNE, True] > 0


def test_each_year_keeps_the_body_that_managed_the_school_then(country):
    rows = Assessment.objects.filter(unit__code__startswith="Q-").select_related(
        "unit__parent", "managing_body__parent", "campaign"
    )
    seen = Counter()
    for a in rows:
        unit, body, year = a.unit, a.managing_body, a.campaign.school_year
        assert body == naming.managing_body(unit, year), (unit.code, year)
        if year == "2024-2025":
            # Its Phòng (for a commune's school) or its province's Sở before the merger; the
            # province that body belonged to is the school's province today.
            expected = Unit.Kind.DEPARTMENT if unit.institution_type in SO_TYPES else "phong"
            assert body.kind == expected
            older_so = body if body.kind == Unit.Kind.DEPARTMENT else body.parent
            today_so = (
                unit.parent if unit.parent.kind == Unit.Kind.DEPARTMENT else unit.parent.parent
            )
            assert (older_so.merged_into or older_so) == today_so
        else:
            assert body == unit.parent
        seen[year, body.kind] += 1
    assert set(seen) == {
        ("2024-2025", Unit.Kind.DISTRICT), ("2024-2025", Unit.Kind.DEPARTMENT),
        ("2025-2026", Unit.Kind.COMMUNE), ("2025-2026", Unit.Kind.DEPARTMENT),
        ("2026-2027", Unit.Kind.COMMUNE), ("2026-2027", Unit.Kind.DEPARTMENT),
    }  # fmt: skip
    # A school that left its Phòng or its merged Sở has the row that says until when; no other.
    moved = Management.objects.filter(unit__code__startswith="Q-")
    assert set(moved.values_list("until", flat=True)) == {LAST_DAY}
    moved_units = set(moved.values_list("unit_id", flat=True))
    for a in rows:
        if a.campaign.school_year == "2024-2025":
            assert (a.unit_id in moved_units) == (a.managing_body_id != a.unit.parent_id)


def test_past_years_are_published_and_this_year_is_in_every_state(country):
    campaigns = {c.school_year: c for c in Campaign.objects.filter(owner__code="Q-BO")}
    assert sorted(campaigns) == ["2024-2025", "2025-2026", "2026-2027"]
    assert [campaigns[y].is_open for y in sorted(campaigns)] == [False, False, True]
    for year in ("2024-2025", "2025-2026"):
        assert set(campaigns[year].assessments.values_list("status", flat=True)) == {"published"}
    now = Counter(campaigns["2026-2027"].assessments.values_list("status", flat=True))
    assert set(now) == set(Assessment.Status.values)
    assert sum(now.values()) < 600  # some schools have not started
    assert campaigns["2026-2027"].review_modes["TH"] == "so"


def test_no_date_is_after_today_or_out_of_the_workflows_order(country):
    today = timezone.localdate()
    fields = ("council_decision_date", "minutes_date", "approval_decision_date")
    stamps = ("submitted_at", "recognised_at", "published_at")
    for a in Assessment.objects.filter(unit__code__startswith="Q-").select_related("campaign"):
        days = [getattr(a, f) for f in fields] + [
            timezone.localdate(getattr(a, f)) if getattr(a, f) else None for f in stamps
        ]
        present = [d for d in days if d is not None]
        assert present == sorted(present), (a.pk, a.status, days)
        assert all(d <= today for d in present)
        year = a.campaign.school_year
        if a.status == Assessment.Status.DRAFT:
            assert present == []
        else:
            assert None not in days[:4]
            assert (a.recognised_at is not None) == (a.status in ("recognised", "published"))
            assert (a.published_at is not None) == (a.status == "published")
        if year == "2024-2025":  # before the Phòng closed
            assert all(d <= LAST_DAY for d in present)
        if year == "2026-2027":  # this school year's decisions: in its autumn, none in 2027
            assert all(dt.date(2026, 9, 1) <= d <= dt.date(2026, 12, 31) for d in present)


def test_a_merged_province_counts_its_predecessors_results_in_the_years_comparison(country):
    da_nang = Unit.objects.get(code__startswith="Q-S", is_active=True, place="Đà Nẵng")
    current = Campaign.objects.get(owner__code="Q-BO", school_year="2026-2027")
    first_year = dict((c.school_year, line) for c, line in dashboard(da_nang, current).years)
    published = Assessment.objects.filter(
        campaign__school_year="2024-2025", unit__path__startswith=da_nang.path
    )
    from_quang_nam = published.exclude(managing_body__path__startswith=da_nang.path)
    assert from_quang_nam.exists()  # results of schools of Quảng Nam's Sở and Phòng then
    line = first_year["2024-2025"]
    assert line.statuses["published"] == published.count()
    assert line.total == _units(Unit.Kind.INSTITUTION, path__startswith=da_nang.path).count()


def test_the_same_seed_builds_the_same_country(db):
    def shape(prefix: str) -> list[tuple[str, str, str | None]]:
        generate(
            provinces=2, communes=6, districts=4, institutions=80, seed=11, prefix=prefix,
            say=lambda _: None,
        )  # fmt: skip
        rows = Assessment.objects.filter(unit__code__startswith=f"{prefix}-").order_by(
            "unit__code", "campaign__school_year"
        )
        return [
            (a.unit.code.split("-", 1)[1], a.unit.name, a.campaign.school_year, a.status,
             a.overall_level, a.managing_body.code.split("-", 1)[1])
            for a in rows.select_related("unit", "campaign", "managing_body")
        ]  # fmt: skip

    assert shape("A") == shape("B")
