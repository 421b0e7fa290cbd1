"""Every office figure agrees with every other (issue: one truth): over a synthetic province in
random states, for every office and every counting basis, the dashboard, the level statistics
(XLSX, DOCX), the consolidated table (XLSX, DOCX), the periodic-report figures and the API give
the same counts, the same denominators and the same levels, and these match a count made one
unit at a time in plain Python."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from chiso.assessments import scoring, tally
from chiso.assessments.models import Assessment, Campaign
from chiso.dashboards.services import dashboard
from chiso.periodic import figures
from chiso.units.models import Membership, Unit
from chiso.units.services import create_unit
from tests.api.test_api import bearer
from tests.conftest import COMPLETE_FACTS, PASSWORD, World

STATES = [None, *Assessment.Status.values]  # None: not started
MEASURES = ("group1_level", "group2_level", "overall_level")
SHEETS = {"Nhóm 1": "group1_level", "Nhóm 2": "group2_level", "Chung": "overall_level"}

# Facts that move the levels (the rest of a complete answer stays as COMPLETE_FACTS has it);
# an empty answer leaves the levels undetermined.
facts_strategy = st.one_of(
    st.just({}),
    st.fixed_dictionaries(
        {
            "approved_digital_materials": st.sampled_from([0, 10, 41]),
            "teachers_with_training_account": st.sampled_from([0, 20, 39]),
            "classrooms_equipped": st.sampled_from([0, 10, 20]),
            "lms_deployed": st.booleans(),
            "e_gradebook": st.booleans(),
            "accounting_module": st.booleans(),
            "online_admission": st.booleans(),
            "cashless_fees": st.booleans(),
            "it_plan": st.booleans(),  # a mandatory condition
        }
    ).map(lambda moved: {**COMPLETE_FACTS, **moved}),
)


@pytest.fixture
def province(db: Any, django_user_model: Any) -> World:
    """A Sở with two Phòng and schools of several types, two of them directly under the Sở."""
    w = World()
    u = w.units
    u["so"] = create_unit(name="Sở GDĐT Thử", kind=Unit.Kind.DEPARTMENT, code="SOT")
    u["phong_x"] = create_unit(name="Phòng GDĐT X", kind=Unit.Kind.DISTRICT, parent=u["so"])
    u["phong_y"] = create_unit(name="Phòng GDĐT Y", kind=Unit.Kind.DISTRICT, parent=u["so"])
    schools = [
        ("phong_x", "MN"), ("phong_x", "TH"), ("phong_x", "TH"), ("phong_x", "THCS"),
        ("phong_y", "TH"), ("phong_y", "THCS"), ("phong_y", "TH_THCS"),
        ("so", "THPT"), ("so", "THPT"),
    ]  # fmt: skip
    w.schools = [
        create_unit(
            name=f"Trường {n + 1:02d} {kind}",
            kind=Unit.Kind.INSTITUTION,
            parent=u[parent],
            institution_type=kind,
            code=f"T{n + 1:02d}",
        )
        for n, (parent, kind) in enumerate(schools)
    ]
    for office in ("so", "phong_x", "phong_y"):
        user = django_user_model.objects.create_user(f"head_{office}", password=PASSWORD)
        Membership.objects.create(user=user, unit=u[office], role=Membership.Role.OFFICE_HEAD)
        w.users[office] = user
    w.campaign = Campaign.objects.create(
        name="Đánh giá CĐS", school_year="2025-2026", owner=u["so"]
    )
    return w


def _set_states(world: World, states: list[tuple[str | None, dict[str, Any]]]) -> None:
    Assessment.objects.filter(campaign=world.campaign).delete()
    for unit, (status, facts) in zip(world.schools, states, strict=True):
        if status is None:
            continue
        a = Assessment(campaign=world.campaign, unit=unit, status=status, facts=facts)
        scoring.store_figures(a, scoring.scorecard(a))
        a.save()


def _independent(world: World, office: Unit, basis: str) -> dict[str, Any]:
    """The office's overall figures counted one unit at a time."""
    units = [u for u in world.schools if u.path.startswith(office.path)]
    by_unit = {a.unit_id: a for a in Assessment.objects.filter(campaign=world.campaign)}
    statuses: Counter[str] = Counter()
    levels = {m: Counter() for m in MEASURES}
    for unit in units:
        a = by_unit.get(unit.pk)
        statuses[a.status if a else "not_started"] += 1
        if a is not None and a.status in tally.BASES[basis]:
            for m in MEASURES:
                if getattr(a, m) in (1, 2, 3):
                    levels[m][getattr(a, m)] += 1
    counted = sum(n for s, n in statuses.items() if s in tally.BASES[basis])
    return {
        "total": len(units),
        "counted": counted,
        "statuses": +statuses,
        "levels": {m: tuple(levels[m][level] for level in (1, 2, 3)) for m in MEASURES},
    }


def _line(line: tally.Line) -> dict[str, Any]:
    return {
        "total": line.total,
        "counted": line.counted,
        "statuses": +Counter(line.statuses),
        "levels": {m: tuple(line.levels[m][level] for level in (1, 2, 3)) for m in MEASURES},
    }


def _statistics_xlsx(content: bytes) -> dict[str, dict[str, Any]]:
    """label → total, counted and levels per measure, from the three sheets."""
    out: dict[str, dict[str, Any]] = {}
    workbook = load_workbook(io.BytesIO(content))
    for sheet, measure in SHEETS.items():
        for row in workbook[sheet].iter_rows(min_row=5, values_only=True):
            if not row[1] or not isinstance(row[2], int):
                continue
            line = out.setdefault(row[1], {"total": row[2], "counted": row[3], "levels": {}})
            assert (line["total"], line["counted"]) == (row[2], row[3])
            line["levels"][measure] = (row[4], row[6], row[8])
    return out


def _statistics_docx(content: bytes) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    tables = Document(io.BytesIO(content)).tables[1:4]
    for table, measure in zip(tables, MEASURES, strict=True):
        for row in table.rows[2:]:
            cells = [c.text for c in row.cells]
            parts = re.fullmatch(r"(\d+)/(\d+)", cells[2])
            if not parts:
                continue  # a section's title
            line = out.setdefault(
                cells[1], {"total": int(parts[2]), "counted": int(parts[1]), "levels": {}}
            )
            line["levels"][measure] = tuple(int(cells[i]) for i in (3, 5, 7))
    return out


def _consolidated(rows: list[list[Any]]) -> dict[str, Any]:
    """rows: (name, state, group 1 level, group 2 level, has figures)."""
    counted = [r for r in rows if r[4]]
    return {
        "total": len(rows),
        "counted": len(counted),
        "levels": {
            m: tuple(sum(1 for r in counted if str(r[i]) == str(level)) for level in (1, 2, 3))
            for m, i in (("group1_level", 2), ("group2_level", 3))
        },
        "drafts_marked": all("dự thảo" in r[1] for r in rows if r[1].startswith("Đang soạn")),
    }


def _by_header(header: list[Any], rows: list[Any]) -> list[list[Any]]:
    """(name, state, group 1 level, group 2 level, has figures) by the columns' titles."""
    at = {title: i for i, title in enumerate(header)}
    g1, g2, points = at["Mức độ nhóm 1"], at["Mức độ nhóm 2"], at["Điểm nhóm 1"]
    return [
        [r[at["Tên đơn vị"]], r[at["Trạng thái"]], r[g1], r[g2], r[points] not in (None, "")]
        for r in rows
    ]


def _consolidated_xlsx(content: bytes) -> dict[str, Any]:
    sheet = load_workbook(io.BytesIO(content)).active
    header = [c.value for c in sheet[3]]
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1]]
    return _consolidated(_by_header(header, rows))


def _consolidated_docx(content: bytes) -> dict[str, Any]:
    table = next(
        t for t in Document(io.BytesIO(content)).tables if t.rows[0].cells[0].text == "STT"
    )
    rows = [[c.text for c in row.cells] for row in table.rows]
    return _consolidated(_by_header(rows[0], rows[1:]))


def _levels_of(line: dict[str, Any], measures: tuple[str, ...]) -> dict[str, Any]:
    return {m: line["levels"][m] for m in measures}


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(states=st.lists(st.tuples(st.sampled_from(STATES), facts_strategy), min_size=9, max_size=9))
def test_every_office_figure_agrees_on_counts_denominators_and_levels(client, province, states):
    world = province
    _set_states(world, states)
    campaign = world.campaign
    for key in ("so", "phong_x", "phong_y"):
        office = world.units[key]
        client.force_login(world.users[key])
        auth = bearer(world, key)
        for basis in tally.BASES:
            expected = _independent(world, office, basis)
            counts = tally.office_tally(office, campaign, basis)
            assert _line(counts.overall) == expected, (key, basis)
            line = counts.overall
            for m in MEASURES:  # every level named: they add up to those counted
                assert sum(line.levels[m].values()) + line.unleveled(m) == line.counted

            board = dashboard(office, campaign, basis)
            assert _line(board.overall) == expected
            by_label = {x.label: _line(x) for x in [*counts.by_type, *counts.by_sub_unit]}
            assert {x.label: _line(x) for x in [*board.by_type, *board.by_sub_unit]} == by_label

            api = client.get(f"/api/v1/dashboards/{office.pk}/?basis={basis}", **auth).json()
            assert api["basis"] == basis and api["overall"]["sentence"] == line.sentence()
            assert (api["overall"]["total"], api["overall"]["counted"]) == (
                expected["total"],
                expected["counted"],
            )
            assert {
                m: tuple(api["overall"]["levels"][k][str(level)] for level in (1, 2, 3))
                for m, k in zip(MEASURES, ("group1", "group2", "overall"), strict=True)
            } == expected["levels"]

            query = f"?basis={basis}&campaign={campaign.pk}"
            screens = [
                (_statistics_xlsx, f"/don-vi/{office.pk}/thong-ke.xlsx{query}"),
                (_statistics_docx, f"/don-vi/{office.pk}/thong-ke.docx{query}"),
                (
                    _statistics_xlsx,
                    f"/api/v1/exports/{office.pk}/level-statistics/{query}&format=xlsx",
                ),
            ]
            for parse, url in screens:
                tables = parse(client.get(url, **auth).content)
                overall = tables["Toàn đơn vị"]
                assert (overall["total"], overall["counted"]) == (
                    expected["total"],
                    expected["counted"],
                ), url
                assert overall["levels"] == expected["levels"], url
                for label, figures_ in by_label.items():
                    if label in tables:  # sub-units are printed when there are several
                        assert tables[label]["total"] == figures_["total"], (url, label)
                        assert tables[label]["counted"] == figures_["counted"], (url, label)
                        assert tables[label]["levels"] == figures_["levels"], (url, label)
                types = {x.label for x in counts.by_type}
                assert types <= set(tables), url

            for parse, url in [
                (_consolidated_xlsx, f"/don-vi/{office.pk}/tong-hop.xlsx{query}"),
                (_consolidated_docx, f"/don-vi/{office.pk}/tong-hop.docx{query}"),
                (_consolidated_xlsx, f"/api/v1/exports/{office.pk}/consolidated/{query}"),
            ]:
                table = parse(client.get(url, **auth).content)
                assert (table["total"], table["counted"]) == (
                    expected["total"],
                    expected["counted"],
                ), url
                assert table["levels"] == _levels_of(expected, ("group1_level", "group2_level"))
                assert table["drafts_marked"], url

            values = figures.values(figures.scope_for(office, campaign, "", basis))
            assert values["so_co_so"] == str(expected["total"])
            assert values["so_duoc_tinh"] == f"{expected['counted']}/{expected['total']} cơ sở"
            assert (
                tuple(int(values[f"so_muc_{level}"]) for level in (1, 2, 3))
                == (expected["levels"]["overall_level"])
            )
            assert values["cau_muc_do"] == line.sentence()
            table = figures.TABLES["thong_ke_muc_do"][1](
                figures.scope_for(office, campaign, "", basis)
            )
            for row, m in zip(table.rows, MEASURES, strict=True):
                assert row[1] == f"{expected['counted']}/{expected['total']}"
                assert tuple(int(row[i]) for i in (2, 4, 6)) == expected["levels"][m]
