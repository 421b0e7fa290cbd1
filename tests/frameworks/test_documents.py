"""Changing an index's YAML text: values in place with every comment kept, or a rewrite."""

from __future__ import annotations

from chiso import rubric
from chiso.frameworks import documents, editing, table
from chiso.rubric.loading import FRAMEWORKS_DIR
from tests.frameworks.conftest import criterion, item

TEXT = (FRAMEWORKS_DIR / "qd4725-2022.yaml").read_text(encoding="utf-8")


def _changed_lines(old: str, new: str) -> list[tuple[str, str]]:
    return [(a, b) for a, b in zip(old.splitlines(), new.splitlines(), strict=True) if a != b]


def test_a_cap_edit_changes_that_value_only_and_keeps_every_comment():
    data = documents.parse(TEXT)
    item(data, "1.5.a")["rule"]["cap"] = 12
    item(data, "1.5.b")["rule"]["cap"] = 8
    text, kept = documents.apply_changes(TEXT, data)
    assert kept and documents.comment_count(text) == documents.comment_count(TEXT) > 20
    assert _changed_lines(TEXT, text) == [
        (
            "            rule: {kind: yes_no, fact: computer_room_exams, cap: 15}",
            "            rule: {kind: yes_no, fact: computer_room_exams, cap: 12}",
        ),
        (
            "            rule: {kind: yes_no, fact: exam_software_linked, cap: 5}",
            "            rule: {kind: yes_no, fact: exam_software_linked, cap: 8}",
        ),
    ]
    assert rubric.load_framework_text(text).item("1.5.a").rule.cap == 12


def test_a_band_whose_bound_changes_kind_is_replaced_on_its_own_line():
    data = documents.parse(TEXT)
    item(data, "1.4.a")["rule"]["bands"][1] = {"from": 20, "below": 40, "cap": 6}
    item(data, "1.4.a")["rule"]["bands"][2] = {"from": 40, "cap": 10}
    text, kept = documents.apply_changes(TEXT, data)
    assert kept
    assert [b for _, b in _changed_lines(TEXT, text)] == [
        "                - {from: 20, below: 40, cap: 6}",
        "                - {from: 40, cap: 10}",
    ]


def test_a_value_shared_through_an_alias_is_written_again_from_the_data():
    data = documents.parse(TEXT)  # 1.6.b's bands are an alias of 1.6.a's in the file
    item(data, "1.6.b")["rule"]["bands"][2]["cap"] = 6
    item(data, "1.6.c")["rule"]["bands"][2]["cap"] = 7
    text, kept = documents.apply_changes(TEXT, data)
    assert not kept and documents.comment_count(text) == 0
    framework = rubric.load_framework_text(text)
    assert [b.cap for b in framework.item("1.6.a").rule.bands] == [2, 4, 7]
    assert [b.cap for b in framework.item("1.6.b").rule.bands] == [2, 4, 6]


def test_header_lines_are_set_in_place_and_new_ones_added_after_the_version():
    text = documents.set_header(TEXT, {"id": "hp-mamnon", "version": 1, "local": True})
    data = documents.parse(text)
    assert (data["id"], data["version"], data["local"]) == ("hp-mamnon", 1, True)
    assert documents.comment_count(text) == documents.comment_count(TEXT)
    assert text.index("local: true") > text.index("version: 1")


def test_the_structured_form_posted_unchanged_gives_back_the_same_text():
    data = documents.parse(TEXT)
    post = {}
    for f in editing.all_fields(editing.sections(data)):
        if f.kind == "bounds":
            post |= {f"{f.name}@low_kind": f.low_kind, f"{f.name}@low": f.low,
                     f"{f.name}@high_kind": f.high_kind, f"{f.name}@high": f.high}  # fmt: skip
        else:
            post[f.name] = f.value
    new, problems = editing.apply_post(data, post)
    assert problems == [] and new == data
    assert documents.apply_changes(TEXT, new) == (TEXT, True)


def test_a_rule_kind_the_editor_does_not_know_is_shown_read_only_and_the_rest_stays_editable():
    data = documents.parse(TEXT)
    criterion(data, "2.4")["items"][0]["rule"] = {
        "kind": "weighted_sum",
        "of": ["2.4"],
        "bands": [],
    }
    data["rollups"] = {"units": {"from": "children"}}
    form = editing.sections(data)
    item_section = next(s for s in form if s.title == "Mục 2.4.a")
    assert "weighted_sum" in item_section.raw
    assert [f.label for f in item_section.fields] == ["Nội dung"]
    assert any("rollups" in s.raw for s in form)
    rows = {r.id: r for r in table.build(data).rows}
    assert rows["2.4.a"].kind == "unknown" and "weighted_sum" in rows["2.4.a"].raw
    assert rows["2.4.b"].kind == "item"
    new, problems = editing.apply_post(
        data, {"groups/1/criteria/3/items/1/title": "Tuyển sinh trực tuyến"}
    )
    assert problems == []
    assert criterion(new, "2.4")["items"][1]["title"] == "Tuyển sinh trực tuyến"
    assert criterion(new, "2.4")["items"][0]["rule"]["kind"] == "weighted_sum"
    assert new["rollups"] == data["rollups"]


def test_the_table_words_bands_as_the_decision_does():
    rows = {r.id: r for r in table.build(documents.parse(TEXT)).rows}
    assert rows["1.4.a"].scoring[1:4] == [
        "dưới 20 học liệu: tối đa 3 điểm",
        "từ 20 đến 40 học liệu: tối đa 6 điểm",
        "trên 40 học liệu: tối đa 10 điểm",
    ]
    assert rows["1.6.a"].scoring[1] == "dưới 30%: tối đa 2 điểm"
    assert rows["1.3"].levels == [
        "Mức độ 1: dưới 10 điểm",
        "Mức độ 2: từ 10 đến 20 điểm",
        "Mức độ 3: trên 20 điểm",
    ]
    assert rows["1.1"].kind == "mandatory"
