"""The plan follows its model (seed S1) section by section, for a school and for an office: the
bases, purpose and requirements, the current state with the scoring table, strengths and
weaknesses, targets, tasks in a school's words with who and by when, solutions, organisation,
reporting, the closing and the head's signature with name."""

import datetime as dt
import re

from chiso.assessments import actions as assessment_actions
from chiso.plans import actions
from chiso.plans.docx import HEADINGS, render_plan_docx
from tests.conftest import PASSWORD
from tests.documents import in_order, lines, render_pages
from tests.plans.test_plans import s1_school  # noqa: F401 (the fixture)

YEAR = "2024-2025"


def _docx(unit):
    plan = actions.plan_for(unit, YEAR)
    assessment = actions.assessment_of(unit, YEAR)
    view = actions.path_view(assessment) if assessment is not None else None
    framework = assessment_actions.scoring.framework_for(assessment) if assessment else None
    return render_plan_docx(plan, path_groups=view.groups if view else (), framework=framework)


def test_the_school_plan_has_s1s_sections_in_order_and_tasks_with_owner_and_deadline(
    s1_school,  # noqa: F811
) -> None:
    world = s1_school
    unit, head = world.units["school"], world.users["head"]
    a = world.assessments["school"]
    a.refresh_from_db()
    assessment_actions.save_council(
        a,
        data={"council_members": [{"name": "Nguyễn Thị Hương", "title": "Hiệu trưởng", "role": "Chủ tịch"}]},
        expected_version=a.version,
        by=head,
    )  # fmt: skip
    plan, added = actions.propose(unit, YEAR, by=head)
    assert added >= 3
    content = _docx(unit)
    found = lines(content)
    in_order(
        found,
        [
            "Số:",
            "KẾ HOẠCH",
            f"Thực hiện nhiệm vụ ứng dụng công nghệ thông tin, chuyển đổi số năm học {YEAR}",
            "Căn cứ Thông tư số 28/2020/TT-BGDĐT",  # the primary school charter
            "Căn cứ Quyết định số 4725/QĐ-BGDĐT ngày 30 tháng 12 năm 2022",
            "Căn cứ văn bản số ……… ngày ……… của Phòng GDĐT A1",
            "Trường Tiểu học Chu Văn An xây dựng Kế hoạch",
            HEADINGS[0],
            "1. Mục đích",
            "2. Yêu cầu",
            HEADINGS[1],
            "1.1. Nguồn nhân lực",
            "1.2. Ứng dụng CNTT",
            "Tổng số phần mềm và ứng dụng đang sử dụng:",
            "1.3. Mức độ chuyển đổi số năm học 2024-2025",
            "TT | Tiêu chí | Điểm tối đa",
            "2. Đánh giá chung",
            "2.1. Ưu điểm",
            "2.2. Hạn chế",
            f"Nhóm tiêu chí 1: {int(a.group1_points)}/100 điểm - đạt Mức độ: 1",
            HEADINGS[2],
            "1. Nội dung các nhiệm vụ",
            "2. Mục tiêu thực hiện",
            "- Đưa nhóm tiêu chí «Chuyển đổi số trong dạy, học» đạt Mức độ",
            "Mục tiêu theo tiêu chí:",
            "3. Nhiệm vụ cụ thể",
            "STT | Nhiệm vụ | Người/bộ phận thực hiện | Thời hạn",
            HEADINGS[3],
            HEADINGS[4],
            "1. Phân công thực hiện",
            "2. Chế độ thông tin báo cáo",
            "Trên đây là Kế hoạch thực hiện nhiệm vụ ứng dụng công nghệ thông tin",
            "Nơi nhận:",
        ],
    )
    tasks = list(plan.tasks.all())
    assert tasks and all(t.owner and t.deadline for t in tasks)
    assert all(dt.date(2024, 9, 1) <= t.deadline <= dt.date(2025, 8, 31) for t in tasks)
    rows = [line for line in found if re.match(r"^\d+ \| ", line)]
    for task in tasks:
        assert not re.search(r"Mục \d|\(\+\d|cần đạt", task.title), task.title
        assert any(task.title in row and task.owner in row for row in rows)
    assert any("Xây dựng, số hóa học liệu" in t.title and "đạt" in t.title for t in tasks)
    assert "HIỆU TRƯỞNG" in found[-1] and "Nguyễn Thị Hương" in found[-1]
    render_pages(content, "ke-hoach")


def test_an_office_makes_and_downloads_its_own_plan(client, world) -> None:
    office, user = world.units["phong_a"], world.users["office_head"]
    user.first_name = "Trần Văn Bình"
    user.save(update_fields=["first_name"])
    client.login(username="office_head", password=PASSWORD)
    url = f"/ke-hoach/{office.pk}/{YEAR}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Căn cứ Thông tư số 12/2020/TT-BGDĐT" in page.content.decode()  # offered as a start
    saved = client.post(
        url,
        {
            "action": "header",
            "number": "24",
            "issued_on": "2024-09-20",
            "purpose": "Triển khai chuyển đổi số toàn ngành.",
            "situation": "",
            "bases": "Căn cứ Thông tư số 12/2020/TT-BGDĐT;",
            "organisation": "Bộ phận CNTT của Phòng làm đầu mối.",
        },
    )
    assert saved.status_code == 302
    response = client.get(f"{url}ke-hoach.docx")
    assert response.status_code == 200
    found = lines(response.content)
    in_order(found, ["Số: 24/KH-", "KẾ HOẠCH", "Căn cứ Thông tư số 12/2020/TT-BGDĐT", HEADINGS[0],
                     "Triển khai chuyển đổi số toàn ngành.", HEADINGS[4],
                     "Bộ phận CNTT của Phòng làm đầu mối.", "Nơi nhận:"])  # fmt: skip
    assert "TRƯỞNG PHÒNG" in found[-1] and "Trần Văn Bình" in found[-1]
    client.login(username="other_office_head", password=PASSWORD)
    assert client.get(url).status_code == 404


def test_a_new_plan_starts_from_last_years_text(world) -> None:
    unit, head = world.units["school"], world.users["head"]
    actions.save_header(
        unit,
        "2023-2024",
        number="",
        issued_on="",
        purpose="Mục đích năm học 2023-2024.",
        situation="",
        sections={"solutions": "Bồi dưỡng giáo viên năm học 2023-2024."},
        by=head,
    )
    start = actions.starting_text(unit, YEAR)
    assert start["purpose"] == "Mục đích năm học 2024-2025."
    assert start["solutions"] == "Bồi dưỡng giáo viên năm học 2024-2025."
    plan, _added = actions.propose(unit, YEAR, by=head)
    plan.refresh_from_db()
    assert plan.sections["solutions"] == "Bồi dưỡng giáo viên năm học 2024-2025."
