"""The plan: targets proposed from the gaps (S1's wording), tasks, progress, DOCX; the path screen."""

import io

import pytest
from docx import Document

from chiso.assessments.models import Campaign
from chiso.audit.models import AuditEntry
from chiso.inventory import actions as inventory_actions
from chiso.plans import actions
from chiso.plans.models import Task
from tests.conftest import COMPLETE_FACTS, PASSWORD, fill
from tests.inventory.test_inventory import s1_answers

YEAR = "2024-2025"


@pytest.fixture
def s1_school(world):
    """The school with S1's inventory and an assessment whose group 1 is at Mức độ 1. The
    assessment also answers six lines S1 leaves blank (e-gradebook, cashless fees …): one answer,
    so the inventory counts them too (22 in use, 7 missing; 23 present, 4 missing)."""
    head = world.users["head"]
    facts = dict(COMPLETE_FACTS, computer_room_exams=False, exam_software_linked=False)
    facts.update(approved_digital_materials=0, studio_room=False, live_teaching_software=False)
    fill(world.assessments["school"], head, facts)
    inventory_actions.save(world.units["school"], YEAR, s1_answers(), by=head)
    return world


def test_targets_are_proposed_from_the_gaps_as_s1_words_them(s1_school) -> None:
    texts = [text for _key, text, _tasks in actions.proposals(s1_school.units["school"], YEAR)]
    assert "Bổ sung ít nhất 03/07 phần mềm và ứng dụng cần được trang bị nhưng còn thiếu" in texts
    assert "Bổ sung ít nhất 02/04 trang thiết bị CNTT và hạ tầng còn thiếu cần bổ sung" in texts
    assert any(
        t.startswith("Đưa nhóm tiêu chí «Chuyển đổi số trong dạy, học» đạt Mức độ") for t in texts
    )


def test_proposing_twice_adds_nothing_new_and_is_audited(s1_school) -> None:
    unit, head = s1_school.units["school"], s1_school.users["head"]
    plan, added = actions.propose(unit, YEAR, by=head)
    assert added >= 3 and plan.tasks.exists()
    _plan, again = actions.propose(unit, YEAR, by=head)
    assert again == 0
    assert AuditEntry.objects.filter(verb="plans.propose").count() == 1


def test_tasks_are_edited_and_progress_follows(s1_school) -> None:
    unit, head = s1_school.units["school"], s1_school.users["head"]
    actions.add_task(
        unit, YEAR, title="Mua máy chiếu", owner="Kế toán", deadline="31/12/2024", by=head
    )
    task = actions.add_task(unit, YEAR, title="Lập website", by=head)
    plan = actions.plan_for(unit, YEAR)
    assert actions.progress(plan).percent == "0%"
    actions.update_tasks(unit, YEAR, {task.pk: {"status": "done", "owner": "Tổ CNTT"}}, by=head)
    progress = actions.progress(plan)
    assert (progress.done, progress.total, progress.percent) == (1, 2, "50%")
    with pytest.raises(actions.PlanError, match="ngày «32/13/2024» không hợp lệ"):
        actions.update_tasks(
            unit, YEAR, {task.pk: {"deadline": "32/13/2024", "status": "todo"}}, by=head
        )
    assert Task.objects.get(pk=task.pk).status == "done"  # nothing half-saved


def test_an_office_cannot_edit_the_plan(s1_school) -> None:
    with pytest.raises(actions.PlanError):
        actions.add_target(s1_school.units["school"], YEAR, "x", by=s1_school.users["office_head"])


def test_the_plan_exports_as_docx_with_targets_tasks_and_totals(client, s1_school) -> None:
    unit, head = s1_school.units["school"], s1_school.users["head"]
    actions.propose(unit, YEAR, by=head)
    actions.add_task(
        unit, YEAR, title="Lắp bảng tương tác", owner="Hiệu trưởng", deadline="2025-03-01", by=head
    )
    client.login(username="reviewer", password=PASSWORD)  # an office above reads it
    response = client.get(f"/ke-hoach/{unit.pk}/{YEAR}/ke-hoach.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "KẾ HOẠCH" in text and f"năm học {YEAR}" in text
    assert "Tổng số phần mềm và ứng dụng đang sử dụng: 22" in text
    assert "Tổng số trang thiết bị CNTT và hạ tầng còn thiếu cần bổ sung: 04" in text
    assert "- Bổ sung ít nhất 03/07 phần mềm" in text
    assert "Lắp bảng tương tác" in cells and "01/03/2025" in cells and "Hiệu trưởng" in cells
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "Nơi nhận:" in cells
    assert "HIỆU TRƯỞNG" in cells


def test_the_plan_screen_proposes_and_shows_progress(client, s1_school) -> None:
    unit = s1_school.units["school"]
    client.login(username="member", password=PASSWORD)
    url = f"/ke-hoach/{unit.pk}/{YEAR}/"
    page = client.get(url).content.decode()
    assert "Bổ sung ít nhất 03/07" in page
    response = client.post(url, {"action": "propose"}, follow=True)
    assert "Đã thêm" in response.content.decode()
    bad = client.post(url, {"action": "add_task", "title": "", "deadline": "hôm qua"})
    assert bad.status_code == 400
    assert "Nhiệm vụ: bắt buộc" in bad.content.decode()


def test_the_path_screen_shows_routes_and_last_year(client, s1_school) -> None:
    world = s1_school
    old = Campaign.objects.create(
        name="Năm trước", school_year="2023-2024", owner=world.units["bo"]
    )
    previous = old.assessments.create(unit=world.units["school"])
    fill(previous, world.users["head"], dict(COMPLETE_FACTS, cashless_fees=False))
    client.login(username="head", password=PASSWORD)
    response = client.get(f"/ke-hoach/danh-gia/{world.assessments['school'].pk}/duong-len-muc/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nhóm 1 lên Mức độ" in page and "Phương án 1" in page
    assert "Thay đổi so với năm học trước" in page and "2.4.c" in page
    assert "<td>Mục</td><td>2.4.c</td><td>0</td><td>10</td>" in page.replace("\n", "")


def test_office_effort_weights_steer_the_path(client, s1_school) -> None:
    world = s1_school
    client.login(username="office_head", password=PASSWORD)
    bad = client.post(
        f"/ke-hoach/trong-so/{world.units['phong_a'].pk}/", {"weights": "9.9 = 2\n1.5.a = -1"}
    )
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Dòng 1" in page and "Dòng 2" in page
    ok = client.post(f"/ke-hoach/trong-so/{world.units['phong_a'].pk}/", {"weights": "1.5.a = 20"})
    assert ok.status_code == 302
    view = actions.path_view(world.assessments["school"])
    assert view.weighted
    group1 = view.groups[0]
    assert group1.best is not None and "1.5.a" not in group1.best.item_ids
