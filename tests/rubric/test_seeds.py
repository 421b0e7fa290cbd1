"""Seeds S0, S1 and S2 reproduced: their facts, their points, their levels."""

from chiso import rubric
from chiso.rubric.scoring import level_for
from tests.rubric.conftest import load_example


def points_and_levels(card):
    return {
        c.id: (c.points, c.level) for g in card.groups for c in g.criteria if c.kind == "scored"
    }


def test_s1_chu_van_an(framework):
    data = load_example("s1_chu_van_an")
    card = rubric.score(framework, data["facts"], data["awarded"])
    assert points_and_levels(card) == {
        "1.3": (6, 1),
        "1.4": (0, 1),
        "1.5": (0, 1),
        "1.6": (16, 3),
        "1.7": (10, 2),
        "2.3": (50, 2),
        "2.4": (8, 1),
    }
    assert [(g.points, g.level, g.mandatory_met) for g in card.groups] == [
        (32, 1, True),
        (58, 2, True),
    ]
    assert [i.awarded for i in card.criterion("1.6").items] == [7, 7, 2]
    assert [i.awarded for i in card.criterion("1.7").items] == [5, 5, 0]


def test_s1_agrees_with_itself(framework):
    data = load_example("s1_chu_van_an")
    findings = rubric.check(framework, data["stated"], facts=data["facts"])
    codes = sorted(f.code for f in findings)
    # Its scores add up; it writes "Không đạt" twice, describes its computer room twice and
    # cites the decision as 4275 twice.
    assert codes == ["duplicate_value", "duplicate_value", "not_a_level", "not_a_level"]
    assert any("17" in f.message and "21" in f.message for f in findings)
    assert any("4275" in f.message for f in findings)


def test_s0_be_van_dan_appendix(framework):
    data = load_example("s0_be_van_dan")
    card = rubric.score(framework, data["facts"], data["awarded"])
    assert points_and_levels(card) == {
        "1.3": (19, 2),
        "1.4": (6, 2),
        "1.5": (11, 2),
        "1.6": (13, 2),
        "1.7": (11, 2),
        "2.3": (47, 2),
        "2.4": (11, 2),
    }
    assert [(g.points, g.level) for g in card.groups] == [(60, 2), (58, 2)]
    assert sum(g.points for g in card.groups) == 118
    # 41 materials allow 10; the council gave 6, which is allowed.
    assert card.criterion("1.4").cap == 10


def test_s2_gdtx_hai_phong_levels(framework):
    data = load_example("s2_gdtx_hai_phong")
    assert level_for(framework.group_levels, 93).level == 3
    assert level_for(framework.group_levels, 76).level == 3
    findings = rubric.check(framework, data["stated"], facts=data["facts"])
    assert [f for f in findings if f.severity == "error"] == []
    card = rubric.score(framework, data["facts"])
    # What its narrative allows: 60 materials → 10; every LMS function → 30.
    assert card.criterion("1.4").points == 10
    assert card.criterion("1.3").points == 30
