"""Comparing two versions: what changed, and which results would change level."""

from __future__ import annotations

from chiso import rubric
from chiso.assessments import versions as rescoring
from chiso.assessments.models import Assessment
from chiso.frameworks import diff, documents, registry
from chiso.jobs.models import Job
from tests.conftest import COMPLETE_FACTS, PASSWORD, fill
from tests.frameworks.conftest import criterion, draft_of, item, national, publish


def _changed(data):
    item(data, "1.5.a")["rule"]["cap"] = 12
    item(data, "1.5.b")["rule"]["cap"] = 8
    item(data, "1.4.a")["rule"]["bands"][1]["to"] = 30
    item(data, "1.4.a")["rule"]["bands"][2]["above"] = 30
    data["group_levels"][0]["below"] = 72
    data["group_levels"][1]["from"] = 72
    criterion(data, "2.4")["title"] = "Dịch vụ trực tuyến"
    criterion(data, "2.4")["levels"][0]["below"] = 12
    criterion(data, "2.4")["levels"][1]["from"] = 12


def test_the_comparison_lists_every_kind_of_change(db):
    old = documents.parse(national().text)
    new = documents.parse(national().text)
    _changed(new)
    criterion(new, "1.3")["items"].pop()  # 1.3.c4 removed
    criterion(new, "1.3")["items"][0]["rule"]["cap"] = 10  # 6 + 4: the sum stays 30
    new["groups"][1]["criteria"].append(
        {"id": "2.5", "kind": "mandatory", "fact": "it_plan", "title": "Mới"}
    )
    changes = {(c.kind, c.where, c.what): c for c in diff.compare(old, new)}
    assert changes[("changed", "Mục 1.5.a", "điểm tối đa")].new.startswith("Tối đa 12 điểm")
    band = changes[("changed", "Mục 1.4.a", "các khoảng và điểm tối đa")]
    assert "từ 20 đến 40 học liệu: tối đa 6 điểm" in band.old
    assert "từ 20 đến 30 học liệu: tối đa 6 điểm" in band.new
    levels = changes[("changed", "Ngưỡng mức độ của nhóm", "các mức")]
    assert "Mức độ 1: dưới 50 điểm" in levels.old and "Mức độ 1: dưới 72 điểm" in levels.new
    assert changes[("changed", "Tiêu chí 2.4", "tên")].new == "Dịch vụ trực tuyến"
    assert "Mức độ 1: dưới 12 điểm" in changes[("changed", "Tiêu chí 2.4", "ngưỡng mức độ")].new
    assert ("removed", "Mục 1.3.c4", "") in changes
    assert ("added", "Tiêu chí 2.5", "") in changes
    assert diff.compare(old, old) == []


def _scored(world):
    """Four results with different facts, the sibling recognised with the office's own score."""
    variants = {
        "school": COMPLETE_FACTS,
        "sibling": {**COMPLETE_FACTS, "approved_digital_materials": 35, "online_admission": True},
        "direct": {**COMPLETE_FACTS, "computer_room_exams": False, "exam_software_linked": True},
        "other": {**COMPLETE_FACTS, "family_school_app": False},
    }
    users = {
        "school": "member",
        "sibling": "sibling_head",
        "direct": "admin",
        "other": "other_head",
    }
    for key, facts in variants.items():
        a = world.assessments[key]
        if key == "direct":  # nobody of that school in the world: store as a school would
            Assessment.objects.filter(pk=a.pk).update(facts=facts)
            a.refresh_from_db()
            from chiso.assessments import scoring

            scoring.store_figures(a, scoring.effective_scorecard(a))
            a.save()
        else:
            fill(a, world.users[users[key]], facts)


def test_results_changing_level_match_an_independent_rescore(world):
    _scored(world)
    draft = draft_of(national(), world.users["national_admin"], _changed)
    framework = registry.framework_of(draft)
    result = rescoring.impact(Assessment.objects.filter(campaign=world.campaign), framework)
    expected = {}
    for a in Assessment.objects.filter(campaign=world.campaign):
        card = rubric.score(framework, a.facts, a.awards)
        levels = {g.id: g.level for g in card.groups}
        after = (levels["1"], levels["2"], card.overall_level)
        if after != (a.group1_level, a.group2_level, a.overall_level):
            expected[a.pk] = after
    assert expected  # the new thresholds move some results
    assert {c.assessment_id: c.after for c in result.level_changes} == expected
    assert result.total == 4 and result.invalid == []


def test_the_compare_page_shows_the_changes_and_only_results_the_user_may_see(client, world):
    _scored(world)
    draft = draft_of(national(), world.users["national_admin"], _changed)
    publish(draft, world.users["national_admin"])  # a province's administrator reads it now
    client.login(username="admin", password=PASSWORD)
    page = client.get(f"/bo-chi-so/{draft.pk}/so-sanh/").content.decode()
    assert "qd4725-2022, phiên bản 1 → qd4725-2022, phiên bản 2" in page
    assert "Mục 1.5.a" in page and "Tối đa 12 điểm" in page
    impact_url = f"/danh-gia/theo-bo-chi-so/{draft.pk}/doi-muc/?voi={national().pk}"
    assert impact_url.replace("&", "&amp;") in page
    page = client.get(impact_url).content.decode()
    assert "Trường Tiểu học Chu Văn An" in page  # its group 1 moves under the new thresholds
    assert "Bế Văn Đàn" not in page  # another Sở's school: not the administrator's to see
    assert "3 kết quả:" in page


def test_many_results_are_compared_in_a_background_job(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    _scored(world)
    draft = draft_of(national(), world.users["national_admin"], _changed)
    monkeypatch.setattr("chiso.assessments.campaign_views.INLINE_RESULTS", 1)
    client.login(username="national_admin", password=PASSWORD)
    impact_url = f"/danh-gia/theo-bo-chi-so/{draft.pk}/doi-muc/"
    page = client.get(f"{impact_url}?voi={national().pk}").content.decode()
    assert "Tính các kết quả đổi mức" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(impact_url, {"voi": national().pk})
    job = Job.objects.get(kind="framework_impact")
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == "done" and job.message.startswith("4 kết quả:")  # the whole country
    assert any("Chu Văn An" in row[1] for row in job.summary["rows"])
