"""Points and numbers are written as people write them; an exponent is refused.

Fraction("1e999999999") builds a number with a billion digits: one posted score held a web
worker for minutes. Nobody scores "2e0" or counts "4e1" materials, so the notation is refused.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from chiso.rubric.definitions import FactSpec
from chiso.rubric.scoring import parse_fact, parse_points


@pytest.mark.parametrize("raw", ["1e5", "2E0", "1e-3", "9" * 40])
def test_points_with_an_exponent_or_absurdly_long_are_refused(raw):
    with pytest.raises(ValueError):
        parse_points(raw)


@pytest.mark.parametrize("raw", ["4e1", "1E999", "1" * 40])
def test_number_facts_with_an_exponent_or_absurdly_long_are_refused(raw):
    with pytest.raises(ValueError):
        parse_fact(FactSpec(id="x", type="number", label="Tỉ lệ"), raw)


def test_ordinary_writing_still_reads():
    assert parse_points("6,5") == Fraction(13, 2)
    assert parse_points(" 10 ") == 10
    assert parse_fact(FactSpec(id="x", type="number", label="Tỉ lệ"), "75,5") == Fraction(151, 2)
