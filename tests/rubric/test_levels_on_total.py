"""Levels set on the total of the whole index (`overall_level: total`), as Quyết định 3806 is now
known to set them: below 50, 50 to 75, above 75 of the 100 points the groups share; the groups
have no level of their own. 4725 keeps its levels per group."""

from __future__ import annotations

import pytest

from chiso import rubric
from chiso.rubric import paths
from chiso.rubric.definitions import Figure

TWO_GROUPS = """
id: total-test
version: 1
level_names: {1: "Một", 2: "Hai", 3: "Ba"}
overall_level: total
total_levels:
  - {level: 1, below: 50}
  - {level: 2, from: 50, to: 75}
  - {level: 3, above: 75}
mandatory_policy: cap_group_level_at_1
facts:
  plan: {type: bool, label: "Có kế hoạch"}
  a: {type: count, label: "Điểm nhóm A"}
  b: {type: count, label: "Điểm nhóm B"}
groups:
  - id: "A"
    title: "Nhóm A"
    max: 60
    criteria:
      - {id: "A.0", kind: mandatory, fact: plan, title: "Có kế hoạch"}
      - id: "A.1"
        title: "A"
        max: 60
        levels: [{level: 1, below: 30}, {level: 2, from: 30, to: 45}, {level: 3, above: 45}]
        items:
          - id: "A.1.a"
            title: "A"
            rule:
              kind: count_bands
              fact: a
              bands: [{below: 30, cap: 0}, {from: 30, below: 60, cap: 30}, {from: 60, cap: 60}]
  - id: "B"
    title: "Nhóm B"
    max: 40
    criteria:
      - id: "B.1"
        title: "B"
        max: 40
        levels: [{level: 1, below: 16}, {level: 2, from: 16, to: 30}, {level: 3, above: 30}]
        items:
          - id: "B.1.a"
            title: "B"
            rule:
              kind: count_bands
              fact: b
              bands:
                - {below: 16, cap: 0}
                - {from: 16, below: 20, cap: 16}
                - {from: 20, below: 25, cap: 20}
                - {from: 25, below: 40, cap: 25}
                - {from: 40, cap: 40}
"""


def three_eight_oh_six_facts(api_connected: Figure) -> dict[str, object]:
    """Facts giving group 1 thirty points; group 2 gets 19 + 2.1.a's points."""
    return {
        "dt_steering_body": True,
        "dt_yearly_plan": True,
        "directive_documents": 3,  # 1.3.a: 5
        "external_assessment_done": True,  # 1.3.b: 5
        "outgoing_documents": 100,
        "outgoing_documents_signed": 90,  # 1.4.a: 8
        "e_office_in_use": True,  # 1.4.b: 5
        "online_meetings": True,  # 1.4.c: 2
        "online_public_services": True,  # 1.4.d: 5
        "sector_db_for_management": False,
        "security_regulation": False,
        "portal_publishes_results": False,
        "staff_total": 10,
        "staff_trained_digital": 0,
        "api_connected": api_connected,
        "online_admission": Figure(8, 10),  # 2.2.a: 10
        "teaching_level_2": Figure(0, 10),  # 2.3.a: 3
        "teaching_average": Figure(0, 0),  # 2.3.b: 0
        "management_level_2": Figure(0, 10),  # 2.4.a: 4
        "on_time": Figure(0, 10),  # 2.5.a: 2
    }


def test_a_3806_scorecard_of_30_and_25_points_is_at_level_2_on_its_total():
    fw = rubric.load_framework("qd3806-2024")
    card = rubric.score(fw, three_eight_oh_six_facts(Figure(5, 10)))  # 2.1.a: 6
    assert [g.points for g in card.groups] == [30, 25]
    assert card.total == 55 and card.total_max == 100
    assert card.overall_level == 2
    assert card.overall_convention == "total"
    # Neither group has a level of its own: 30 of 50 would have been level 1 per group at 50/75.
    assert [g.level for g in card.groups] == [None, None]
    assert "Tổng 55/100 điểm: từ 50 đến 75 điểm → Mức độ 2" in card.overall_explanation
    assert "mức độ xét trên tổng điểm" in card.group("1").explanation
    data = card.to_dict()["overall"]
    assert (data["points"], data["max"], data["level"]) == (55, 100, 2)


def test_the_3806_groups_share_the_100_points_and_the_split_is_marked_provisional():
    fw = rubric.load_framework("qd3806-2024")
    assert fw.max == 100 and fw.levels_on_total
    assert fw.is_provisional
    assert "tạm chia 50/50" in fw.note
    assert "tổng điểm toàn bộ chỉ số" in fw.note


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [(30, 19, 1), (30, 20, 2), (30, 25, 2), (60, 16, 3), (60, 0, 2), (0, 40, 1)],
)
def test_the_level_follows_the_total_at_each_edge(a, b, level):
    fw = rubric.load_framework_text(TWO_GROUPS)
    card = rubric.score(fw, {"plan": True, "a": a, "b": b})
    total = (60 if a >= 60 else 30 if a >= 30 else 0) + card.group("B").points
    assert card.total == total
    assert card.overall_level == level


def test_an_unmet_mandatory_condition_holds_the_total_at_level_1():
    fw = rubric.load_framework_text(TWO_GROUPS)
    card = rubric.score(fw, {"plan": False, "a": 60, "b": 40})
    assert card.total == 100
    assert (card.overall_rule_level, card.overall_level) == (3, 1)
    assert "điều kiện bắt buộc A.0 chưa đáp ứng" in card.overall_explanation


def test_missing_facts_leave_the_total_without_a_level():
    fw = rubric.load_framework_text(TWO_GROUPS)
    card = rubric.score(fw, {"plan": True, "a": 60})
    assert card.overall_level is None
    assert "chưa đủ dữ kiện" in card.overall_explanation


def test_the_path_to_the_next_level_is_searched_over_the_whole_index():
    fw = rubric.load_framework_text(TWO_GROUPS)
    card = rubric.score(fw, {"plan": True, "a": 30, "b": 16})  # 46: level 1
    (path,) = paths.paths(fw, card)
    assert (path.level, path.next_level, path.missing_points) == (1, 2, 4)
    assert path.best is not None and path.best.item_ids == ("B.1.a",)
    assert path.summary().startswith("Toàn bộ chỉ số lên Mức độ 2: cần thêm ít nhất 4 điểm")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"total_levels": None}, "thiếu ngưỡng mức độ"),
        (
            {"total_levels": [{"level": 1, "below": 50}, {"level": 2, "from": 50, "to": 90}]},
            "total_levels",
        ),
        ({"group_levels": [{"level": 1, "from": 0}]}, "hãy xóa group_levels"),
    ],
)
def test_the_loader_refuses_total_levels_that_do_not_fit(change, message):
    import yaml

    data = yaml.safe_load(TWO_GROUPS)
    data.update(change)
    with pytest.raises(rubric.RubricError) as info:
        rubric.load_framework_text(yaml.safe_dump(data, allow_unicode=True))
    assert message in str(info.value)


def test_total_levels_are_refused_when_the_levels_are_per_group():
    import yaml

    data = yaml.safe_load(TWO_GROUPS)
    data["overall_level"] = "lowest_group_level"
    data["group_levels"] = data["total_levels"]
    with pytest.raises(rubric.RubricError) as info:
        rubric.load_framework_text(yaml.safe_dump(data, allow_unicode=True))
    assert "chỉ dùng total_levels khi overall_level là total" in str(info.value)


def test_4725_keeps_its_levels_per_group():
    fw = rubric.load_framework("qd4725-2022")
    assert not fw.levels_on_total and fw.total_levels == ()
    card = rubric.score(fw, {})
    assert card.overall_convention == "lowest_group_level"
    assert card.total is None
    assert "points" not in card.to_dict()["overall"]
