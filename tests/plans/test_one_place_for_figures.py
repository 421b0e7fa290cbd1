"""One fact, one place: the teachers, signatures and statistics reports of a school year are
stored once (in the year's assessment when it can hold them); «Số liệu báo cáo», the assessment
and the yearly report read and write that one value."""

import importlib

import pytest
from django.apps import apps

from chiso.assessments import actions as assessment_actions
from chiso.assessments.models import Assessment, Campaign
from chiso.audit.models import AuditEntry
from chiso.periodic import figures as periodic_figures
from chiso.plans import actions, demo
from chiso.plans.models import Figures
from tests.conftest import PASSWORD

YEAR = "2024-2025"  # the world's campaign
merge = importlib.import_module("chiso.plans.migrations.0005_shared_figures_in_one_place").merge


def scope_records(world):
    campaign = world.assessments["school"].campaign
    return periodic_figures.values(periodic_figures.scope_for(world.units["school"], campaign))


def test_figures_entered_beside_a_draft_are_the_assessments_facts(world):
    a, head = world.assessments["school"], world.users["head"]
    actions.save_figures(
        world.units["school"], YEAR, demo.FIGURES | {"teachers_total": "39"}, by=head
    )
    a.refresh_from_db()
    stored = Figures.objects.get(unit=world.units["school"], school_year=YEAR)
    assert a.facts["teachers_total"] == 39 and stored.teachers_total is None
    assert a.facts["teachers_with_digital_signature"] == 10 and stored.digital_signatures is None
    assert a.facts["stats_report_end_of_year"] == "on_time" and stored.stats_end == ""
    # The assessment changes the count: the figures, their shares and the report follow.
    assessment_actions.save_answers(
        a,
        facts={"teachers_total": 50},
        criteria={"1.6": assessment_actions.criterion_version(a, "1.6")},
        by=head,
    )
    figures = actions.figures_for(world.units["school"], YEAR)
    assert figures.teachers_total == 50
    blended = next(r for r in actions.training_rows(figures) if r[0] == "blended")
    assert blended[2:] == (39, "78%")
    assert scope_records(world)["chu_ky_so"] == "10 giáo viên"


def test_a_submitted_assessment_keeps_its_count_and_the_figures_say_so(world):
    a, head = world.assessments["school"], world.users["head"]
    actions.save_figures(world.units["school"], YEAR, {"teachers_total": "39"}, by=head)
    a.refresh_from_db()
    Assessment.objects.filter(pk=a.pk).update(status=Assessment.Status.SUBMITTED)
    with pytest.raises(actions.PlanError, match="đã nộp"):
        actions.save_figures(world.units["school"], YEAR, {"teachers_total": "45"}, by=head)
    # The same count with other figures is saved.
    actions.save_figures(
        world.units["school"], YEAR, {"teachers_total": "39", "students_total": "500"}, by=head
    )
    assert actions.figures_for(world.units["school"], YEAR).students_total == 500
    a.refresh_from_db()
    assert a.facts["teachers_total"] == 39


def test_figures_kept_before_the_draft_move_into_it_when_it_is_started(world):
    head = world.users["head"]
    later = Campaign.objects.create(
        name="Năm sau", school_year="2025-2026", owner=world.units["bo"]
    )
    actions.save_figures(
        world.units["school"], "2025-2026", demo.FIGURES | {"teachers_total": "39"}, by=head
    )
    stored = Figures.objects.get(unit=world.units["school"], school_year="2025-2026")
    assert stored.teachers_total == 39  # no assessment yet: the figures hold it
    draft = assessment_actions.start(world.units["school"], later, by=head)
    stored.refresh_from_db()
    assert draft.facts["teachers_total"] == 39 and stored.teachers_total is None
    assert draft.facts["stats_report_start_of_year"] == "on_time"
    assert AuditEntry.objects.filter(verb="plans.figures.moved", target_id=stored.pk).exists()
    assert actions.figures_for(world.units["school"], "2025-2026").teachers_total == 39


def test_the_figures_screen_says_where_else_a_figure_is_used(client, world):
    a = world.assessments["school"]
    actions.save_figures(
        world.units["school"], YEAR, {"teachers_total": "39"}, by=world.users["head"]
    )
    assert client.login(username="head", password=PASSWORD)
    html = client.get(f"/ke-hoach/so-lieu/{world.units['school'].pk}/{YEAR}/").content.decode()
    assert 'name="teachers_total" value="39"' in html
    assert f"Cũng là dữ kiện của bản đánh giá năm học {YEAR} (tiêu chí 1.6)" in html
    assert "dữ kiện kèm theo bản đánh giá năm học" in html  # signatures, statistics reports
    assert "Câu 2.4.c của bản đánh giá (thu phí không dùng tiền mặt): chưa trả lời" in html
    a.refresh_from_db()
    assert a.facts["teachers_total"] == 39


def test_the_migration_merges_the_demos_duplicated_figures_and_loses_nothing(world):
    """The demo's school as databases hold it before: 39 teachers in the figures, 58 in the
    draft, signatures and statistics only in the figures."""
    a, unit = world.assessments["school"], world.units["school"]
    assessment_actions.save_answers(
        a, facts={"teachers_total": 58}, expected_version=a.version, by=world.users["head"]
    )
    old = Figures.objects.create(
        unit=unit,
        school_year=YEAR,
        teachers_total=39,
        digital_signatures=10,
        stats_start="on_time",
        stats_end="late",
        trained={"blended": 39},
        students_total=520,
        students_cashless=390,
    )
    merge(apps, None)
    a.refresh_from_db()
    old.refresh_from_db()
    assert a.facts["teachers_total"] == 58  # the assessment's wins
    assert a.facts["teachers_with_digital_signature"] == 10
    assert (a.facts["stats_report_start_of_year"], a.facts["stats_report_end_of_year"]) == (
        "on_time",
        "late",
    )
    assert (old.teachers_total, old.digital_signatures, old.stats_start, old.stats_end) == (
        None,
        None,
        "",
        "",
    )
    assert (old.trained, old.students_total, old.students_cashless) == ({"blended": 39}, 520, 390)
    history = AuditEntry.objects.get(verb="plans.figures.merged", target_id=old.pk)
    assert history.before["teachers_total"] == 39  # the other value, kept in history
    assert "số liệu báo cáo 39, bản đánh giá 58" in history.note
    assert any(
        e.after.get("fact:teachers_with_digital_signature") == 10
        for e in AuditEntry.objects.filter(verb="assessment.edit", target_id=a.pk)
    )
    figures = actions.figures_for(unit, YEAR)
    assert figures.teachers_total == 58 and scope_records(world)["bao_cao_thong_ke"] == (
        "kỳ đầu năm: Đúng hạn; kỳ cuối năm: Trễ hạn"
    )
    merge(apps, None)  # run again: nothing more moves, nothing is lost
    assert AuditEntry.objects.filter(verb="plans.figures.merged").count() == 1


def test_the_migration_leaves_a_submitted_assessment_as_it_was_submitted(world):
    a = world.assessments["school"]
    Assessment.objects.filter(pk=a.pk).update(status=Assessment.Status.SUBMITTED)
    kept = Figures.objects.create(
        unit=world.units["school"], school_year=YEAR, teachers_total=39, trained={}
    )
    merge(apps, None)
    a.refresh_from_db()
    kept.refresh_from_db()
    assert "teachers_total" not in a.facts and kept.teachers_total == 39
    assert actions.figures_for(world.units["school"], YEAR).teachers_total == 39


def test_the_assessment_form_says_where_else_the_teacher_count_is_used(client, world):
    a = world.assessments["school"]
    assert client.login(username="head", password=PASSWORD)
    html = client.get(f"/danh-gia/{a.pk}/").content.decode()
    teachers = html.split('id="f-1.6-teachers_total"')[1].split("</div>")[0]
    assert "cũng dùng ở «Số liệu báo cáo»" in teachers and "báo cáo năm" in teachers
    assert (
        "cũng dùng ở"
        not in html.split('id="f-1.4-approved_digital_materials"')[1].split("</div>")[0]
    )


def test_a_submitted_count_is_read_only_on_the_figures_screen_and_other_figures_still_save(
    client, world
):
    a = world.assessments["school"]
    actions.save_figures(
        world.units["school"], YEAR, {"teachers_total": "39"}, by=world.users["head"]
    )
    Assessment.objects.filter(pk=a.pk).update(status=Assessment.Status.SUBMITTED)
    assert client.login(username="head", password=PASSWORD)
    url = f"/ke-hoach/so-lieu/{world.units['school'].pk}/{YEAR}/"
    html = client.get(url).content.decode()
    assert 'name="teachers_total" value="39" readonly' in html
    assert "bản đánh giá đã nộp nên giữ như đã nộp" in html
    # The screen's own post (the read-only count as shown, the rest changed) is saved.
    response = client.post(url, {"teachers_total": "39", "students_total": "500"})
    assert response.status_code == 302
    assert actions.figures_for(world.units["school"], YEAR).students_total == 500
