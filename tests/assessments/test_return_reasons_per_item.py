"""Returning an assessment gives a reason for each item sent back: the items the review scored
lower and the conditions it does not recognise (the reviewer's reason unless changed), and the
criteria ticked «Cần bổ sung»; an item without a reason refuses the return, nothing saved."""

from __future__ import annotations

import pytest

from chiso.assessments import actions
from chiso.assessments.models import Assessment, ItemComment
from chiso.audit.models import AuditEntry
from tests.conftest import PASSWORD, fill

S = Assessment.Status
CUT = "Chỉ 25 học liệu được phê duyệt"


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


@pytest.fixture
def reviewed(world):
    a = actions.submit(
        fill(world.assessments["school"], world.users["member"]), by=world.users["head"]
    )
    return actions.set_review_score(
        a, by=world.users["reviewer"], item_id="1.4.a", points="6", reason=CUT
    )


def _unchanged(a):
    a = Assessment.objects.get(pk=a.pk)
    assert a.status == S.SUBMITTED
    assert not ItemComment.objects.filter(assessment=a).exists()
    assert not AuditEntry.objects.filter(verb="assessment.return").exists()


def test_the_review_names_the_items_it_scored_lower_and_the_conditions_it_disputes(world, reviewed):
    a = actions.set_review_score(
        reviewed, by=world.users["reviewer"], item_id="1.3.a", points="6"
    )  # the same as the school's: nothing to send back
    a = actions.dispute_condition(
        a, by=world.users["reviewer"], criterion_id="2.1", disputed=True, reason="Chưa có QĐ"
    )
    assert actions.review_flags(a) == {"1.4.a": CUT, "2.1": "Chưa có QĐ"}


def test_a_lowered_item_goes_back_with_the_reviewers_reason(world, reviewed):
    a = actions.return_for_supplement(reviewed, by=world.users["reviewer"], reason="Bổ sung")
    assert a.status == S.RETURNED
    note = ItemComment.objects.get(assessment=a, item_id="1.4.a")
    assert (note.text, note.is_return_reason) == (CUT, True)


def test_a_lowered_item_whose_reason_was_emptied_refuses_the_return(world, reviewed):
    with pytest.raises(actions.MissingReasons, match=r"còn thiếu lý do ở 1\.4\.a") as refused:
        actions.return_for_supplement(
            reviewed, by=world.users["reviewer"], reason="Bổ sung", item_comments={"1.4.a": " "}
        )
    assert refused.value.missing == ["1.4.a"]
    assert "Chưa trả lại, chưa lưu gì." in str(refused.value)
    _unchanged(reviewed)


def test_a_ticked_criterion_without_a_reason_refuses_the_return(world, reviewed):
    with pytest.raises(actions.MissingReasons, match=r"1\.6") as refused:
        actions.return_for_supplement(
            reviewed,
            by=world.users["reviewer"],
            reason="Bổ sung",
            item_comments={"1.6": "", "1.5": "Thiếu kế hoạch thi"},
            flagged=["1.6", "1.5"],
        )
    assert refused.value.missing == ["1.6"]
    _unchanged(reviewed)


def test_the_general_reason_and_the_items_are_refused_in_one_message(world, reviewed):
    with pytest.raises(actions.ActionRefused) as refused:
        actions.return_for_supplement(
            reviewed, by=world.users["reviewer"], reason="", flagged=["1.6"]
        )
    assert "Phải ghi lý do trả lại" in str(refused.value) and "1.6" in str(refused.value)


def test_the_return_form_lists_the_lowered_items_with_their_reasons(client, world, reviewed):
    assert client.login(username="reviewer", password=PASSWORD)
    page = client.get(f"/danh-gia/{reviewed.pk}/tham-dinh/").content.decode()
    row = page[page.index('id="tra-lai-1.4.a"') :]
    row = row[: row.index("</tr>")]
    assert "Tự chấm 10 → thẩm định 6" in row
    assert 'name="note_1.4.a" maxlength="2000"' in row and f">{CUT}</textarea>" in row
    assert 'name="flag" value="1.6" form="return-form"' in page


def test_a_refused_return_comes_back_with_what_was_typed_and_the_reason_in_place(
    client, world, reviewed
):
    assert client.login(username="reviewer", password=PASSWORD)
    response = client.post(
        f"/danh-gia/{reviewed.pk}/tham-dinh/",
        {
            "action": "return",
            "reason": "Cần bổ sung minh chứng",
            "note_1.4.a": "",
            "flag": ["1.6"],
            "note_1.6": "",
            "note_1.5": "Thiếu kế hoạch thi",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "còn thiếu lý do ở 1.4.a, 1.6" in page
    row = page[page.index('id="tra-lai-1.4.a"') :]
    assert row.index("Chưa có lý do") < row.index("</tr>")
    assert "Tiêu chí 1.6 được đánh dấu cần bổ sung nhưng chưa có lý do." in page
    assert 'name="note_1.5" form="return-form" maxlength="2000" value="Thiếu kế hoạch thi"' in page
    assert 'value="1.6" form="return-form" aria-label="Cần bổ sung khi trả lại 1.6" checked' in page
    assert 'aria-label="Cần bổ sung khi trả lại 1.5" checked' not in page
    assert ">Cần bổ sung minh chứng</textarea>" in page
    _unchanged(reviewed)


def test_a_complete_return_sends_each_reason_to_its_item(client, world, reviewed):
    assert client.login(username="reviewer", password=PASSWORD)
    response = client.post(
        f"/danh-gia/{reviewed.pk}/tham-dinh/",
        {
            "action": "return",
            "reason": "Cần bổ sung minh chứng",
            "note_1.4.a": "Gửi danh sách 25 học liệu đã phê duyệt",
            "flag": ["1.6"],
            "note_1.6": "Thiếu số giáo viên có tài khoản",
        },
    )
    assert response.status_code == 302
    a = Assessment.objects.get(pk=reviewed.pk)
    assert a.status == S.RETURNED
    notes = dict(
        ItemComment.objects.filter(assessment=a).exclude(item_id="").values_list("item_id", "text")
    )
    assert notes == {
        "1.4.a": "Gửi danh sách 25 học liệu đã phê duyệt",
        "1.6": "Thiếu số giáo viên có tài khoản",
    }
    assert client.login(username="member", password=PASSWORD)
    form = client.get(f"/danh-gia/{a.pk}/").content.decode()
    assert "Gửi danh sách 25 học liệu đã phê duyệt" in form


def test_scoring_in_place_brings_the_return_form_up_to_date_keeping_what_was_typed(
    client, world, reviewed
):
    assert client.login(username="reviewer", password=PASSWORD)
    response = client.post(
        f"/danh-gia/{reviewed.pk}/tham-dinh/",
        {
            "action": "score",
            "item_id": "2.4.c",
            "points": "5",
            "reason": "Chưa có hợp đồng",
            "note_1.4.a": "Gửi danh sách học liệu",  # typed in the return form meanwhile
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert '<div id="return-items" hx-swap-oob="true">' in html
    oob = html[html.index('<div id="return-items"') :]
    assert oob.index('id="tra-lai-1.4.a"') < oob.index('id="tra-lai-2.4.c"')
    assert ">Gửi danh sách học liệu</textarea>" in oob
    assert ">Chưa có hợp đồng</textarea>" in oob


def test_the_school_reading_its_review_gets_no_return_form(client, world, reviewed):
    a = actions.return_for_supplement(reviewed, by=world.users["reviewer"], reason="Bổ sung")
    assert client.login(username="member", password=PASSWORD)
    assert 'id="return-items"' not in client.get(f"/danh-gia/{a.pk}/tham-dinh/").content.decode()
