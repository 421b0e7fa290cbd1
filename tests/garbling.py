"""Hypothesis strategies for broken files: a real file with bytes changed, cut or inserted.

A ZIP-based file (DOCX, XLSX, ZIP) keeps its directory at the end, so changes there are
drawn more often: that is where zipfile's own exceptions come from."""

from __future__ import annotations

from hypothesis import strategies as st


@st.composite
def garbled(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        near_end = draw(st.booleans())
        low = max(0, len(data) - 400) if near_end else 0
        position = draw(st.integers(low, len(data) - 1))
        action = draw(st.sampled_from(["replace", "replace", "cut", "insert", "truncate"]))
        if action == "replace":
            data[position] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[position : position + draw(st.integers(1, 64))]
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        else:
            del data[position:]
    return bytes(data)
