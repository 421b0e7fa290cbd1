import json

import pytest

from chiso import rubric
from tests.rubric.conftest import full_facts


def test_the_explanation_says_why(framework):
    card = rubric.score(framework, {"approved_digital_materials": 41})
    assert card.item("1.4.a").explanation == "41 học liệu, trên 40 → tối đa 10 điểm"


def test_a_percentage_explanation_uses_the_vietnamese_decimal_comma(framework):
    card = rubric.score(framework, {"teachers_total": 39, "teachers_building_materials": 10})
    assert card.item("1.6.c").explanation == "10/39 giáo viên = 25,6%, dưới 30% → tối đa 2 điểm"


def test_awarded_defaults_to_the_cap(framework):
    card = rubric.score(framework, full_facts())
    assert card.group("1").points == 100
    assert card.group("2").points == 100
    assert card.item("2.3.c").awarded == card.item("2.3.c").cap == 20


def test_points_may_be_set_lower_with_a_reason(framework):
    card = rubric.score(
        framework, full_facts(), {"1.4.a": {"points": 6, "reason": "chưa đủ minh chứng"}}
    )
    item = card.item("1.4.a")
    assert (item.cap, item.awarded, item.reason) == (10, 6, "chưa đủ minh chứng")
    assert "chấm 6 điểm (lý do: chưa đủ minh chứng)" in item.explanation
    assert card.criterion("1.4").points == 6
    assert card.group("1").points == 96


def test_half_points_are_accepted_and_exact(framework):
    card = rubric.score(framework, full_facts(), {"1.4.a": "6,5"})
    assert card.to_dict()["groups"][0]["points"] == 96.5
    assert card.group("1").level == 3


def test_points_above_the_cap_are_refused(framework):
    with pytest.raises(rubric.InvalidInput) as info:
        rubric.score(framework, {"approved_digital_materials": 25}, {"1.4.a": 8})
    assert "mục 1.4.a" in str(info.value)
    assert "vượt điểm tối đa 6 điểm" in str(info.value)


def test_criterion_points_above_the_facts_cap_are_refused(framework):
    with pytest.raises(rubric.InvalidInput) as info:
        rubric.score(framework, full_facts(lms_deployed=False), {"1.3": 30})
    assert "tiêu chí 1.3" in str(info.value)


def test_negative_and_unknown_awards_are_refused(framework):
    with pytest.raises(rubric.InvalidInput) as info:
        rubric.score(framework, {}, {"1.4.a": -1, "9.9": 3, "1.5.a": "nhiều"})
    message = str(info.value)
    assert "không được âm" in message and "9.9" in message and "'nhiều'" in message


def test_bad_fact_values_say_which_fact(framework):
    with pytest.raises(rubric.InvalidInput) as info:
        rubric.score(framework, {"approved_digital_materials": "bốn mươi", "studio_room": "có lẽ"})
    message = str(info.value)
    assert "approved_digital_materials" in message and "bốn mươi" in message
    assert "studio_room" in message


def test_missing_facts_are_reported_not_guessed(framework):
    card = rubric.score(framework, {"approved_digital_materials": 41})
    assert card.criterion("1.3").complete is False
    assert card.criterion("1.3").level is None
    assert card.group("1").level is None
    assert card.item("1.3.a").status == "missing"
    assert card.item("1.3.a").awarded is None
    assert "live_teaching_software" in card.missing_facts
    assert "online_teaching_plan" in card.missing_facts
    assert card.criterion("1.4").level == 3


def test_facts_in_words_are_understood(framework):
    card = rubric.score(
        framework, full_facts(studio_room="Có", e_transcript="không", teachers_total="40")
    )
    assert card.item("1.7.c").cap == 5
    assert card.item("2.3.c").cap == 0


def test_an_unknown_fact_is_a_warning_not_a_crash(framework):
    card = rubric.score(framework, full_facts(zalo_group=True))
    assert [f.code for f in card.findings] == ["unknown_fact"]


def test_a_rate_above_100_percent_is_an_error_finding(framework):
    card = rubric.score(framework, full_facts(teachers_with_training_account=41))
    item = card.item("1.6.a")
    assert item.status == "invalid" and item.cap is None
    assert any(f.code == "invalid_fact" and f.where == "mục 1.6.a" for f in card.findings)


def test_an_unmet_mandatory_condition_keeps_the_group_at_level_1(framework):
    card = rubric.score(framework, full_facts(online_teaching_regulation=False))
    group = card.group("1")
    assert group.points == 100
    assert group.rule_level == 3
    assert group.level == 1
    assert group.mandatory_met is False
    assert "1.2" in group.explanation
    assert card.group("2").level == 3
    assert any(f.code == "mandatory_unmet" for f in card.findings)


def test_the_overall_level_is_a_labelled_convention(framework):
    card = rubric.score(framework, full_facts(), {"2.3": 30})
    assert card.group("1").level == 3 and card.group("2").level == 2
    assert card.overall_level == 2
    assert card.to_dict()["overall"] == {"level": 2, "convention": "lowest_group_level"}


def test_the_result_is_plain_json_and_deterministic(framework):
    first = json.dumps(rubric.score(framework, full_facts()).to_dict(), ensure_ascii=False)
    second = json.dumps(rubric.score(framework, full_facts()).to_dict(), ensure_ascii=False)
    assert first == second
    data = json.loads(first)
    assert data["groups"][0]["criteria"][0]["id"] == "1.3"
    assert data["groups"][0]["criteria"][0]["items"][0]["explanation"] == "Có → tối đa 6 điểm"


def test_criterion_explanations_give_the_level_band(framework):
    card = rubric.score(framework, {}, {"1.3": 19})
    assert (
        card.criterion("1.3").explanation
        == "Chấm 19 điểm cho cả tiêu chí: từ 10 đến 20 điểm → Mức độ 2"
    )
