"""An office head opens campaigns for its institutions or its sub-offices, closes and reopens them."""

from django.urls import reverse

from chiso.assessments import queries
from chiso.assessments.models import Campaign
from chiso.audit.models import AuditEntry


def post(client, world, user, data):
    client.force_login(world.users[user])
    url = reverse("assessments:campaigns", args=[world.units["so_a"].pk])
    return client.post(url, data, follow=True)


def test_the_so_head_opens_an_institutions_campaign(client, world):
    response = post(
        client,
        world,
        "so_head",
        {
            "name": "Đánh giá mức độ chuyển đổi số",
            "school_year": "2025-2026",
            "audience": "institutions",
            "framework": "qd4725-2022@1",
            "submit_by": "2026-05-31",
            "review_by": "2026-06-20",
        },
    )
    assert "Đã mở đợt «Đánh giá mức độ chuyển đổi số (2025-2026)»" in response.content.decode()
    campaign = Campaign.objects.get(owner=world.units["so_a"], school_year="2025-2026")
    assert queries.current_campaign(world.units["school"]) == campaign
    entry = AuditEntry.objects.get(verb="campaign.open")
    assert entry.after["framework"] == "qd4725-2022@1"


def test_an_offices_campaign_reads_a_source_of_the_same_year(client, world):
    data = {
        "name": "Tự đánh giá của cơ quan",
        "school_year": "2024-2025",
        "audience": "offices",
        "framework": "qd3806-2024@1",
        "rollup_source": world.campaign.pk,
    }
    post(client, world, "so_head", data)
    campaign = Campaign.objects.get(audience="offices")
    assert campaign.rollup_source == world.campaign
    assert queries.current_campaign(world.units["phong_a"], "offices") == campaign
    assert queries.current_campaign(world.units["school"]) == world.campaign


def test_wrong_input_is_refused_with_every_reason_and_nothing_saved(client, world):
    response = post(
        client,
        world,
        "so_head",
        {
            "name": " ",
            "school_year": "2025-2027",
            "audience": "offices",
            "framework": "qd4725-2022@1",
            "submit_by": "2026-06-30",
            "review_by": "2026-06-01",
            "rollup_source": world.campaign.pk,
        },
    )
    page = response.content.decode()
    for reason in (
        "Tên đợt: không được để trống",
        "Năm học: viết dạng 2026-2027",
        "Bộ chỉ số: không dùng được cho đối tượng này",
        "Hạn thẩm định phải sau hạn nộp",
        "phải là đợt của cơ sở giáo dục cùng năm học",
    ):
        assert reason in page, reason
    assert Campaign.objects.count() == 1


def test_a_bad_date_gets_a_message_not_an_error(client, world):
    response = post(
        client,
        world,
        "so_head",
        {
            "name": "x",
            "school_year": "2025-2026",
            "audience": "institutions",
            "framework": "qd4725-2022@1",
            "submit_by": "31/02/2026",
        },
    )
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in response.content.decode()
    assert Campaign.objects.count() == 1


def test_a_second_campaign_of_the_same_year_and_audience_is_refused(client, world):
    data = {
        "name": "Đợt",
        "school_year": "2025-2026",
        "audience": "institutions",
        "framework": "qd4725-2022@1",
    }
    post(client, world, "so_head", data)
    page = post(client, world, "so_head", data).content.decode()
    assert "đã có đợt đánh giá năm học 2025-2026" in page
    assert Campaign.objects.filter(owner=world.units["so_a"]).count() == 1


def test_closing_and_reopening_are_audited(client, world):
    post(
        client,
        world,
        "so_head",
        {
            "name": "Đợt",
            "school_year": "2025-2026",
            "audience": "institutions",
            "framework": "qd4725-2022@1",
        },
    )
    campaign = Campaign.objects.get(owner=world.units["so_a"])
    post(client, world, "so_head", {"campaign": campaign.pk, "close": "1"})
    campaign.refresh_from_db()
    assert campaign.is_open is False
    post(client, world, "so_head", {"campaign": campaign.pk, "reopen": "1"})
    campaign.refresh_from_db()
    assert campaign.is_open is True
    assert list(
        AuditEntry.objects.filter(verb__in=["campaign.close", "campaign.open"]).values_list(
            "verb", flat=True
        )
    ) == ["campaign.open", "campaign.close", "campaign.open"]


def test_only_the_office_head_manages_its_campaigns(client, world):
    url = reverse("assessments:campaigns", args=[world.units["so_a"].pk])
    for user in ("so_reviewer", "office_head", "reviewer", "head", "other_office_head"):
        client.force_login(world.users[user])
        assert client.get(url).status_code == 404, user
        assert client.post(url, {"name": "x"}).status_code == 404, user
    assert Campaign.objects.count() == 1


def test_a_head_cannot_close_another_offices_campaign(client, world):
    # world.campaign belongs to the Bộ: the Sở's head cannot close it through the Sở's page.
    post(client, world, "so_head", {"campaign": world.campaign.pk, "close": "1"})
    world.campaign.refresh_from_db()
    assert world.campaign.is_open is True


def test_the_choice_offers_published_versions_including_the_offices_local_index(client, world):
    from chiso.assessments.campaigns import frameworks_for
    from chiso.frameworks import actions as framework_actions
    from tests.frameworks.conftest import national, publish

    so_head = world.users["so_head"]
    local = framework_actions.copy_as_local(
        national(), by=so_head, owner=world.units["so_a"], framework_id="so-a-mamnon"
    )
    draft_values = {c.value for c in frameworks_for(so_head, "institutions")}
    assert "qd4725-2022@1" in draft_values and "so-a-mamnon@1" not in draft_values
    publish(local, so_head)
    choices = {c.value: c for c in frameworks_for(so_head, "institutions")}
    assert choices["so-a-mamnon@1"].local
    assert "qd3806-2024@1" not in choices
    assert {c.value for c in frameworks_for(world.users["so_head"], "offices")} == {"qd3806-2024@1"}
    assert "so-a-mamnon@1" not in {
        c.value for c in frameworks_for(world.users["other_office_head"], "institutions")
    }
    page = post(
        client,
        world,
        "so_head",
        {
            "name": "Đợt mầm non",
            "school_year": "2025-2026",
            "audience": "institutions",
            "framework": "so-a-mamnon@1",
        },
    )
    assert "Đã mở đợt" in page.content.decode()
    assert Campaign.objects.get(name="Đợt mầm non").framework_version == 1
