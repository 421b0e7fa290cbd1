"""A save writes only over the row it read: without a row lock, nothing is lost or overwritten."""

import pytest

from chiso.assessments import actions
from chiso.assessments.models import Assessment
from chiso.audit.models import AuditEntry
from tests.conftest import COMPLETE_FACTS, fill


def save_99(assessment, user):
    actions.save_answers(
        assessment,
        facts={"approved_digital_materials": 99},
        expected_version=assessment.version,
        by=user,
    )


def test_a_save_over_a_row_someone_saved_meanwhile_is_refused_and_writes_nothing(world):
    a = world.assessments["school"]
    mine = Assessment.objects.get(pk=a.pk)  # read by me ...
    fill(a, world.users["head"], {"approved_digital_materials": 12})  # ... saved by another
    edits = AuditEntry.objects.filter(verb="assessment.edit").count()
    with pytest.raises(actions.StaleVersion):
        save_99(mine, world.users["member"])
    a.refresh_from_db()
    assert a.facts["approved_digital_materials"] == 12 and a.version == 2
    assert AuditEntry.objects.filter(verb="assessment.edit").count() == edits


def test_a_save_over_a_row_submitted_meanwhile_is_refused(world):
    a = fill(world.assessments["school"], world.users["member"])
    mine = Assessment.objects.get(pk=a.pk)
    actions.submit(Assessment.objects.get(pk=a.pk), by=world.users["head"])
    with pytest.raises(actions.ActionRefused, match="đã nộp"):
        save_99(mine, world.users["member"])
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


def test_the_figures_a_save_stores_are_those_of_scoring_the_stored_row_afresh(world):
    from chiso.assessments import scoring

    a = fill(world.assessments["school"], world.users["member"])
    stored = Assessment.objects.get(pk=a.pk)
    before = {f: getattr(stored, f) for f in ("group1_points", "group2_points", "overall_level")}
    before["criterion_points"] = stored.criterion_points
    scoring.store_figures(stored, scoring.effective_scorecard(stored))
    after = {f: getattr(stored, f) for f in ("group1_points", "group2_points", "overall_level")}
    after["criterion_points"] = stored.criterion_points
    assert before == after and before["group1_points"] > 0
