"""Report outlines as an office types them (hypothesis): parsing never raises; every problem
names its line (one syntax for periodic and yearly reports)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from chiso.periodic import figures, outline

lines = st.one_of(
    st.text(max_size=50),
    st.builds("{}{}".format, st.sampled_from(["#", "##", "####", "[viết:", "[bảng: ", "[", "- {"]),
              st.text(max_size=20)),
    st.sampled_from(["[viết]", "[bảng: thong_ke_muc_do]", "{so_co_so}", "[training]", "[khong_co]", "}{"]),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(lines, max_size=25).map("\n".join))
def test_a_periodic_outline_parses_with_numbered_problems(text):
    parsed = outline.parse(text, set(figures.FIGURES), set(figures.TABLES))
    for problem in parsed.problems:
        assert re.match(r"^(Dòng \d+: |Đề cương trống)", problem), problem
    assert all(b.line >= 1 for b in parsed.blocks)
