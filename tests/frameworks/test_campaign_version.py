"""Moving a campaign to another version: a dry run, then an explicit, all-or-nothing move."""

from __future__ import annotations

from typing import Any

import pytest

from chiso import rubric
from chiso.assessments import actions as assessment_actions
from chiso.assessments import versions as rescoring
from chiso.assessments.models import Assessment, Campaign
from chiso.audit.models import AuditEntry
from chiso.frameworks import registry
from chiso.jobs.models import Job
from chiso.jobs.registry import JobFailed
from tests.conftest import COMPLETE_FACTS, PASSWORD, fill
from tests.frameworks.conftest import draft_of, item, national, publish


def stricter(data: dict[str, Any]) -> None:
    """Group levels from 72 and 85: COMPLETE_FACTS' group 2 (68) falls to Mức độ 1."""
    data["group_levels"] = [
        {"level": 1, "below": 72},
        {"level": 2, "from": 72, "to": 85},
        {"level": 3, "above": 85},
    ]


@pytest.fixture
def campaign(world, settings):
    """A campaign of Sở A with its three schools filled in."""
    settings.EVIDENCE_CAPTURE_ENABLED = False
    campaign = Campaign.objects.create(
        name="Đợt của Sở A", school_year="2025-2026", owner=world.units["so_a"]
    )
    for key, user in (("school", "member"), ("sibling", "sibling_head")):
        a = Assessment.objects.create(campaign=campaign, unit=world.units[key])
        fill(a, world.users[user], {**COMPLETE_FACTS, "studio_room": key == "sibling"})
    return campaign


@pytest.fixture
def v2(world):
    return publish(
        draft_of(national(), world.users["national_admin"], stricter), world.users["national_admin"]
    )


def _preview(client, campaign, v2, capture) -> Job:
    client.login(username="so_head", password=PASSWORD)
    with capture(execute=True):
        response = client.post(f"/danh-gia/dot/{campaign.pk}/phien-ban/", {"target": v2.pk})
    job = Job.objects.filter(kind="campaign_version_preview").latest("pk")
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    return job


def _figures(campaign):
    return list(
        Assessment.objects.filter(campaign=campaign)
        .order_by("pk")
        .values_list("group2_level", "overall_level")
    )


def test_the_preview_lists_the_results_whose_level_would_change_and_changes_nothing(
    client, world, campaign, v2, django_capture_on_commit_callbacks
):
    before = _figures(campaign)
    job = _preview(client, campaign, v2, django_capture_on_commit_callbacks)
    assert job.status == "done" and job.message.startswith("2 kết quả: 2 kết quả đổi mức")
    rows = {row[1]: row for row in job.summary["rows"]}
    assert "nhóm 2: Mức độ 2 → Mức độ 1" in rows["TH-CVA Trường Tiểu học Chu Văn An"][4]
    assert job.summary["confirm"]["url"] == f"/danh-gia/dot/{campaign.pk}/phien-ban/xac-nhan/"
    campaign.refresh_from_db()
    assert (campaign.framework_version, _figures(campaign)) == (1, before)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Tiếp tục: xác nhận chấm lại theo qd4725-2022@2" in page


def test_confirming_moves_the_campaign_and_keeps_each_old_result_in_its_history(
    client, world, campaign, v2, django_capture_on_commit_callbacks
):
    job = _preview(client, campaign, v2, django_capture_on_commit_callbacks)
    confirm = f"/danh-gia/dot/{campaign.pk}/phien-ban/xac-nhan/"
    page = client.post(confirm, {"job": job.pk}).content.decode()
    assert "2 kết quả được chấm lại; 2 kết quả đổi mức" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm, {"job": job.pk, "apply": "1"})
    move = Job.objects.get(kind="campaign_version_move")
    assert move.status == "done", move.message
    campaign.refresh_from_db()
    assert (campaign.framework_id, campaign.framework_version) == ("qd4725-2022", 2)
    school = Assessment.objects.get(campaign=campaign, unit=world.units["school"])
    assert school.group2_level == 1 and school.overall_level == 1
    entry = AuditEntry.objects.get(verb="assessment.framework_version", target_id=school.pk)
    assert entry.before["framework"] == "qd4725-2022@1" and entry.before["group2_level"] == 2
    assert entry.after["framework"] == "qd4725-2022@2" and entry.after["group2_level"] == 1
    assert AuditEntry.objects.get(verb="campaign.framework_version").after["level_changes"] == 2
    history = client.get(f"/danh-gia/{school.pk}/lich-su/").content.decode()
    assert "Chuyển sang phiên bản khác của bộ chỉ số" in history, history
    assert "qd4725-2022@1" in history or "phiên bản 1" in history, history
    card = rubric.score(registry.get_framework("qd4725-2022", 2), school.facts, school.awards)
    assert card.overall_level == school.overall_level


def test_official_results_move_only_with_the_offices_consent(
    client, world, campaign, v2, django_capture_on_commit_callbacks
):
    sibling = Assessment.objects.get(campaign=campaign, unit=world.units["sibling"])
    sibling = assessment_actions.submit(sibling, by=world.users["sibling_head"])
    assessment_actions.recognise(sibling, by=world.users["office_head"])
    job = _preview(client, campaign, v2, django_capture_on_commit_callbacks)
    confirm = f"/danh-gia/dot/{campaign.pk}/phien-ban/xac-nhan/"
    assert (
        "Đồng ý chấm lại cả 1 kết quả đã công nhận"
        in client.post(confirm, {"job": job.pk}).content.decode()
    )
    refused = client.post(confirm, {"job": job.pk, "apply": "1"}, follow=True).content.decode()
    assert "hãy đánh dấu đồng ý" in refused
    assert not Job.objects.filter(kind="campaign_version_move").exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm, {"job": job.pk, "apply": "1", "include_official": "1"})
    sibling.refresh_from_db()
    assert sibling.status == "recognised" and sibling.group2_level == 1
    entry = AuditEntry.objects.get(verb="assessment.framework_version", target_id=sibling.pk)
    assert entry.before["group2_level"] == 2 and "giữ trạng thái" in entry.note
    with pytest.raises(JobFailed, match="chưa có xác nhận"):
        rescoring.move_campaign(
            campaign,
            national(),
            by=world.users["so_head"],
            expected="qd4725-2022@2",
            include_official=False,
        )


def test_results_that_cannot_be_scored_under_the_new_version_block_the_move(world, campaign):
    school = Assessment.objects.get(campaign=campaign, unit=world.units["school"])
    assessment_actions.save_answers(
        school, facts={}, awards={"1.5.a": {"points": "15", "reason": "đủ điều kiện"}},
        expected_version=school.version, by=world.users["member"],
    )  # fmt: skip

    def lower(data):
        item(data, "1.5.a")["rule"]["cap"] = 12
        item(data, "1.5.b")["rule"]["cap"] = 8

    v3 = publish(
        draft_of(national(), world.users["national_admin"], lower), world.users["national_admin"]
    )
    preview = rescoring.impact(campaign.assessments.all(), registry.framework_of(v3))
    assert [unit for _, unit, _ in preview.invalid] == ["TH-CVA Trường Tiểu học Chu Văn An"]
    assert "vượt điểm tối đa 12 điểm" in preview.invalid[0][2]
    before = _figures(campaign)
    with pytest.raises(JobFailed, match="1 bản đánh giá không chấm được"):
        rescoring.move_campaign(
            campaign, v3, by=world.users["so_head"], expected="qd4725-2022@1", include_official=True
        )
    campaign.refresh_from_db()
    assert campaign.framework_version == 1 and _figures(campaign) == before
    assert not AuditEntry.objects.filter(verb="assessment.framework_version").exists()


def test_a_preview_of_another_version_is_refused_after_the_campaign_moved(
    client, world, campaign, v2, django_capture_on_commit_callbacks
):
    job = _preview(client, campaign, v2, django_capture_on_commit_callbacks)
    rescoring.move_campaign(
        campaign, v2, by=world.users["so_head"], expected="qd4725-2022@1", include_official=True
    )
    response = client.post(
        f"/danh-gia/dot/{campaign.pk}/phien-ban/xac-nhan/",
        {"job": job.pk, "apply": "1"},
        follow=True,
    )
    assert "đã thay đổi từ lúc xem trước" in response.content.decode()
    with pytest.raises(JobFailed, match="đã chuyển sang qd4725-2022@2"):
        rescoring.move_campaign(
            campaign,
            national(),
            by=world.users["so_head"],
            expected="qd4725-2022@1",
            include_official=True,
        )


def test_a_result_saved_while_the_move_runs_is_scored_again_before_writing(world, campaign, v2):
    school = Assessment.objects.get(campaign=campaign, unit=world.units["school"])

    def edit_between_the_steps(done, total, message=""):
        if message.startswith("Bước 2/2"):
            fresh = Assessment.objects.get(pk=school.pk)
            assessment_actions.save_answers(
                fresh, facts={"cashless_fees": False, "online_admission": True},
                expected_version=fresh.version, by=world.users["member"],
            )  # fmt: skip

    rescoring.move_campaign(
        campaign, v2, by=world.users["so_head"], expected="qd4725-2022@1", include_official=True,
        progress=edit_between_the_steps,
    )  # fmt: skip
    school.refresh_from_db()
    card = rubric.score(registry.get_framework("qd4725-2022", 2), school.facts, school.awards)
    assert float(school.group2_points) == float(card.group("2").points) == 70
    assert school.group2_level == card.group("2").level == 1


@pytest.mark.parametrize("username", ["so_reviewer", "office_head", "head", "other_office_head"])
def test_only_the_head_of_the_campaigns_office_moves_it(client, world, campaign, v2, username):
    client.login(username=username, password=PASSWORD)
    assert client.get(f"/danh-gia/dot/{campaign.pk}/phien-ban/").status_code == 404
    assert (
        client.post(f"/danh-gia/dot/{campaign.pk}/phien-ban/", {"target": v2.pk}).status_code == 404
    )
    assert not Job.objects.exists()
