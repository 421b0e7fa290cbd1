"""Roll-up criteria: figures over the institutions below an office, checked independently."""

import random
from fractions import Fraction

import pytest
import yaml

from chiso import rubric
from chiso.rubric import rollups
from chiso.rubric.definitions import Figure
from chiso.rubric.loading import FRAMEWORKS_DIR

TYPES = ["MN", "TH", "THCS", "THPT", "GDTX"]
GENERAL_AND_GDTX = {"TH", "THCS", "THPT", "TH_THCS", "THCS_THPT", "LIEN_CAP", "GDTX"}


@pytest.fixture(scope="module")
def office_framework() -> rubric.Framework:
    return rubric.load_framework("qd3806-2024")


def random_facts(rng: random.Random, school: rubric.Framework) -> dict:
    facts: dict = {}
    for spec in school.facts:
        if spec.type == "bool":
            facts[spec.id] = rng.random() < 0.6
        elif spec.type == "choice":
            facts[spec.id] = rng.choice([k for k, _ in spec.options])
        elif spec.type == "count":
            facts[spec.id] = rng.randint(0, 60)
    for part in (
        "teachers_with_training_account",
        "teachers_using_teaching_tools",
        "teachers_building_materials",
    ):
        facts[part] = min(facts[part], facts["teachers_total"])
    facts["teachers_total"] = max(facts["teachers_total"], 1)
    facts["classrooms_total"] = max(facts["classrooms_total"], 1)
    facts["classrooms_equipped"] = min(facts["classrooms_equipped"], facts["classrooms_total"])
    facts["materials_built_this_year"] = min(
        facts["materials_built_this_year"], facts["approved_digital_materials"]
    )
    facts["teachers_with_digital_signature"] = min(
        facts["teachers_with_digital_signature"], facts["teachers_total"]
    )
    return facts


def synthetic_subtree(seed: int, size: int = 300) -> list[rollups.Member]:
    """Institutions of every type; some without a recognised result, some lowered by review."""
    rng = random.Random(seed)
    school = rubric.load_framework("qd4725-2022")
    members = []
    for n in range(size):
        facts = random_facts(rng, school)
        recognised = rng.random() < 0.8
        lowered = facts["sector_db_exchange"] and rng.random() < 0.1
        awards = {"2.3.h": 3} if recognised and lowered else {}
        card = rubric.score(school, facts, awards) if recognised else None
        on_time = rng.choice([True, False, None])
        members.append(
            rollups.Member(f"u{n}", f"Trường {n}", rng.choice(TYPES), card, facts, on_time)
        )
    return members


def independent(rollup_id: str, members: list[rollups.Member]) -> Fraction:
    """The figure computed another way: from each scorecard's JSON, with plain comprehensions."""
    cards = [(m, m.card.to_dict() if m.card else None) for m in members]

    def item(card: dict, item_id: str) -> float:
        return next(
            i["awarded"]
            for g in card["groups"]
            for c in g["criteria"]
            for i in c.get("items", [])
            if i["id"] == item_id
        )

    def group(card: dict, group_id: str) -> dict:
        return next(g for g in card["groups"] if g["id"] == group_id)

    def share(scope, met) -> Fraction:
        return Fraction(sum(1 for m, c in scope if c is not None and met(m, c)), len(scope))

    everyone = cards
    general = [(m, c) for m, c in cards if m.type in GENERAL_AND_GDTX]
    if rollup_id == "api_connected":
        return share(everyone, lambda m, c: item(c, "2.3.h") > 0)
    if rollup_id == "online_admission":
        return share(everyone, lambda m, c: item(c, "2.4.b") > 0)
    if rollup_id == "teaching_level_2":
        return share(general, lambda m, c: (group(c, "1")["level"] or 0) >= 2)
    if rollup_id == "management_level_2":
        return share(everyone, lambda m, c: (group(c, "2")["level"] or 0) >= 2)
    if rollup_id == "on_time":
        return Fraction(sum(1 for m, _ in everyone if m.on_time is True), len(everyone))
    if rollup_id == "teaching_average":
        points = [Fraction(str(group(c, "1")["points"])) for _, c in general if c is not None]
        return sum(points, Fraction(0)) / len(points)
    raise AssertionError(rollup_id)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_rollup_matches_an_independent_computation(office_framework, seed):
    members = synthetic_subtree(seed)
    computed = rollups.compute_all(office_framework, members)
    assert set(computed) == {r.id for r in office_framework.rollups}
    for rollup_id, computation in computed.items():
        figure = computation.figure
        assert Fraction(figure.numerator) / figure.denominator == independent(rollup_id, members)


def test_a_share_counts_institutions_without_result_as_not_meeting(office_framework):
    members = synthetic_subtree(4, size=50)
    computation = rollups.compute(office_framework.rollup("api_connected"), members)
    without = [m for m in members if m.card is None]
    assert without and computation.figure.denominator == len(members)
    assert len(computation.members("no_result")) == len(without)
    assert "chưa có kết quả được công nhận (tính là chưa đạt)" in computation.explanation()


def test_an_average_leaves_out_institutions_without_result(office_framework):
    members = synthetic_subtree(5, size=50)
    computation = rollups.compute(office_framework.rollup("teaching_average"), members)
    in_scope = [m for m in members if m.type in GENERAL_AND_GDTX]
    assert computation.figure.denominator == sum(1 for m in in_scope if m.card is not None)
    assert len(computation.members("out_of_scope")) == len(members) - len(in_scope)
    assert "không tính vào mẫu số" in computation.explanation()


def test_item_met_can_require_points(office_framework):
    data = yaml.safe_load((FRAMEWORKS_DIR / "qd3806-2024.yaml").read_text(encoding="utf-8"))
    data["rollups"]["api_connected"]["at_least"] = 6
    strict = rubric.load_framework_text(yaml.safe_dump(data, allow_unicode=True))
    members = synthetic_subtree(6, size=200)
    lowered = [m for m in members if m.card and m.card.item("2.3.h").awarded == 3]
    assert lowered, "the synthetic subtree has reviewed results lowered to 3 points"
    loose = rollups.compute(office_framework.rollup("api_connected"), members).figure
    tight = rollups.compute(strict.rollup("api_connected"), members).figure
    assert loose.numerator - tight.numerator == len(lowered)


def test_office_is_scored_from_the_figures_with_explanations(office_framework):
    members = synthetic_subtree(7, size=40)
    facts = rollups.figures(rollups.compute_all(office_framework, members))
    card = rubric.score(office_framework, facts)
    item = card.item("2.1.a")
    figure = facts["api_connected"]
    percent = Fraction(figure.numerator * 100, figure.denominator)
    expected_cap = 3 if percent < 30 else 6 if percent <= 70 else 10
    assert item.awarded == expected_cap
    assert f"{figure.numerator}/{figure.denominator} cơ sở" in item.explanation
    assert "tối đa" in item.explanation
    average = card.item("2.3.b")
    assert average.explanation.startswith("trung bình ")


def test_figures_are_read_from_text_and_json():
    fw = rubric.load_framework("qd3806-2024")
    for raw in ("12/17", {"numerator": "12", "denominator": 17}, Figure(12, 17)):
        card = rubric.score(fw, {"api_connected": raw})
        assert card.item("2.1.a").awarded == 10
    with pytest.raises(rubric.InvalidInput) as info:
        rubric.score(fw, {"api_connected": "mười hai"})
    assert "số liệu tổng hợp" in str(info.value)


def test_a_share_above_one_hundred_percent_is_an_error_not_points():
    fw = rubric.load_framework("qd3806-2024")
    card = rubric.score(fw, {"api_connected": Figure(18, 17)})
    assert card.item("2.1.a").status == "invalid"
    assert any(f.code == "invalid_fact" for f in card.findings)


def test_no_institution_in_scope_awards_nothing():
    fw = rubric.load_framework("qd3806-2024")
    item = rubric.score(fw, {"api_connected": Figure(0, 0)}).item("2.1.a")
    assert item.awarded == 0
    assert "Không có cơ sở nào thuộc phạm vi" in item.explanation


def test_next_band_says_how_many_institutions_move_the_figure(office_framework):
    rollup = office_framework.rollup("api_connected")
    computation = rollups.Computation(rollup, Figure(5, 20), ())  # 25% → cap 5
    text = rollups.next_band(office_framework, "2.1.a", computation)
    assert text.startswith("Cần thêm 1 cơ sở đạt")  # 6/20 = 30% enters the middle band
    top = rollups.Computation(rollup, Figure(20, 20), ())
    assert rollups.next_band(office_framework, "2.1.a", top) == ""
    average = rollups.Computation(office_framework.rollup("teaching_average"), Figure(480, 10), ())
    assert "Cần thêm tổng cộng 20 điểm" in rollups.next_band(office_framework, "2.3.b", average)


def test_the_provisional_3806_file_says_so(office_framework):
    assert office_framework.is_provisional
    assert "tạm thời" in office_framework.note
    assert office_framework.applies_to == ("so", "phong")
    assert all(i.confidence == "provisional" for i in office_framework.all_items), (
        "every placeholder item is marked"
    )
    assert [g.title for g in office_framework.groups] == [
        "Chuyển đổi số trong công tác lãnh đạo, chỉ đạo, điều hành",
        "Kết quả chuyển đổi số ở cơ sở giáo dục",
    ]


def rollup_problems(change) -> list[tuple[str, str]]:
    data = yaml.safe_load((FRAMEWORKS_DIR / "qd3806-2024.yaml").read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(rubric.RubricError) as info:
        rubric.load_framework_text(yaml.safe_dump(data, allow_unicode=True), source="thu.yaml")
    return info.value.problems


def test_loader_names_an_unknown_measure():
    def change(data):
        data["rollups"]["on_time"]["measure"] = "share_of_happiness"

    problems = rollup_problems(change)
    assert any("cách tính 'share_of_happiness' không hợp lệ" in p for _, p in problems)


def test_loader_names_missing_parameters():
    def change(data):
        del data["rollups"]["teaching_level_2"]["min_level"]
        data["rollups"]["teaching_average"]["criterion"] = "1.3"

    problems = dict(rollup_problems(change))
    assert "cần 'min_level'" in problems["số liệu tổng hợp teaching_level_2"]
    assert (
        "đúng một trong 'group' hoặc 'criterion'" in problems["số liệu tổng hợp teaching_average"]
    )


def test_loader_refuses_a_rule_on_an_undeclared_rollup():
    def change(data):
        del data["rollups"]["on_time"]

    problems = dict(rollup_problems(change))
    assert "chưa được khai báo trong rollups" in problems["mục 2.5.a"]


def test_loader_checks_share_bands_cover_zero_to_one_hundred():
    def change(data):
        item = data["groups"][1]["criteria"][0]["items"][0]
        item["rule"]["bands"][2] = {"above": 70, "to": 90, "cap": 20}

    problems = dict(rollup_problems(change))
    assert "hở ở cuối: giá trị 100 không thuộc khoảng nào" in problems["mục 2.1.a"]


def test_a_local_index_says_so_and_what_it_derives_from():
    data = yaml.safe_load((FRAMEWORKS_DIR / "qd4725-2022.yaml").read_text(encoding="utf-8"))
    data["local"] = True
    own = rubric.load_framework_text(yaml.safe_dump(data, allow_unicode=True))
    assert own.local and own.derived_from == ""  # a province's own index derives from nothing
    data["derived_from"] = "qd4725-2022@1"
    framework = rubric.load_framework_text(yaml.safe_dump(data, allow_unicode=True))
    assert framework.local and framework.derived_from == "qd4725-2022@1"
