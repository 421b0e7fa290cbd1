"""The snapshot taken at recognition keeps the recognised result (the office's scores)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from chiso.assessments import actions
from tests.conftest import fill


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


def _group1(snapshot):
    group = next(g for g in snapshot.content["scorecard"]["groups"] if g["id"] == "1")
    return Fraction(str(group["points"]))


def test_the_recognition_snapshot_holds_the_recognised_points(world):
    a = fill(world.assessments["school"], world.users["member"])
    a = actions.submit(a, by=world.users["head"])
    a = actions.set_review_score(
        a, by=world.users["reviewer"], item_id="1.4.a", points="6", reason="25 học liệu"
    )
    a = actions.recognise(a, by=world.users["office_head"])
    submitted, recognised = list(a.snapshots.all())
    assert _group1(recognised) == Fraction(str(a.group1_points))
    assert _group1(recognised) == _group1(submitted) - 4
