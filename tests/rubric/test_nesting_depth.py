"""An index nested thousands deep is refused with its place, never a RecursionError."""

from __future__ import annotations

import pytest

from chiso import rubric

DEEP = [
    "id: x\ngroups: " + "[" * 5000 + "]" * 5000 + "\n",
    "id: x\ngroups: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n",
    "id: x\n" + "".join("  " * i + f"k{i}:\n" for i in range(5000)),
]


@pytest.mark.parametrize("text", DEEP)
def test_a_deeply_nested_index_is_refused_with_its_place(text):
    with pytest.raises(rubric.RubricError) as refused:
        rubric.load_framework_text(text, "sau.yaml")
    where, problem = refused.value.problems[0]
    assert where.startswith("dòng ") and "lồng nhau quá sâu (hơn 40 cấp)" in problem


def test_the_shipped_indices_are_far_from_the_limit():
    for name in rubric.available_frameworks():
        rubric.load_framework(name)  # every level of a real index fits
