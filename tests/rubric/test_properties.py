"""Properties that must hold for any facts and awards (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from chiso import rubric

FRAMEWORK = rubric.load_framework("qd4725-2022")
BOOL_FACTS = [f.id for f in FRAMEWORK.facts if f.type == "bool"]


@st.composite
def fact_sets(draw):
    facts = {f: draw(st.booleans()) for f in BOOL_FACTS if draw(st.booleans()) or True}
    teachers = draw(st.integers(1, 300))
    rooms = draw(st.integers(1, 200))
    facts.update(
        teachers_total=teachers,
        teachers_with_training_account=draw(st.integers(0, teachers)),
        teachers_using_teaching_tools=draw(st.integers(0, teachers)),
        teachers_building_materials=draw(st.integers(0, teachers)),
        classrooms_total=rooms,
        classrooms_equipped=draw(st.integers(0, rooms)),
        approved_digital_materials=draw(st.integers(0, 10_000)),
        informatics_level=draw(st.sampled_from(["0", "1", "2", "3"])),
    )
    # Some facts left out: missing facts must never break the invariants.
    for fact in draw(st.lists(st.sampled_from(sorted(facts)), max_size=4)):
        facts.pop(fact, None)
    return facts


@st.composite
def facts_and_awards(draw):
    facts = draw(fact_sets())
    card = rubric.score(FRAMEWORK, facts)
    awards = {}
    for item in (i for g in card.groups for c in g.criteria for i in c.items):
        if item.cap is not None and draw(st.booleans()):
            awards[item.id] = draw(st.integers(0, int(item.cap)))
    return facts, awards


@settings(max_examples=300, deadline=None)
@given(facts_and_awards())
def test_awarded_never_exceeds_cap_nor_maximum(case):
    facts, awards = case
    card = rubric.score(FRAMEWORK, facts, awards)
    for group in card.groups:
        assert 0 <= group.points <= group.max <= 100
        for criterion in group.criteria:
            if criterion.kind == "mandatory":
                continue
            assert criterion.points is not None and criterion.points <= criterion.max
            for item in criterion.items:
                if item.awarded is not None and item.cap is not None:
                    assert 0 <= item.awarded <= item.cap
                if item.cap is not None:
                    assert item.cap <= FRAMEWORK.item(item.id).rule.maximum


@settings(max_examples=200, deadline=None)
@given(
    fact_sets(),
    st.sampled_from(
        [
            "approved_digital_materials",
            "teachers_with_training_account",
            "teachers_using_teaching_tools",
            "teachers_building_materials",
            "classrooms_equipped",
        ]
    ),
)
def test_more_of_a_good_thing_never_lowers_a_cap(facts, fact):
    before = rubric.score(FRAMEWORK, facts)
    more = dict(facts)
    limit = {"classrooms_equipped": "classrooms_total"}.get(fact, "teachers_total")
    if fact not in more:
        return
    if fact != "approved_digital_materials" and limit in more and more[fact] >= more[limit]:
        return
    more[fact] += 1
    after = rubric.score(FRAMEWORK, more)
    for b_group, a_group in zip(before.groups, after.groups, strict=True):
        for b_crit, a_crit in zip(b_group.criteria, a_group.criteria, strict=True):
            if b_crit.cap is not None and a_crit.cap is not None:
                assert a_crit.cap >= b_crit.cap
        if b_group.complete and a_group.complete:
            assert a_group.points >= b_group.points


@settings(max_examples=200, deadline=None)
@given(fact_sets(), st.sampled_from(BOOL_FACTS))
def test_turning_a_no_into_a_yes_never_lowers_anything(facts, fact):
    no, yes = dict(facts, **{fact: False}), dict(facts, **{fact: True})
    card_no, card_yes = rubric.score(FRAMEWORK, no), rubric.score(FRAMEWORK, yes)
    for g_no, g_yes in zip(card_no.groups, card_yes.groups, strict=True):
        assert g_yes.points >= g_no.points
        if g_no.level is not None and g_yes.level is not None:
            assert g_yes.level >= g_no.level


@settings(max_examples=200, deadline=None)
@given(st.fractions(min_value=0, max_value=100))
def test_every_group_total_has_exactly_one_level(total):
    matches = [b for b in FRAMEWORK.group_levels if b.interval.contains(total)]
    assert len(matches) == 1
