"""An office assesses itself (Quyết định 3806): roll-ups from the institutions below it, the same
workflow one level up, and no one outside the chain sees or changes it."""

import datetime as dt
from fractions import Fraction

import pytest
from django.urls import reverse

from chiso.assessments import actions, queries, rollups
from chiso.assessments.models import Assessment, Campaign
from chiso.audit.models import AuditEntry
from tests.conftest import COMPLETE_FACTS, fill

OFFICE_FACTS = {
    "dt_steering_body": True,
    "dt_yearly_plan": True,
    "directive_documents": 4,
    "external_assessment_done": True,
    "outgoing_documents": 100,
    "outgoing_documents_signed": 90,
    "e_office_in_use": True,
    "online_meetings": True,
    "online_public_services": False,
    "sector_db_for_management": True,
    "security_regulation": True,
    "portal_publishes_results": False,
    "staff_total": 10,
    "staff_trained_digital": 6,
}


def recognise(world, key, facts=None):
    """Take one institution of the world through submission and recognition."""
    a = fill(world.assessments[key], world.users["head"], facts)
    a = actions.submit(a, by=world.users["head"])
    return actions.recognise(a, by=world.users["office_head"])


@pytest.fixture
def offices_campaign(world):
    return Campaign.objects.create(
        name="Tự đánh giá của Phòng, Sở",
        audience=Campaign.Audience.OFFICES,
        school_year=world.campaign.school_year,
        framework_id="qd3806-2024",
        owner=world.units["bo"],
        rollup_source=world.campaign,
    )


@pytest.fixture
def school_recognised(world):
    """The school (Chu Văn An, head `head`) recognised by its Phòng; its sibling not yet."""
    from chiso.units.models import Membership

    Membership.objects.create(
        user=world.users["head"], unit=world.units["sibling"], role=Membership.Role.HEAD
    )
    return recognise(world, "school")


def start_office(world, campaign, user="reviewer"):
    return actions.start(world.units["phong_a"], campaign, by=world.users[user])


def test_an_offices_campaign_is_not_offered_to_institutions(world, offices_campaign):
    assert queries.current_campaign(world.units["school"]) == world.campaign
    assert queries.current_campaign(world.units["phong_a"], "offices") == offices_campaign
    phong_units = queries.assessed_units(world.units["so_a"], offices_campaign)
    assert list(phong_units) == [world.units["phong_a"]]


def test_the_phong_figures_come_from_recognised_results_of_its_institutions(
    world, offices_campaign, school_recognised
):
    office = start_office(world, offices_campaign)
    # Two institutions below Phòng A1; one recognised, with sector_db_exchange and no online admission.
    assert office.facts["api_connected"] == {"numerator": "1", "denominator": 2}
    assert office.facts["online_admission"] == {"numerator": "0", "denominator": 2}
    card = rollups.compute(office)
    assert [o.outcome for o in card["api_connected"].outcomes] == ["counted", "no_result"]
    school_group1 = Fraction(str(school_recognised.group1_points))
    assert office.facts["teaching_average"] == {"numerator": str(school_group1), "denominator": 1}


def test_figures_cannot_be_typed_in(world, offices_campaign):
    office = start_office(world, offices_campaign)
    with pytest.raises(actions.ActionRefused) as info:
        actions.save_answers(
            office,
            facts={"api_connected": "2/2"},
            expected_version=office.version,
            by=world.users["reviewer"],
        )
    assert "số liệu tổng hợp được tính" in str(info.value)


def test_refresh_takes_new_recognitions_into_the_draft_with_an_audit_entry(world, offices_campaign):
    office = start_office(world, offices_campaign)
    assert office.facts["api_connected"] == {"numerator": "0", "denominator": 2}
    recognise(world, "school")
    assert rollups.differs(office, rollups.compute(office))
    office = actions.refresh_rollups(office, by=world.users["reviewer"])
    assert office.facts["api_connected"] == {"numerator": "1", "denominator": 2}
    entry = AuditEntry.objects.filter(verb="assessment.rollups").latest("pk")
    assert entry.before["fact:api_connected"] == {"numerator": "0", "denominator": 2}
    assert entry.after["fact:api_connected"] == {"numerator": "1", "denominator": 2}


def test_submitted_figures_stay_as_submitted(world, offices_campaign):
    office = start_office(world, offices_campaign)
    office = fill(office, world.users["reviewer"], OFFICE_FACTS)
    office = actions.submit(office, by=world.users["office_head"])
    submitted = dict(office.facts)
    recognise(world, "school")
    office.refresh_from_db()
    assert office.facts == submitted
    with pytest.raises(actions.ActionRefused):
        actions.refresh_rollups(office, by=world.users["reviewer"])
    snapshot = office.snapshots.latest("number")
    assert snapshot.content["facts"]["api_connected"] == submitted["api_connected"]


def test_submission_refreshes_the_figures(world, offices_campaign):
    office = fill(start_office(world, offices_campaign), world.users["reviewer"], OFFICE_FACTS)
    recognise(world, "school")
    office = actions.submit(office, by=world.users["office_head"])
    assert office.facts["api_connected"] == {"numerator": "1", "denominator": 2}


def test_the_sos_head_recognises_the_phong_and_the_phong_cannot(world, offices_campaign):
    office = fill(start_office(world, offices_campaign), world.users["reviewer"], OFFICE_FACTS)
    with pytest.raises(actions.ActionRefused):
        actions.submit(office, by=world.users["reviewer"])  # only the office's head signs
    office = actions.submit(office, by=world.users["office_head"])
    with pytest.raises(actions.ActionRefused):
        actions.recognise(office, by=world.users["office_head"])
    office = actions.recognise(office, by=world.users["so_head"])
    assert office.status == Assessment.Status.RECOGNISED
    # 3806's levels are set on the total of the whole index, not per group.
    assert (office.group1_level, office.group2_level) == (None, None)
    total = office.group1_points + office.group2_points
    assert office.overall_level == (1 if total < 50 else 2 if total <= 75 else 3)


def test_only_the_phong_and_the_offices_above_see_its_self_assessment(
    client, world, offices_campaign
):
    office = start_office(world, offices_campaign)
    url = reverse("assessments:detail", args=[office.pk])
    expected = {
        "reviewer": 200,
        "office_head": 200,
        "so_reviewer": 302,  # to the review screen
        "head": 404,
        "member": 404,
        "other_reviewer": 404,
        "other_office_head": 404,
    }
    for name, status in expected.items():
        client.force_login(world.users[name])
        assert client.get(url).status_code == status, name


def test_the_detail_screen_shows_the_computation_and_who_moves_it(
    client, world, offices_campaign, school_recognised
):
    office = start_office(world, offices_campaign)
    client.force_login(world.users["reviewer"])
    page = client.get(reverse("assessments:detail", args=[office.pk])).content.decode()
    assert "Số liệu tổng hợp" in page
    assert "1/2 cơ sở = 50%" in page
    assert "Trường THCS Lê Lợi — chưa có kết quả được công nhận" in page
    assert "bộ chỉ số tạm thời" in page
    assert 'name="fact_api_connected"' not in page


def test_the_so_sees_the_phong_in_its_list_for_the_offices_campaign(
    client, world, offices_campaign
):
    start_office(world, offices_campaign)
    client.force_login(world.users["so_reviewer"])
    url = reverse("assessments:office_list", args=[world.units["so_a"].pk])
    page = client.get(url, {"dot": offices_campaign.pk}).content.decode()
    assert "Phòng GDĐT A1" in page
    assert "Trường Tiểu học Chu Văn An" not in page


def test_the_home_page_offers_the_office_its_own_assessment(client, world, offices_campaign):
    client.force_login(world.users["office_head"])
    page = client.get(reverse("web:home")).content.decode()
    assert "tự đánh giá của cơ quan" in page
    assert reverse("assessments:start", args=[world.units["phong_a"].pk]) in page
    response = client.post(reverse("assessments:start", args=[world.units["phong_a"].pk]))
    office = Assessment.objects.get(campaign=offices_campaign, unit=world.units["phong_a"])
    assert response.url == office.get_absolute_url()


def test_on_time_reads_each_institutions_deadline(world, offices_campaign):
    recognised = recognise(world, "school")
    Assessment.objects.filter(pk=recognised.pk).update(
        submitted_at=dt.datetime(2025, 6, 2, 3, tzinfo=dt.UTC)
    )
    figures = rollups.compute(start_office(world, offices_campaign))
    assert figures["on_time"].figure.numerator == 0  # 02/06 is after the 31/05 deadline
    Assessment.objects.filter(pk=recognised.pk).update(
        submitted_at=dt.datetime(2025, 5, 30, 3, tzinfo=dt.UTC)
    )
    assert rollups.compute(start_office(world, offices_campaign))["on_time"].figure.numerator == 1


def test_the_office_report_is_headed_by_its_peoples_committee(world, offices_campaign):
    import io

    from docx import Document

    from chiso.reports.data import assessment_document
    from chiso.reports.docx_export import render_report_docx

    world.units["phong_a"].name = "Phòng Giáo dục và Đào tạo quận Dương Kinh"
    world.units["phong_a"].save(update_fields=["name"])
    office = fill(start_office(world, offices_campaign), world.users["reviewer"], OFFICE_FACTS)
    text = "\n".join(
        p.text
        for p in Document(io.BytesIO(render_report_docx(assessment_document(office)))).paragraphs
    )
    assert "3806/QĐ-BGDĐT" in text
    assert "Bộ chỉ số tạm thời" in text
    assert "tạm chia 50/50" in text  # the split of the 100 is marked provisional
    assert "Tổng điểm toàn bộ chỉ số:" in text
    assert "Mức độ: None" not in text and "Nhóm tiêu chí 1:" in text
    document = Document(io.BytesIO(render_report_docx(assessment_document(office))))
    header = document.tables[0].rows[0].cells[0].text
    header = " ".join(header.split())  # a long name wraps between its parts (NĐ 30 layout)
    assert header.startswith("ỦY BAN NHÂN DÂN QUẬN DƯƠNG KINH")
    assert "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN DƯƠNG KINH" in header
    signatures = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "TRƯỞNG PHÒNG" in signatures and "HIỆU TRƯỞNG" not in signatures


def test_institution_facts_are_untouched_by_the_office_roll_up(world, offices_campaign):
    recognise(world, "school", COMPLETE_FACTS)
    before = Assessment.objects.get(pk=world.assessments["school"].pk).facts
    start_office(world, offices_campaign)
    assert Assessment.objects.get(pk=world.assessments["school"].pk).facts == before


def test_published_office_levels_appear_on_the_public_page_marked_provisional(
    client, world, offices_campaign
):
    office = fill(start_office(world, offices_campaign), world.users["reviewer"], OFFICE_FACTS)
    office = actions.submit(office, by=world.users["office_head"])
    actions.publish(actions.recognise(office, by=world.users["so_head"]), by=world.users["so_head"])
    page = client.get(reverse("assessments:public", args=[world.units["so_a"].pk])).content.decode()
    assert "Mức độ chuyển đổi số của Sở, Phòng GDĐT" in page
    section = page.split("Mức độ chuyển đổi số của Sở, Phòng GDĐT")[1]
    assert "Phòng GDĐT A1" in section and "bộ chỉ số tạm thời" in section


def test_roll_ups_over_a_synthetic_subtree_match_the_stored_columns(world, offices_campaign):
    """30 institutions of every type with random facts, some recognised: the figures equal
    counts made from the rows' stored levels and facts with the ORM (another way)."""
    import random

    from chiso.units.models import Membership, Unit
    from chiso.units.services import create_unit

    rng = random.Random(8)
    head = world.users["head"]
    for n in range(30):
        kind = rng.choice(["MN", "TH", "THCS", "GDTX"])
        unit = create_unit(
            name=f"Trường thử {n}",
            kind=Unit.Kind.INSTITUTION,
            parent=world.units["phong_a"],
            institution_type=kind,
            code=f"T{n}",
        )
        Membership.objects.create(user=head, unit=unit, role=Membership.Role.HEAD)
        head.__dict__.pop("_chiso_memberships", None)  # roles are cached per request/user object
        facts = {
            k: (rng.random() < 0.5 if isinstance(v, bool) else v) for k, v in COMPLETE_FACTS.items()
        }
        a = fill(Assessment.objects.create(campaign=world.campaign, unit=unit), head, facts)
        if rng.random() < 0.7:
            actions.recognise(actions.submit(a, by=head), by=world.users["office_head"])
    office = start_office(world, offices_campaign)
    below = Assessment.objects.filter(
        campaign=world.campaign, unit__path__startswith=world.units["phong_a"].path
    )
    official = below.filter(status=Assessment.Status.RECOGNISED)
    institutions = Unit.objects.filter(
        path__startswith=world.units["phong_a"].path, kind=Unit.Kind.INSTITUTION
    )
    general = ["TH", "THCS", "THPT", "TH_THCS", "THCS_THPT", "LIEN_CAP", "GDTX"]
    expected = {
        "api_connected": (
            sum(1 for a in official if a.facts.get("sector_db_exchange") is True),
            institutions.count(),
        ),
        "teaching_level_2": (
            official.filter(unit__institution_type__in=general, group1_level__gte=2).count(),
            institutions.filter(institution_type__in=general).count(),
        ),
        "management_level_2": (official.filter(group2_level__gte=2).count(), institutions.count()),
    }
    for rollup_id, (numerator, denominator) in expected.items():
        assert office.facts[rollup_id] == {
            "numerator": str(numerator),
            "denominator": denominator,
        }, rollup_id
    points = [
        Fraction(str(a.group1_points)) for a in official.filter(unit__institution_type__in=general)
    ]
    figure = office.facts["teaching_average"]
    assert Fraction(figure["numerator"]) / figure["denominator"] == sum(points) / len(points)


def test_the_office_form_shows_one_level_on_the_total_and_the_provisional_split(
    client, world, offices_campaign
):
    office = fill(start_office(world, offices_campaign), world.users["reviewer"], OFFICE_FACTS)
    client.force_login(world.users["reviewer"])
    page = client.get(reverse("assessments:detail", args=[office.pk])).content.decode()
    total = office.group1_points + office.group2_points
    assert f'Tổng: <b class="score">{int(total)}/100</b>' in page
    assert "mức độ xét trên tổng điểm toàn bộ chỉ số, không xét riêng từng nhóm" in page
    assert "tạm chia 50/50" in page  # the index's note: the split of the 100 is provisional
    summary = page[page.index('id="summary"') : page.index("Đã trả lời")]
    assert "chưa đạt Mức độ 1" not in summary or office.overall_level is None
    assert summary.count('class="badge') == 1  # the total's level, none per group


def test_the_home_shows_an_offices_draft_with_one_level_on_its_total(
    client, world, offices_campaign
):
    """3806's levels are set on the whole index's total: the office's own row on its home gives
    the groups' points, their total and the one level, never a level per group."""
    from tests.conftest import PASSWORD

    draft = start_office(world, offices_campaign)
    draft = actions.save_answers(
        draft, facts=OFFICE_FACTS, expected_version=draft.version, by=world.users["reviewer"]
    )
    assert client.login(username="reviewer", password=PASSWORD)
    home = client.get("/").content.decode()
    row = home.split("tự đánh giá của cơ quan")[1].split("</section>")[0]
    total = draft.group1_points + draft.group2_points
    assert f"Tổng: <b>{str(total).rstrip('0').rstrip('.').replace('.', ',')}</b>" in row
    assert row.count("Mức độ") + row.count("chưa đạt") == 1
