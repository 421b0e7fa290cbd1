"""The framework loader on arbitrary input (hypothesis): a Framework or a RubricError, nothing else.

Three sources: any text, any YAML document built from scalars, lists and mappings, and the
shipped 4725 file with one part replaced by something arbitrary (the realistic mistake)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.rubric.loading import FRAMEWORKS_DIR, RubricError, load_framework_text, parse_framework

SHIPPED = yaml.safe_load((FRAMEWORKS_DIR / "qd4725-2022.yaml").read_text(encoding="utf-8"))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["1", "1.3", "count", "bool", "choice", "percent_bands", "yes_no", "max"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=12), st.integers(-3, 3)), children, max_size=4),
    ),
    max_leaves=30,
)


def loads_or_refuses(text: str) -> None:
    try:
        load_framework_text(text, source="thu.yaml")
    except RubricError as exc:
        assert exc.problems and all(where and problem for where, problem in exc.problems)
        assert str(exc).startswith("thu.yaml: ")


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_is_a_framework_or_a_rubric_error(text):
    loads_or_refuses(text)


@SETTINGS
@given(documents)
def test_any_yaml_document_is_a_framework_or_a_rubric_error(document):
    loads_or_refuses(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, (*prefix, index))
    return out


PATHS = [p for p in _paths(SHIPPED) if p]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(PATHS), documents), min_size=1, max_size=3))
def test_the_shipped_file_with_any_part_replaced_is_a_framework_or_a_rubric_error(changes):
    data = copy.deepcopy(SHIPPED)
    for path, value in changes:
        node = data
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed that part
    try:
        parse_framework(data, "thu.yaml")
    except RubricError as exc:
        assert exc.problems


@SETTINGS
@given(st.sampled_from(PATHS))
def test_the_shipped_file_with_any_part_removed_is_a_framework_or_a_rubric_error(path):
    data = copy.deepcopy(SHIPPED)
    node = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    try:
        parse_framework(data, "thu.yaml")
    except RubricError as exc:
        assert exc.problems


def test_the_shipped_file_round_trips_through_yaml():
    text = (FRAMEWORKS_DIR / "qd4725-2022.yaml").read_text(encoding="utf-8")
    dumped = yaml.safe_dump(SHIPPED, allow_unicode=True, sort_keys=False)
    again = load_framework_text(dumped, source="x.yaml")
    assert again == load_framework_text(text, source=Path("x.yaml").name)
