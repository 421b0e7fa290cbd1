"""Re-scoring a campaign: open results refreshed, official ones kept and listed."""

from __future__ import annotations

from chiso.assessments.models import Assessment
from chiso.assessments.rescoring import rescore_campaign
from chiso.audit.models import AuditEntry
from chiso.jobs.models import Job
from tests.conftest import PASSWORD, fill


def _stale(assessment: Assessment, **fields) -> None:
    Assessment.objects.filter(pk=assessment.pk).update(**fields)


def test_open_results_are_refreshed_and_official_ones_only_listed(world):
    school = fill(world.assessments["school"], world.users["member"])
    sibling = fill(world.assessments["sibling"], world.users["sibling_head"])
    true_level = school.group1_level
    _stale(school, group1_level=1 if true_level != 1 else 3, group1_points=1)
    _stale(sibling, status=Assessment.Status.RECOGNISED, group1_level=3, group1_points=99)
    seen = []
    result = rescore_campaign(
        world.campaign,
        under_path=world.units["phong_a"].path,
        by=world.users["office_head"],
        progress=lambda done, total: seen.append((done, total)),
    )
    assert result.total == 2 and result.refreshed == 1 and seen[-1] == (2, 2)
    school.refresh_from_db()
    sibling.refresh_from_db()
    assert school.group1_level == true_level
    assert sibling.group1_level == 3 and float(sibling.group1_points) == 99  # official: untouched
    assert [d[1] for d in result.official_differences][:1] in (["group1_level"], ["điểm"])
    assert "Lê Lợi" in result.official_differences[0][0]
    assert AuditEntry.objects.filter(verb="campaign.rescore").count() == 1
    other = Assessment.objects.get(pk=world.assessments["other"].pk)
    assert result.total == 2 and other.unit.path not in world.units["phong_a"].path


def test_the_office_head_runs_it_as_a_job_and_reviewers_cannot(
    client, world, django_capture_on_commit_callbacks
):
    school = fill(world.assessments["school"], world.users["member"])
    _stale(school, overall_level=None, completeness=0)
    client.login(username="reviewer", password=PASSWORD)
    assert client.post(f"/don-vi/{world.units['phong_a'].pk}/cham-lai/").status_code == 404
    client.login(username="office_head", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/don-vi/{world.units['phong_a'].pk}/cham-lai/")
    job = Job.objects.get(kind="rescore_campaign")
    assert (
        job.status == "done" and "Đã chấm lại 2 bản đánh giá: 2 bản cập nhật" in job.message
    )  # the sibling was never scored
    school.refresh_from_db()
    assert school.completeness == 100
