"""What an item change is worth is said once: the plan's task reads it from the path, live, so a
task proposed when the item stood elsewhere never shows an old worth (+9 on the plan, +7 on the
path)."""

from chiso.plans import actions
from chiso.plans.models import Plan, Task
from chiso.rubric import wording
from tests.conftest import COMPLETE_FACTS, PASSWORD, fill

YEAR = "2024-2025"


def test_a_task_shows_what_its_item_is_worth_on_the_path_now(client, world):
    facts = dict(COMPLETE_FACTS, computer_room_exams=False, exam_software_linked=False)
    facts.update(approved_digital_materials=10, studio_room=False, live_teaching_software=False)
    a = fill(world.assessments["school"], world.users["head"], facts)
    worth = actions.worth_by_item(a)
    step = worth["1.4.a"]
    assert step.current == 3 and step.gain == step.target - 3
    plan = Plan.objects.create(unit=world.units["school"], school_year=YEAR)
    Task.objects.create(
        plan=plan,
        title="Mục 1.4.a: Số lượng học liệu được số hóa — cần đạt: trên 40 học liệu (+9 điểm)",
    )
    Task.objects.create(plan=plan, title="Lắp camera giám sát")
    assert client.login(username="head", password=PASSWORD)
    html = client.get(f"/ke-hoach/{world.units['school'].pk}/{YEAR}/").content.decode()
    live = f"cần đạt: trên 40 học liệu (+{wording.points(step.gain)})"
    assert live in html and "(+9 điểm)" not in html
    path = client.get(f"/ke-hoach/danh-gia/{a.pk}/duong-len-muc/").content.decode()
    assert "<td>1.4.a</td>" in path and f"<td>+{wording.number(step.gain)}</td>" in path
    assert "Lắp camera giám sát" in html
    # An item the path no longer needs says so, not its old worth.
    done = actions.task_text("Mục 1.1.a: Kế hoạch dạy học trực tuyến (+5 điểm)", worth)
    assert "1.1.a" not in worth
    assert done == "Mục 1.1.a: Kế hoạch dạy học trực tuyến (đã đạt hoặc không còn cần để lên mức)"
