"""A save writes only over the row it read: without a row lock, nothing is lost or overwritten."""

import pytest

from chiso.assessments import actions
from chiso.assessments.models import Assessment
from chiso.audit.models import AuditEntry
from tests.conftest import COMPLETE_FACTS, fill


def test_a_save_over_a_row_someone_saved_meanwhile_is_refused_and_writes_nothing(world):
    a = world.assessments["school"]
    mine = Assessment.objects.get(pk=a.pk)  # read by me ...
    fill(a, world.users["head"], {"approved_digital_materials": 12})  # ... saved by another
    edits = AuditEntry.objects.filter(verb="assessment.edit").count()
    with pytest.raises(actions.StaleVersion):
        actions.save_answers(
            mine,
            facts={"approved_digital_materials": 99},
            expected_version=mine.version,
            by=world.users["member"],
        )
    a.refresh_from_db()
    assert a.facts["approved_digital_materials"] == 12 and a.version == 2
    assert AuditEntry.objects.filter(verb="assessment.edit").count() == edits


def test_a_save_over_a_row_submitted_meanwhile_is_refused(world):
    a = fill(world.assessments["school"], world.users["member"])
    mine = Assessment.objects.get(pk=a.pk)
    actions.submit(Assessment.objects.get(pk=a.pk), by=world.users["head"])
    with pytest.raises(actions.ActionRefused, match="đã nộp"):
        actions.save_answers(
            mine,
            facts={"approved_digital_materials": 99},
            expected_version=mine.version,
            by=world.users["member"],
        )
    a.refresh_from_db()
    assert a.status == Assessment.Status.SUBMITTED
    assert a.facts["approved_digital_materials"] == COMPLETE_FACTS["approved_digital_materials"]


def test_a_save_moves_the_version_and_the_figures_together(world):
    a = fill(world.assessments["school"], world.users["member"])
    saved = actions.save_answers(
        a, facts={"approved_digital_materials": 0}, expected_version=a.version, by=a.updated_by
    )
    stored = Assessment.objects.get(pk=a.pk)
    assert stored.version == saved.version == 3
    assert stored.criterion_points == saved.criterion_points
    assert stored.criterion_points["1.4"] == 0 and stored.updated_at == saved.updated_at
