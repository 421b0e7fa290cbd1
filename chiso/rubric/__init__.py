"""The rubric engine: frameworks as data, scoring and consistency checks. Pure Python, no Django.

framework = load_framework("qd4725-2022")
card = score(framework, facts, awarded)
findings = check(framework, stated, facts=facts)
"""

from chiso.rubric.consistency import StatedError, awarded_from_stated, check, parse_statements
from chiso.rubric.definitions import Figure, Framework
from chiso.rubric.loading import (
    RubricError,
    available_frameworks,
    check_depth,
    load_framework,
    load_framework_text,
)
from chiso.rubric.results import Finding, Scorecard
from chiso.rubric.scoring import InvalidInput, score

__all__ = [
    "Figure",
    "Finding",
    "Framework",
    "InvalidInput",
    "RubricError",
    "Scorecard",
    "StatedError",
    "available_frameworks",
    "awarded_from_stated",
    "check",
    "check_depth",
    "load_framework",
    "load_framework_text",
    "parse_statements",
    "score",
]
