from pathlib import Path

import pytest
import yaml

from chiso import rubric
from chiso.rubric.loading import FRAMEWORKS_DIR


def shipped() -> dict:
    return yaml.safe_load((FRAMEWORKS_DIR / "qd4725-2022.yaml").read_text(encoding="utf-8"))


def load(data: dict) -> rubric.Framework:
    return rubric.load_framework_text(yaml.safe_dump(data, allow_unicode=True), source="thu.yaml")


def problems_of(data: dict) -> list[tuple[str, str]]:
    with pytest.raises(rubric.RubricError) as info:
        load(data)
    assert str(info.value).startswith("thu.yaml: ")
    return info.value.problems


def criterion(data: dict, criterion_id: str) -> dict:
    return next(c for g in data["groups"] for c in g["criteria"] if c["id"] == criterion_id)


def test_shipped_4725_loads_with_official_ids(framework):
    assert framework.id == "qd4725-2022"
    assert framework.decision.number == "4725/QĐ-BGDĐT"
    assert [c.id for c in framework.all_criteria] == [
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "1.5",
        "1.6",
        "1.7",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
    ]
    assert [g.max for g in framework.groups] == [100, 100]
    assert "MN" not in framework.applies_to


def test_every_shipped_framework_validates():
    for name in rubric.available_frameworks():
        assert rubric.load_framework(name).id == name


def test_it_rejects_duplicate_ids_naming_the_item():
    data = shipped()
    criterion(data, "1.5")["items"][1]["id"] = "1.5.a"
    assert ("1.5.a", "mã bị trùng") in problems_of(data)


def test_it_rejects_caps_that_do_not_add_up_to_the_criterion_max():
    data = shipped()
    criterion(data, "2.3")["items"][2]["rule"]["cap"] = 10  # the hobby reading of 2.3(c)
    found = problems_of(data)
    assert any(
        where == "tiêu chí 2.3" and "60" in problem and "70" in problem for where, problem in found
    )


def test_it_rejects_a_gap_between_bands():
    data = shipped()
    # As the decision words 1.4: "ít hơn 40" and "nhiều hơn 40" leave 40 in no band.
    criterion(data, "1.4")["items"][0]["rule"]["bands"][1] = {"from": 20, "below": 40, "cap": 6}
    found = problems_of(data)
    assert any(where == "mục 1.4.a" and "hở" in problem for where, problem in found)


def test_it_rejects_overlapping_bands():
    data = shipped()
    criterion(data, "1.6")["items"][2]["rule"]["bands"][0] = {"to": 30, "cap": 2}
    found = problems_of(data)
    assert any(where == "mục 1.6.c" and "chồng lấn" in problem for where, problem in found)


def test_it_rejects_the_literal_level_wording_of_1_4():
    data = shipped()
    criterion(data, "1.4")["levels"][2] = {"level": 3, "above": 7}  # "Mức độ 3: trên 7 điểm"
    found = problems_of(data)
    assert any(where == "tiêu chí 1.4, levels" and "hở" in problem for where, problem in found)


def test_it_rejects_thresholds_out_of_order():
    data = shipped()
    data["group_levels"] = [
        {"level": 2, "below": 50},
        {"level": 1, "from": 50, "to": 75},
        {"level": 3, "above": 75},
    ]
    found = problems_of(data)
    assert any("group_levels" in where and "tăng dần" in problem for where, problem in found)


def test_it_rejects_a_higher_band_with_a_lower_cap():
    data = shipped()
    criterion(data, "1.4")["items"][0]["rule"]["bands"][2]["cap"] = 2
    found = problems_of(data)
    assert any(where == "mục 1.4.a" and "không giảm" in problem for where, problem in found)


def test_it_rejects_an_undeclared_fact():
    data = shipped()
    criterion(data, "2.4")["items"][0]["rule"]["fact"] = "zalo_group"
    found = problems_of(data)
    assert ("mục 2.4.a", "dữ kiện 'zalo_group' chưa được khai báo trong facts") in found


def test_it_rejects_a_rule_on_a_fact_of_the_wrong_type():
    data = shipped()
    criterion(data, "1.4")["items"][0]["rule"]["fact"] = "studio_room"
    found = problems_of(data)
    assert any(where == "mục 1.4.a" and "kiểu bool" in problem for where, problem in found)


def test_it_reports_all_problems_at_once():
    data = shipped()
    criterion(data, "1.5")["items"][1]["id"] = "1.5.a"
    criterion(data, "2.4")["items"][0]["rule"]["fact"] = "zalo_group"
    assert len(problems_of(data)) >= 2


def test_it_rejects_broken_yaml_with_the_line():
    with pytest.raises(rubric.RubricError) as info:
        rubric.load_framework_text("id: x\ngroups: [\n", source="hong.yaml")
    assert "hong.yaml: dòng" in str(info.value)


def test_it_rejects_an_unknown_framework_name():
    with pytest.raises(rubric.RubricError) as info:
        rubric.load_framework("qd9999-2030")
    assert "qd4725-2022" in str(info.value)


def test_a_new_decision_needs_only_a_new_file(tmp_path: Path):
    data = shipped()
    data["id"] = "local-mn-2025"
    data["status"] = "local"
    data["derived_from"] = "qd4725-2022@1"
    data["applies_to"] = ["MN"]
    path = tmp_path / "local-mn-2025.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    framework = rubric.load_framework(str(path))
    card = rubric.score(framework, {"studio_room": True})
    assert framework.status == "local"
    assert card.framework == "local-mn-2025"
