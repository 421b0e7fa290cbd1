"""Points held for a whole criterion (last year's report) give way when the criterion's answers
are entered: dropped in the same save, said beside the criterion, kept in the history."""

from __future__ import annotations

import pytest

from chiso.assessments import actions
from chiso.assessments.models import Assessment
from chiso.audit.models import AuditEntry
from tests.conftest import PASSWORD

WHOLE = {"points": "19", "reason": "Theo báo cáo cũ «bao-cao-2024.docx»"}


@pytest.fixture
def draft(world):
    a = world.assessments["school"]
    a.awards = {"1.3": WHOLE}
    a.save(update_fields=["awards"])
    return a


def test_entering_an_answer_drops_the_whole_criterion_points_and_says_so(client, world, draft):
    assert client.login(username="member", password=PASSWORD)
    response = client.post(
        f"/danh-gia/{draft.pk}/tieu-chi/1.3/",
        {"criterion_version": "0", "fact_live_teaching_software": "co"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' not in html
    assert (
        "Đã bỏ 19 điểm cho cả tiêu chí 1.3 (lấy từ báo cáo cũ) vì bạn vừa nhập câu trả lời: "
        "tiêu chí nay được chấm theo từng mục. Điểm cũ vẫn ghi trong Lịch sử."
    ) in html
    a = Assessment.objects.get(pk=draft.pk)
    assert "1.3" not in a.awards and a.facts["live_teaching_software"] is True
    entry = AuditEntry.objects.filter(verb="assessment.edit").latest("pk")
    assert entry.before["award:1.3"] == WHOLE and entry.after["award:1.3"] is None
    history = client.get(f"/danh-gia/{draft.pk}/lich-su/").content.decode()
    assert "19" in history and "1.3" in history


def test_without_htmx_the_message_comes_after_the_redirect(client, world, draft):
    assert client.login(username="member", password=PASSWORD)
    page = client.post(
        f"/danh-gia/{draft.pk}/tieu-chi/1.3/",
        {"criterion_version": "0", "fact_lms_deployed": "khong"},
        follow=True,
    ).content.decode()
    assert "Đã bỏ 19 điểm cho cả tiêu chí 1.3" in page
    assert "1.3" not in Assessment.objects.get(pk=draft.pk).awards


def test_an_unchanged_or_blank_answer_keeps_the_points(world, draft):
    a = actions.save_answers(
        draft,
        facts={"live_teaching_software": None},
        criteria={"1.3": 0},
        by=world.users["member"],
    )
    assert a.awards["1.3"] == WHOLE


def test_another_criterion_answered_keeps_the_points(world, draft):
    a = actions.save_answers(
        draft,
        facts={"approved_digital_materials": "25"},
        criteria={"1.4": 0},
        by=world.users["member"],
    )
    assert a.awards["1.3"] == WHOLE


def test_an_import_giving_answers_and_points_together_keeps_both(world, draft):
    a = actions.save_answers(
        draft,
        facts={"live_teaching_software": True},
        awards={"1.3": {"points": "12", "reason": "Theo báo cáo cũ"}},
        expected_version=draft.version,
        by=world.users["member"],
    )
    assert a.awards["1.3"]["points"] == "12" and a.facts["live_teaching_software"] is True


def test_the_history_of_the_dropped_points_names_who_and_what(world, draft):
    actions.save_answers(
        draft,
        facts={"lms_deployed": True},
        criteria={"1.3": 0},
        by=world.users["member"],
    )
    entry = AuditEntry.objects.filter(verb="assessment.edit").latest("pk")
    assert entry.actor == world.users["member"]
    assert entry.after == {"fact:lms_deployed": True, "award:1.3": None}
