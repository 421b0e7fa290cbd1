"""Who reviews and recognises a commune-managed school's result is a setting of each campaign by
institution type; whoever is not named follows (reads, reminds). Expectations by hand."""

from __future__ import annotations

import pytest

from chiso.assessments import actions, campaigns
from chiso.assessments.models import Assessment
from chiso.audit.models import AuditEntry
from chiso.units import policy
from chiso.units.models import ReviewMode
from tests.conftest import PASSWORD, fill
from tests.units.test_commune_authorisation import moved  # noqa: F401 (fixture)

DECIDE = ("review", "return", "recognise", "publish", "reopen")
EXPECTED = {
    ReviewMode.COMMUNE: {
        "xa_head": {"review", "return", "recognise", "publish", "reopen"},
        "xa_reviewer": {"review", "return"},
        "so_head": set(),
        "so_reviewer": set(),
    },
    ReviewMode.COMMUNE_THEN_SO: {
        "xa_head": {"review", "return"},
        "xa_reviewer": {"review", "return"},
        "so_head": {"review", "recognise", "publish", "reopen"},
        "so_reviewer": {"review"},
    },
    ReviewMode.SO: {
        "xa_head": set(),
        "xa_reviewer": set(),
        "so_head": {"review", "return", "recognise", "publish", "reopen"},
        "so_reviewer": {"review", "return"},
    },
}


def set_mode(world, mode):
    assessment = world.assessments["hd_2025"]
    campaign = assessment.campaign
    campaigns.set_review_modes(campaign, {"TH": mode}, by=world.users["so_head"])
    return Assessment.objects.select_related("unit", "campaign").get(pk=assessment.pk)


@pytest.mark.parametrize("mode", list(EXPECTED))
def test_only_those_the_setting_names_review_or_recognise(moved, mode):  # noqa: F811
    assessment = set_mode(moved, mode)
    for username, allowed in EXPECTED[mode].items():
        user = moved.users[username]
        assert {a for a in DECIDE if policy.can(user, a, assessment)} == allowed, username
        # Everyone who follows the school reads it and may remind it.
        assert policy.can(user, "view", assessment), username
        assert policy.can(user, "remind", assessment), username


@pytest.mark.parametrize("mode", list(EXPECTED))
def test_the_setting_leaves_the_so_managed_schools_and_the_history_alone(moved, mode):  # noqa: F811
    set_mode(moved, mode)
    so_head, xa_head = moved.users["so_head"], moved.users["xa_head"]
    history = Assessment.objects.select_related("unit", "campaign").get(
        pk=moved.assessments["hd_2024"].pk
    )
    assert policy.can(so_head, "recognise", history)
    assert not policy.can(xa_head, "recognise", history)


def test_a_setting_for_primary_schools_does_not_touch_kindergartens(moved):  # noqa: F811
    set_mode(moved, ReviewMode.SO)
    kindergarten = Assessment.objects.select_related("unit", "campaign").get(
        pk=moved.assessments["dp_2025"].pk
    )
    assert policy.can(moved.users["xa2_head"], "recognise", kindergarten)
    assert not policy.can(moved.users["so_head"], "recognise", kindergarten)


def test_a_follower_cannot_return_or_recognise_but_the_so_can(moved):  # noqa: F811
    assessment = set_mode(moved, ReviewMode.SO)
    fill(assessment, moved.users["hd_head"])
    assessment.refresh_from_db()
    assessment = actions.submit(assessment, by=moved.users["hd_head"])
    with pytest.raises(actions.ActionRefused):
        actions.return_for_supplement(assessment, by=moved.users["xa_head"], reason="Thiếu")
    with pytest.raises(actions.ActionRefused):
        actions.recognise(assessment, by=moved.users["xa_head"])
    assert actions.recognise(assessment, by=moved.users["so_head"]).status == "recognised"


def test_a_follower_reminds_a_school_that_has_not_submitted(moved):  # noqa: F811
    assessment = set_mode(moved, ReviewMode.SO)
    note = actions.remind(assessment, by=moved.users["xa_reviewer"], text="")
    assert note.startswith("Nhắc nhở: Đề nghị đơn vị hoàn thành và nộp bản đánh giá")
    entry = AuditEntry.objects.get(verb="assessment.remind", target_id=assessment.pk)
    assert entry.actor == moved.users["xa_reviewer"]
    with pytest.raises(actions.ActionRefused):  # the school itself does not remind itself
        actions.remind(assessment, by=moved.users["hd_head"])
    fill(assessment, moved.users["hd_head"])
    assessment.refresh_from_db()
    assessment = actions.submit(assessment, by=moved.users["hd_head"])
    with pytest.raises(actions.ActionRefused, match="chưa nộp"):
        actions.remind(assessment, by=moved.users["xa_reviewer"])


def test_the_school_sees_the_reminder_on_its_form(client, moved):  # noqa: F811
    assessment = set_mode(moved, ReviewMode.SO)
    client.login(username="xa_head", password=PASSWORD)
    page = client.get(f"/danh-gia/{assessment.pk}/").content.decode()
    assert "Thẩm định: <b>Sở GDĐT A</b> · Công nhận: <b>Sở GDĐT A</b>" in page
    client.post(f"/danh-gia/{assessment.pk}/nhac/", {"text": "Hạn nộp là 15/11."})
    client.login(username="hd_head", password=PASSWORD)
    assert (
        "Nhắc nhở: Hạn nộp là 15/11." in client.get(f"/danh-gia/{assessment.pk}/").content.decode()
    )


def test_a_school_member_cannot_remind_and_gets_404(client, moved):  # noqa: F811
    assessment = moved.assessments["hd_2025"]
    client.login(username="hd_head", password=PASSWORD)
    assert client.post(f"/danh-gia/{assessment.pk}/nhac/", {}).status_code == 404
    assert not AuditEntry.objects.filter(verb="assessment.remind").exists()


def test_the_so_sets_the_campaign_and_its_default_on_the_campaigns_page(client, moved):  # noqa: F811
    so, campaign = moved.units["so_a"], moved.assessments["hd_2025"].campaign
    client.login(username="so_head", password=PASSWORD)
    url = f"/don-vi/{so.pk}/dot-danh-gia/"
    choices = {f"mode_{k}": ReviewMode.COMMUNE for k in campaigns.COMMUNE_TYPES}
    client.post(url, {**choices, "mode_TH": "so", "review_modes": "1", "campaign": campaign.pk})
    campaign.refresh_from_db()
    assert campaign.review_modes["TH"] == "so" and campaign.review_modes["MN"] == "xa"
    client.post(url, {**choices, "mode_THCS": "xa_so", "review_modes": "1"})
    so.refresh_from_db()
    assert so.review_modes["THCS"] == "xa_so"
    assert campaigns.default_review_modes(moved.units["xa"])["THCS"] == "xa_so"


def test_an_unknown_choice_is_refused_with_its_type(moved):  # noqa: F811
    with pytest.raises(actions.ActionRefused, match="Tiểu học"):
        campaigns.parse_review_modes({"mode_TH": "bo"})


def test_only_the_office_head_sets_who_reviews(moved):  # noqa: F811
    campaign = moved.assessments["hd_2025"].campaign
    with pytest.raises(actions.ActionRefused):
        campaigns.set_review_modes(campaign, {"TH": "so"}, by=moved.users["so_reviewer"])
    with pytest.raises(actions.ActionRefused):
        campaigns.set_review_modes(campaign, {"TH": "so"}, by=moved.users["xa_head"])
    campaign.refresh_from_db()
    assert campaign.review_modes == {}


def test_a_new_campaign_takes_the_sos_default(client, moved):  # noqa: F811
    so = moved.units["so_a"]
    so.review_modes = {"TH": "so", "THCS": "xa_so"}
    so.save(update_fields=["review_modes"])
    client.login(username="so_head", password=PASSWORD)
    client.post(
        f"/don-vi/{so.pk}/dot-danh-gia/",
        {
            "name": "Đánh giá mức độ chuyển đổi số",
            "school_year": "2026-2027",
            "audience": "institutions",
            "framework": "qd4725-2022@1",
        },
    )
    opened = so.campaigns.get(school_year="2026-2027")
    assert opened.review_modes == {"TH": "so", "THCS": "xa_so"}
    # Those already open keep theirs.
    assert moved.assessments["hd_2025"].campaign.review_modes == {}
