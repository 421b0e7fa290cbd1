from chiso import rubric
from tests.rubric.conftest import full_facts, load_example


def test_it_finds_every_contradiction_in_s0(framework):
    data = load_example("s0_be_van_dan")
    findings = rubric.check(framework, data["stated"], facts=data["facts"])
    by_code: dict[str, list] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)

    # 1-2. The narrative's "62/100" for both groups against the appendix's 60 and 58.
    duplicates = [f.message for f in by_code["duplicate_value"] if f.severity == "error"]
    assert any("nhóm tiêu chí 1" in m and "62" in m and "60" in m for m in duplicates)
    assert any("nhóm tiêu chí 2" in m and "62" in m and "58" in m for m in duplicates)
    sums = [f.message for f in by_code["sum_mismatch"]]
    assert any("19 + 6 + 11 + 13 + 11 = 60" in m for m in sums)
    assert any("47 + 11 = 58" in m for m in sums)
    # 3. 50 materials built this year, but 41 in total.
    (relation,) = by_code["relation"]
    assert "50" in relation.message and "41" in relation.message
    # 4-5. "7" and "4" criteria at Mức độ 2: the groups have 5 and 2 levelled criteria.
    counts = [f.message for f in by_code["level_count"]]
    assert any("Nêu 7 tiêu chí nhóm 1" in m and "5 tiêu chí" in m for m in counts)
    assert any("Nêu 4 tiêu chí nhóm 2" in m and "2 tiêu chí" in m for m in counts)
    # 6. The school's name differs between the report and the appendix.
    (name,) = [f for f in by_code["duplicate_value"] if f.severity == "warning"]
    assert "Bế Đàn" in name.message and "Bế Văn Đàn" in name.message
    # 7-8. "Có" answers a question that asks "đúng hạn / trễ hạn".
    assert len(by_code["answer_mismatch"]) == 2
    # Its percentages (10/39 = 25,6% …), its total 118 and its levels are right: nothing else.
    assert set(by_code) == {
        "duplicate_value",
        "sum_mismatch",
        "relation",
        "level_count",
        "answer_mismatch",
    }
    assert all(f.where for f in findings)


def test_every_finding_says_where(framework):
    data = load_example("s0_be_van_dan")
    findings = rubric.check(framework, data["stated"], facts=data["facts"])
    assert any("Phụ lục, cột «Điểm Dạy học»" in f.where for f in findings)
    assert any("Bảng 2.1" in f.where for f in findings)


def test_it_flags_points_above_a_cap(framework):
    stated = [{"criterion": "1.4", "points": 12, "where": "Phụ lục"}]
    (finding,) = rubric.check(framework, stated)
    assert (finding.code, finding.severity, finding.where) == ("above_cap", "error", "Phụ lục")


def test_it_flags_points_above_what_the_facts_allow(framework):
    stated = [{"criterion": "1.4", "points": 8, "where": "Phụ lục"}]
    findings = rubric.check(framework, stated, facts={"approved_digital_materials": 25})
    assert [f.code for f in findings] == ["above_fact_cap"]


def test_it_flags_a_level_the_rule_does_not_give(framework):
    stated = [{"group": "2", "points": 75, "level": 3, "where": "Báo cáo"}]
    (finding,) = rubric.check(framework, stated)
    assert finding.code == "level_mismatch"
    assert "Mức độ 3" in finding.message and "Mức độ 2" in finding.message


def test_it_warns_of_a_level_claimed_with_an_unmet_mandatory_condition(framework):
    stated = [{"group": "1", "points": 80, "level": 3}]
    findings = rubric.check(framework, stated, facts=full_facts(online_teaching_plan=False))
    assert [f.code for f in findings] == ["mandatory_level"]


def test_it_flags_a_percentage_that_is_not_count_over_total(framework):
    stated = [
        {"percent": "25,6", "numerator": 10, "denominator": 39, "where": "dòng 2"},
        {"percent": "26,6", "numerator": 10, "denominator": 39, "where": "dòng 3"},
        {"percent": 12, "numerator": 5, "denominator": 39, "where": "dòng 4"},
    ]
    findings = rubric.check(framework, stated)
    assert [f.where for f in findings] == ["dòng 3"]
    assert "25,64%" in findings[0].message


def test_it_flags_items_that_do_not_add_up_to_their_criterion(framework):
    stated = [
        {"criterion": "1.6", "points": 17},
        {"item": "1.6.a", "points": 7},
        {"item": "1.6.b", "points": 7},
        {"item": "1.6.c", "points": 2},
    ]
    (finding,) = rubric.check(framework, stated)
    assert finding.code == "sum_mismatch" and "16" in finding.message


def test_it_flags_a_total_that_is_not_the_sum_of_the_groups(framework):
    stated = {"groups": {"1": 60, "2": 58}, "total": 120}
    (finding,) = rubric.check(framework, stated)
    assert finding.code == "sum_mismatch" and finding.where == "stated.total"


def test_a_consistent_document_has_no_findings(framework):
    stated = {
        "groups": {"1": {"points": 60, "level": 2}, "2": 58},
        "criteria": {"2.3": 47, "2.4": 11},
        "total": 118,
    }
    assert rubric.check(framework, stated) == []


def test_stated_facts_are_compared_with_the_facts(framework):
    stated = [{"fact": "approved_digital_materials", "value": 45, "where": "mục II"}]
    (finding,) = rubric.check(framework, stated, facts={"approved_digital_materials": 41})
    assert finding.code == "duplicate_value"


def test_unreadable_statements_raise_a_clear_error(framework):
    import pytest

    with pytest.raises(rubric.StatedError, match="đúng một đối tượng"):
        rubric.check(framework, [{"where": "dòng 1", "value": 3}])
    with pytest.raises(rubric.StatedError, match="không phải là một số"):
        rubric.check(framework, [{"group": "1", "points": "sáu mươi"}])


def test_awarded_from_stated_takes_single_valued_points(framework):
    data = load_example("s0_be_van_dan")
    awards = rubric.awarded_from_stated(framework, data["stated"])
    assert awards == {"1.3": 19, "1.4": 6, "1.5": 11, "1.6": 13, "1.7": 11, "2.3": 47, "2.4": 11}
