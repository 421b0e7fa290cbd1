"""The path to the next level: exact answers, checked against brute force through the real engine."""

import itertools
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from chiso import rubric
from chiso.rubric import paths

from .conftest import full_facts, load_example

# -- small frameworks ----------------------------------------------------------------------------


@st.composite
def small_frameworks(draw: st.DrawFn) -> tuple[rubric.Framework, dict[str, Any]]:
    """A one-group framework of 2–6 items (yes/no, yes/no needing another, count bands, choices,
    percentages) and facts."""
    n = draw(st.integers(2, 6))
    facts: dict[str, Any] = {"plan": draw(st.booleans())}
    specs: dict[str, Any] = {"plan": {"type": "bool", "label": "Kế hoạch"}}
    items, total = [], 0
    for i in range(n):
        kind = draw(st.sampled_from(["yes_no", "needs_prev", "count", "choice", "percent"]))
        if kind == "needs_prev" and i and items[-1]["rule"]["kind"] == "yes_no":
            prev = items[-1]["rule"]["fact"]
            prev = prev if isinstance(prev, str) else None
        else:
            prev = None
        if kind == "choice":
            fid = f"c{i}"
            caps = draw(st.lists(st.integers(0, 9), min_size=3, max_size=3))
            specs[fid] = {
                "type": "choice",
                "label": f"Mức {i}",
                "options": {0: "Không", 1: "Một", 2: "Hai"},
            }
            facts[fid] = str(draw(st.integers(0, 2)))
            rule = {"kind": "choice", "fact": fid, "caps": dict(enumerate(caps))}
            cap = max(max(caps), 1)
            if max(caps) == 0:
                rule["caps"][2] = 1
        elif kind == "percent":
            fid = f"p{i}"
            caps = sorted(draw(st.lists(st.integers(1, 9), min_size=3, max_size=3, unique=True)))
            specs[fid] = {"type": "count", "label": f"Số giáo viên {i}", "unit": "người"}
            specs["den"] = {"type": "count", "label": "Tổng số giáo viên", "unit": "người"}
            facts[fid], facts["den"] = draw(st.integers(0, 10)), 10
            rule = {
                "kind": "percent_bands",
                "numerator": fid,
                "denominator": "den",
                "zero_awards_zero": True,
                "bands": [
                    {"below": 30, "cap": caps[0]},
                    {"from": 30, "to": 60, "cap": caps[1]},
                    {"above": 60, "cap": caps[2]},
                ],
            }
            cap = caps[2]
        elif kind == "count":
            low, high = draw(st.integers(1, 5)), draw(st.integers(6, 12))
            caps = sorted(draw(st.lists(st.integers(1, 9), min_size=3, max_size=3, unique=True)))
            fid = f"n{i}"
            specs[fid] = {"type": "count", "label": f"Số {i}", "unit": "cái"}
            facts[fid] = draw(st.integers(0, 15))
            rule = {
                "kind": "count_bands",
                "fact": fid,
                "zero_awards_zero": True,
                "bands": [
                    {"below": low, "cap": caps[0]},
                    {"from": low, "to": high, "cap": caps[1]},
                    {"above": high, "cap": caps[2]},
                ],
            }
            cap = caps[2]
        else:
            fid = f"b{i}"
            specs[fid] = {"type": "bool", "label": f"Có {i}"}
            facts[fid] = draw(st.booleans())
            cap = draw(st.integers(2, 15))
            rule = {"kind": "yes_no", "fact": [prev, fid] if prev else fid, "cap": cap}
        items.append({"id": f"1.1.{i}", "title": f"Mục {i}", "rule": rule})
        total += cap
    assume(total >= 3)  # two choices capped at 1 leave no room for three levels
    a = draw(st.integers(1, total - 2))
    b = draw(st.integers(a + 1, total - 1))
    data = {
        "id": "tiny",
        "version": 1,
        "status": "draft",
        "decision": {"number": "1/QĐ", "date": "2024-01-01", "issuer": "X", "title": "T"},
        "applies_to": ["TH"],
        "level_names": {1: "M1", 2: "M2", 3: "M3"},
        "group_levels": [
            {"level": 1, "below": a},
            {"level": 2, "from": a, "to": b},
            {"level": 3, "above": b},
        ],
        "mandatory_policy": "cap_group_level_at_1",
        "overall_level": "lowest_group_level",
        "facts": specs,
        "groups": [
            {
                "id": "1",
                "title": "Nhóm",
                "max": total,
                "criteria": [
                    {"id": "1.0", "kind": "mandatory", "fact": "plan", "title": "Kế hoạch"},
                    {
                        "id": "1.1",
                        "title": "Tiêu chí",
                        "max": total,
                        "items": items,
                        "levels": [
                            {"level": 1, "below": 1},
                            {"level": 2, "from": 1, "to": total - 1},
                            {"level": 3, "above": total - 1},
                        ],
                    },
                ],
            }
        ],
    }
    framework = rubric.load_framework_text(yaml.safe_dump(data, allow_unicode=True))
    return framework, facts


def _fact_choices(framework: rubric.Framework, facts: dict[str, Any]) -> dict[str, list[Any]]:
    """Every value a fact can usefully take: the current one, and better ones."""
    choices: dict[str, list[Any]] = {}
    for spec in framework.facts:
        if spec.id in ("plan", "den"):
            continue
        if spec.type == "bool":
            choices[spec.id] = [facts[spec.id], True]
        elif spec.type == "choice":
            choices[spec.id] = ["0", "1", "2"]
        elif spec.id.startswith("p"):
            choices[spec.id] = sorted({facts[spec.id], 1, 3, 6, 7, 10})
        else:
            choices[spec.id] = sorted({facts[spec.id], 1, 5, 6, 12, 13, 20})
    return choices


def _brute_force(
    framework: rubric.Framework, facts: dict[str, Any], wanted: int, effort: dict[str, int]
) -> int | None:
    """The least cost (sum of effort of items whose points rose) over every fact assignment."""
    before = rubric.score(framework, facts)
    base = {i.id: i.awarded for c in before.groups[0].criteria for i in c.items}
    choices = _fact_choices(framework, facts)
    best = None
    for values in itertools.product(*choices.values()):
        trial = dict(facts, **dict(zip(choices, values, strict=True)))
        card = rubric.score(framework, trial)
        group = card.groups[0]
        if (group.rule_level or 0) < wanted:
            continue
        raised = [
            i.id for c in group.criteria for i in c.items if (i.awarded or 0) > (base[i.id] or 0)
        ]
        cost = sum(effort.get(i, 1) for i in raised)
        best = cost if best is None else min(best, cost)
    return best


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_frameworks(), st.booleans(), st.data())
def test_the_cheapest_route_matches_brute_force(case, weighted, data) -> None:
    framework, facts = case
    item_ids = [i.id for i in framework.all_items]
    effort = (
        {i: data.draw(st.integers(1, 4)) for i in item_ids}
        if weighted
        else {i: 1 for i in item_ids}
    )
    card = rubric.score(framework, facts)
    path = paths.group_path(framework, card, "1", effort=effort if weighted else None)
    if path.next_level is None:
        assert card.groups[0].level == 3
        return
    expected = _brute_force(framework, facts, path.next_level, effort)
    if expected is None:
        assert not path.reachable and path.routes == ()
        return
    assert path.reachable
    assert path.best is not None and path.best.cost == expected
    for route in path.routes:
        assert route.cost == expected
        assert card.groups[0].points + route.gain >= (path.threshold or 0)


def test_an_unmet_mandatory_condition_is_a_requirement(framework) -> None:
    card = rubric.score(framework, full_facts(online_teaching_plan=False))
    path = paths.group_path(framework, card, "1")
    assert path.level == 1 and path.next_level == 2
    assert path.missing_points == 0
    assert [r.criterion_id for r in path.requirements] == ["1.1"]
    assert path.routes[0].steps == ()
    assert "điều kiện bắt buộc 1.1" in path.summary()


def test_a_group_at_the_top_has_no_next_level(framework) -> None:
    card = rubric.score(framework, full_facts())
    path = paths.group_path(framework, card, "2")
    assert path.next_level is None and path.routes == ()
    assert "mức cao nhất" in path.summary()


def test_s1_paths(framework) -> None:
    s1 = load_example("s1_chu_van_an")
    card = rubric.score(framework, s1["facts"], s1.get("awarded"))
    one, two = paths.paths(framework, card)
    assert (one.points, one.level, one.next_level, one.missing_points) == (32, 1, 2, 18)
    assert one.best is not None and one.best.cost == 2
    # Group 2 at 58 points needs more than 75: the e-gradebook and e-transcript alone give 20.
    assert (two.points, two.level, two.next_level) == (58, 2, 3)
    assert two.best is not None and two.best.item_ids == ("2.3.c",)
    assert "hơn 17 điểm" in two.summary()


def test_lms_functions_need_the_lms(framework) -> None:
    facts = full_facts(
        lms_deployed=False,
        live_teaching_software=False,
        approved_digital_materials=0,
        computer_room_exams=False,
        exam_software_linked=False,
        studio_room=False,
    )
    card = rubric.score(framework, facts)
    path = paths.group_path(framework, card, "1")
    for route in path.routes:
        ids = set(route.item_ids)
        if ids & {"1.3.c1", "1.3.c2", "1.3.c3", "1.3.c4"}:
            assert "1.3.b" in ids


def test_effort_weights_change_the_answer(framework) -> None:
    s1 = load_example("s1_chu_van_an")
    card = rubric.score(framework, s1["facts"], s1.get("awarded"))
    cheap = paths.group_path(framework, card, "2")
    assert cheap.best is not None and cheap.best.item_ids == ("2.3.c",)
    heavy = paths.group_path(framework, card, "2", effort={"2.3.c": 10})
    assert heavy.best is not None and "2.3.c" not in heavy.best.item_ids
    assert heavy.best.cost < 10


def test_diff_lists_what_moved(framework) -> None:
    before = rubric.score(framework, full_facts(cashless_fees=False, online_teaching_plan=False))
    after = rubric.score(framework, full_facts())
    changes = {(c.kind, c.id): c for c in paths.diff(before, after)}
    assert changes[("item", "2.4.c")].delta == 10
    assert changes[("criterion", "2.4")].direction == "up"
    assert changes[("group", "2")].before == 90 and changes[("group", "2")].after == 100
    assert changes[("mandatory", "1.1")].after == 1
    assert ("item", "2.4.a") not in changes
    assert paths.diff(after, after) == ()


def test_steps_say_what_reaching_a_band_asks(framework) -> None:
    facts = full_facts(approved_digital_materials=0, teachers_building_materials=0)
    card = rubric.score(framework, facts)
    candidates = paths._candidates(framework, framework.group("1"), card.group("1"), {})
    by_id = {c.id: [o.how for o in c.options] for c in candidates}
    assert by_id["1.4.a"] == ["ít nhất 1 học liệu", "ít nhất 20 học liệu", "trên 40 học liệu"]
    assert by_id["1.6.c"] == ["trên 0%", "ít nhất 30%", "trên 60%"]


def test_a_criterion_awarded_as_a_whole_is_raised_as_a_whole(framework) -> None:
    card = rubric.score(framework, full_facts(), {"1.3": 6, "1.5": 0, "1.4": 0, "1.7": 0})
    path = paths.group_path(framework, card, "1")
    # 6 + 0 + 0 + 20 (1.6 from facts) + 0 = 26: Mức độ 1, 24 points short of 50.
    assert (path.points, path.level, path.next_level, path.missing_points) == (26, 1, 2, 24)
    ids = {i for r in path.routes for i in r.item_ids}
    assert ids and ids <= {"1.3", "1.4", "1.5", "1.7"}
    best = path.best
    assert best is not None and best.item_ids == ("1.3",)
    assert (best.steps[0].current, best.steps[0].target) == (6, 30)


def test_missing_facts_count_as_zero_and_are_said(framework) -> None:
    facts = full_facts()
    del facts["studio_room"], facts["computer_room_exams"], facts["exam_software_linked"]
    card = rubric.score(framework, facts)
    path = paths.group_path(framework, card, "1")
    assert not path.complete
    assert "chưa đủ dữ kiện" in path.summary()
    assert path.best is not None
