import pytest

from chiso.assessments import actions
from chiso.assessments.models import Assessment, ItemComment, Snapshot
from chiso.audit.models import AuditEntry
from tests.conftest import fill

S = Assessment.Status


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


def submitted(world):
    a = fill(world.assessments["school"], world.users["member"])
    return actions.submit(a, by=world.users["head"])


def test_saving_facts_rescores_and_stores_the_figures(world):
    a = fill(world.assessments["school"], world.users["member"])
    assert a.group1_points is not None and a.group1_level in (1, 2, 3)
    assert a.completeness == 100
    assert a.facts["approved_digital_materials"] == 41


def test_saving_is_audited_from_which_value_to_which(world):
    a = fill(world.assessments["school"], world.users["member"])
    a = actions.save_answers(
        a,
        facts={"approved_digital_materials": "45"},
        expected_version=a.version,
        by=world.users["member"],
    )
    entry = AuditEntry.objects.filter(verb="assessment.edit").first()
    assert entry.before == {"fact:approved_digital_materials": 41}
    assert entry.after == {"fact:approved_digital_materials": 45}
    assert entry.actor == world.users["member"]


def test_a_stale_version_is_refused_and_nothing_is_overwritten(world):
    a = fill(world.assessments["school"], world.users["member"])
    stale = a.version
    actions.save_answers(
        a,
        facts={"approved_digital_materials": 30},
        expected_version=stale,
        by=world.users["member"],
    )
    with pytest.raises(actions.StaleVersion, match="người khác"):
        actions.save_answers(
            a,
            facts={"approved_digital_materials": 50},
            expected_version=stale,
            by=world.users["head"],
        )
    a.refresh_from_db()
    assert a.facts["approved_digital_materials"] == 30


def test_a_bad_value_is_refused_with_the_fact_named(world):
    a = world.assessments["school"]
    with pytest.raises(actions.ActionRefused, match="approved_digital_materials"):
        actions.save_answers(
            a,
            facts={"approved_digital_materials": "nhiều"},
            expected_version=a.version,
            by=world.users["member"],
        )


def test_submit_refuses_an_incomplete_assessment(world):
    a = fill(world.assessments["school"], world.users["member"], {"studio_room": True})
    with pytest.raises(actions.ActionRefused, match="Chưa thể nộp"):
        actions.submit(a, by=world.users["head"])


def test_only_the_head_submits(world):
    a = fill(world.assessments["school"], world.users["member"])
    with pytest.raises(actions.ActionRefused):
        actions.submit(a, by=world.users["member"])


def test_submit_freezes_a_snapshot_and_locks_editing(world):
    a = submitted(world)
    assert a.status == S.SUBMITTED
    snap = Snapshot.objects.get(assessment=a)
    assert snap.content["facts"]["approved_digital_materials"] == 41
    assert snap.content["scorecard"]["groups"][0]["points"] == float(a.group1_points)
    with pytest.raises(actions.ActionRefused):
        actions.save_answers(
            a, facts={"studio_room": True}, expected_version=a.version, by=world.users["member"]
        )


def test_returning_requires_a_reason_shown_on_each_item(world):
    a = submitted(world)
    with pytest.raises(actions.ActionRefused, match="lý do"):
        actions.return_for_supplement(a, by=world.users["reviewer"], reason="  ")
    a = actions.return_for_supplement(
        a,
        by=world.users["reviewer"],
        reason="Thiếu minh chứng",
        item_comments={"1.4": "Thiếu danh sách học liệu"},
    )
    assert a.status == S.RETURNED and a.is_editable
    assert ItemComment.objects.filter(assessment=a, item_id="1.4", is_return_reason=True).exists()


def test_the_full_loop_with_external_assessment(world):
    a = submitted(world)
    a = actions.return_for_supplement(a, by=world.users["reviewer"], reason="Bổ sung 1.4")
    a = actions.save_answers(
        a,
        facts={"approved_digital_materials": 45},
        expected_version=a.version,
        by=world.users["member"],
    )
    a = actions.submit(a, by=world.users["head"])
    self_points = a.group1_points
    a = actions.set_review_score(
        a,
        by=world.users["reviewer"],
        item_id="1.4.a",
        points="6",
        reason="Chỉ 25 học liệu được phê duyệt",
    )
    with pytest.raises(actions.ActionRefused):
        actions.recognise(a, by=world.users["reviewer"])  # reviewers propose; heads recognise
    a = actions.recognise(a, by=world.users["office_head"])
    assert a.status == S.RECOGNISED
    assert a.group1_points == self_points - 4
    a = actions.publish(a, by=world.users["office_head"])
    assert a.status == S.PUBLISHED and a.published_at
    assert Snapshot.objects.filter(assessment=a).count() == 3
    verbs = list(
        AuditEntry.objects.filter(target_id=a.pk, target_type="assessments.assessment").values_list(
            "verb", flat=True
        )
    )
    for verb in (
        "assessment.submit",
        "assessment.return",
        "assessment.resubmit",
        "assessment.review_score",
        "assessment.recognise",
        "assessment.publish",
    ):
        assert verb in verbs


def test_a_review_score_above_the_cap_is_refused(world):
    a = submitted(world)
    with pytest.raises(actions.ActionRefused, match="vượt"):
        actions.set_review_score(a, by=world.users["reviewer"], item_id="1.4.a", points="11")


def test_recognised_results_change_only_through_a_reasoned_reopen(world):
    a = actions.recognise(submitted(world), by=world.users["office_head"])
    with pytest.raises(actions.ActionRefused):
        actions.save_answers(
            a, facts={"studio_room": True}, expected_version=a.version, by=world.users["member"]
        )
    with pytest.raises(actions.ActionRefused, match="lý do"):
        actions.reopen(a, by=world.users["office_head"], reason="")
    a = actions.reopen(a, by=world.users["office_head"], reason="Phát hiện sai số liệu 1.6")
    assert a.status == S.RETURNED and a.reopen_reason
    assert AuditEntry.objects.filter(
        verb="assessment.reopen", note="Phát hiện sai số liệu 1.6"
    ).exists()


def test_transitions_out_of_order_are_refused(world):
    a = fill(world.assessments["school"], world.users["member"])
    with pytest.raises(actions.ActionRefused):
        actions.publish(a, by=world.users["office_head"])
    with pytest.raises(actions.ActionRefused):
        actions.return_for_supplement(a, by=world.users["reviewer"], reason="x")


def test_an_office_of_another_province_cannot_act(world):
    a = submitted(world)
    with pytest.raises(actions.ActionRefused):
        actions.recognise(a, by=world.users["other_office_head"])
    with pytest.raises(actions.ActionRefused):
        actions.return_for_supplement(a, by=world.users["other_reviewer"], reason="x")
