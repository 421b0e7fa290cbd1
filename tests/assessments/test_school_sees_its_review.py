"""The school sees what the office decided: points and reasons beside its own, per group, on the
review page (read-only for it); a reviewer cannot lower a score without saying why."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from chiso.assessments import actions
from chiso.assessments.models import Assessment
from tests.conftest import PASSWORD, fill

S = Assessment.Status


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


@pytest.fixture
def submitted(world):
    a = fill(world.assessments["school"], world.users["member"])
    return actions.submit(a, by=world.users["head"])


def _cut(world, a, reason="Chỉ 25 học liệu được phê duyệt"):
    return actions.set_review_score(
        a, by=world.users["reviewer"], item_id="1.4.a", points="6", reason=reason
    )


def test_lowering_a_score_without_a_reason_is_refused_and_nothing_is_saved(world, submitted):
    with pytest.raises(actions.ActionRefused, match=r"1\.4\.a.*lý do"):
        _cut(world, submitted, reason="")
    assert Assessment.objects.get(pk=submitted.pk).review_awards == {}


def test_lowering_a_score_with_a_reason_is_kept(world, submitted):
    a = _cut(world, submitted)
    assert a.review_awards["1.4.a"] == {"points": "6", "reason": "Chỉ 25 học liệu được phê duyệt"}


def test_the_same_score_needs_no_reason(world, submitted):
    own = submitted.awards.get("1.4.a")
    assert own is None  # scored at its cap: 10
    a = actions.set_review_score(
        submitted, by=world.users["reviewer"], item_id="1.4.a", points="10"
    )
    assert a.review_awards["1.4.a"]["points"] == "10"


def test_a_score_on_an_unknown_item_is_refused(world, submitted):
    with pytest.raises(actions.ActionRefused, match="không có trong bộ chỉ số"):
        actions.set_review_score(submitted, by=world.users["reviewer"], item_id="9.9.z", points="1")


def test_the_school_reads_its_review_page(client, world, submitted):
    a = actions.recognise(_cut(world, submitted), by=world.users["office_head"])
    assert client.login(username="member", password=PASSWORD)
    page = client.get(f"/danh-gia/{a.pk}/tham-dinh/").content.decode()
    assert "Kết quả thẩm định" in page
    assert "Chỉ 25 học liệu được phê duyệt" in page
    assert 'name="points"' not in page and 'value="recognise"' not in page


def test_the_school_cannot_post_to_the_review(client, world, submitted):
    assert client.login(username="head", password=PASSWORD)
    response = client.post(
        f"/danh-gia/{submitted.pk}/tham-dinh/",
        {"action": "score", "item_id": "1.4.a", "points": "0", "reason": "x"},
    )
    assert response.status_code == 404
    assert Assessment.objects.get(pk=submitted.pk).review_awards == {}


def test_an_outsider_gets_404_on_the_review(client, world, submitted):
    assert client.login(username="other_head", password=PASSWORD)
    assert client.get(f"/danh-gia/{submitted.pk}/tham-dinh/").status_code == 404


def test_the_form_shows_the_office_points_beside_each_item_and_per_group(client, world, submitted):
    a = actions.recognise(_cut(world, submitted), by=world.users["office_head"])
    assert client.login(username="member", password=PASSWORD)
    page = client.get(f"/danh-gia/{a.pk}/").content.decode()
    assert "Cơ quan quản lý chấm <b>6</b> — Chỉ 25 học liệu được phê duyệt" in page
    own = str(int(submitted.group1_points))
    recognised = str(int(submitted.group1_points) - 4)
    assert f'Tự đánh giá <b class="score">{own}/100</b>' in page
    assert f'Công nhận <b class="score recognised-points">{recognised}</b>' in page


def test_the_review_is_not_shown_to_the_school_while_it_is_being_reviewed(client, world, submitted):
    _cut(world, submitted)
    assert client.login(username="member", password=PASSWORD)
    page = client.get(f"/danh-gia/{submitted.pk}/").content.decode()
    assert "Cơ quan quản lý chấm" not in page


def test_a_disputed_mandatory_condition_caps_the_recognised_level(world, submitted):
    with pytest.raises(actions.ActionRefused, match="lý do"):
        actions.dispute_condition(
            submitted, by=world.users["reviewer"], criterion_id="2.1", disputed=True
        )
    a = actions.dispute_condition(
        submitted,
        by=world.users["reviewer"],
        criterion_id="2.1",
        disputed=True,
        reason="Chưa có quyết định thành lập bộ phận",
    )
    a = actions.recognise(a, by=world.users["office_head"])
    assert a.group2_level == 1
    assert submitted.group2_level > 1


def test_only_mandatory_conditions_can_be_disputed(world, submitted):
    with pytest.raises(actions.ActionRefused, match="không phải điều kiện bắt buộc"):
        actions.dispute_condition(
            submitted, by=world.users["reviewer"], criterion_id="1.4", disputed=True, reason="x"
        )


def test_scoring_in_place_answers_with_the_criterion_only(client, world, submitted):
    assert client.login(username="reviewer", password=PASSWORD)
    response = client.post(
        f"/danh-gia/{submitted.pk}/tham-dinh/",
        {"action": "score", "item_id": "1.4.a", "points": "6", "reason": ""},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<tr id="muc-1.4.a">')
    assert "thấp hơn điểm tự đánh giá" in html and 'role="alert"' in html
    assert 'name="points" value="6"' in html  # what was typed stays beside the message
    assert 'id="score-1.4" hx-swap-oob="true"' in html
    assert 'id="review-totals" hx-swap-oob="true"' in html
    assert "<html" not in html
    response = client.post(
        f"/danh-gia/{submitted.pk}/tham-dinh/",
        {"action": "score", "item_id": "1.4.a", "points": "6", "reason": "Thiếu"},
        HTTP_HX_REQUEST="true",
    )
    assert 'role="alert"' not in response.content.decode()
    assert Assessment.objects.get(pk=submitted.pk).review_awards["1.4.a"]["points"] == "6"


def test_the_home_page_shows_the_recognised_figures_and_why_a_level_is_capped(
    client, world, submitted
):
    a = actions.dispute_condition(
        _cut(world, submitted),
        by=world.users["reviewer"],
        criterion_id="2.1",
        disputed=True,
        reason="Chưa có quyết định",
    )
    actions.recognise(a, by=world.users["office_head"])
    assert client.login(username="member", password=PASSWORD)
    page = client.get("/").content.decode()
    assert "Kết quả được công nhận" in page
    assert "chỉ Mức độ 1 vì điều kiện bắt buộc 2.1 chưa đạt" in page
    assert f"tự đánh giá {int(submitted.group1_points)}" in page


def test_the_public_page_says_a_level_is_held_by_an_unmet_condition(client, world, submitted):
    a = actions.dispute_condition(
        submitted, by=world.users["reviewer"], criterion_id="2.1", disputed=True, reason="Thiếu"
    )
    a = actions.publish(
        actions.recognise(a, by=world.users["office_head"]), by=world.users["office_head"]
    )
    page = client.get(f"/cong-khai/{world.units['phong_a'].pk}/").content.decode()
    assert page.count("điều kiện bắt buộc chưa đạt: giữ ở Mức độ 1") == 1


def test_a_late_submission_is_flagged_on_the_list_and_the_review(client, world, submitted):
    a = Assessment.objects.get(pk=submitted.pk)
    # 22 June 2025 in Vietnam whatever the hour of the run (a UTC time after 17:00 is the next day)
    a.submitted_at = dt.datetime(2025, 6, 22, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    a.save(update_fields=["submitted_at"])  # the campaign's deadline is 31/05/2025
    assert client.login(username="reviewer", password=PASSWORD)
    review = client.get(f"/danh-gia/{a.pk}/tham-dinh/").content.decode()
    assert "Nộp muộn 22 ngày" in review
    listing = client.get(f"/don-vi/{world.units['phong_a'].pk}/?dot={world.campaign.pk}")
    assert "nộp muộn 22 ngày" in listing.content.decode()


def test_the_checklist_flags_a_late_unit_and_lists_the_return_notes(client, world, submitted):
    actions.return_for_supplement(
        submitted,
        by=world.users["reviewer"],
        reason="Bổ sung",
        item_comments={"1.4": "Thiếu danh sách"},
    )
    assert client.login(username="head", password=PASSWORD)
    page = client.get(f"/danh-gia/{submitted.pk}/nop/").content.decode()
    assert "Quá hạn nộp" in page  # today is past 31/05/2025
    assert "1.4. Số lượng học liệu được số hóa" in page and "Thiếu danh sách" in page


def test_return_notes_stay_beside_their_item_at_resubmission(client, world, submitted):
    a = actions.return_for_supplement(
        submitted, by=world.users["reviewer"], reason="Bổ sung", item_comments={"1.4.a": "Thiếu"}
    )
    a = actions.submit(a, by=world.users["head"])
    assert client.login(username="reviewer", password=PASSWORD)
    page = client.get(f"/danh-gia/{a.pk}/tham-dinh/").content.decode()
    row = page.split('<tr id="muc-1.4.a">')[1].split("</tr>")[0]
    assert "Đã yêu cầu bổ sung (lần trả lại trước): Thiếu" in row


def test_the_school_does_not_see_the_review_in_progress(client, world, submitted):
    _cut(world, submitted)
    assert client.login(username="member", password=PASSWORD)
    response = client.get(f"/danh-gia/{submitted.pk}/tham-dinh/", follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "chưa có kết luận thẩm định" in page
    assert "Chỉ 25 học liệu được phê duyệt" not in page
