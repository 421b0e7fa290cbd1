"""The head shares the criteria among the council; each member sees theirs first; the head sees
progress by member and by criterion."""

from __future__ import annotations

import pytest

from chiso.assessments import actions
from chiso.audit.models import AuditEntry
from chiso.units.models import Membership
from tests.conftest import PASSWORD, fill, make_user


@pytest.fixture
def council(world, django_user_model):
    teacher = make_user(django_user_model, "teacher", world.units["school"], Membership.Role.MEMBER)
    teacher.first_name, teacher.last_name = "Lan", "Nguyễn Thị"
    teacher.save(update_fields=["first_name", "last_name"])
    a = fill(world.assessments["school"], world.users["member"], {"online_teaching_plan": True})
    return a, teacher


def _url(a):
    return f"/danh-gia/{a.pk}/phan-cong/"


def test_the_head_assigns_criteria_and_it_is_audited(client, world, council):
    a, teacher = council
    assert client.login(username="head", password=PASSWORD)
    client.post(
        _url(a),
        {"giao_1.3": teacher.pk, "giao_1.4": teacher.pk, "giao_2.3": world.users["member"].pk},
    )
    a.refresh_from_db()
    assert a.assignees == {"1.3": teacher.pk, "1.4": teacher.pk, "2.3": world.users["member"].pk}
    entry = AuditEntry.objects.get(verb="assessment.assign")
    assert entry.after["1.3"] == "Lan Nguyễn Thị"


def test_a_member_cannot_assign(client, world, council):
    a, teacher = council
    assert client.login(username="member", password=PASSWORD)
    assert client.post(_url(a), {"giao_1.3": teacher.pk}).status_code == 404
    a.refresh_from_db()
    assert a.assignees == {}


def test_only_the_units_own_people_can_be_assigned(world, council):
    a, _teacher = council
    with pytest.raises(actions.ActionRefused, match="không thuộc đơn vị"):
        actions.assign_criteria(
            a, by=world.users["head"], assignees={"1.3": world.users["other_head"].pk}
        )
    with pytest.raises(actions.ActionRefused, match="không có trong bộ chỉ số"):
        actions.assign_criteria(
            a, by=world.users["head"], assignees={"9.9": world.users["member"].pk}
        )


def test_each_member_sees_theirs_first(client, world, council):
    a, teacher = council
    actions.assign_criteria(
        a, by=world.users["head"], assignees={"2.4": teacher.pk, "1.3": world.users["member"].pk}
    )
    assert client.login(username="teacher", password=PASSWORD)
    form = client.get(f"/danh-gia/{a.pk}/").content.decode()
    assert "Phần việc của bạn" in form and 'href="#tc-2.4"' in form
    assert 'href="#tc-1.3"' not in form.split("Phần việc của bạn")[1].split("</nav>")[0]
    page = client.get(_url(a)).content.decode()
    rows = page.split('class="council-criteria"')[1]
    assert rows.index("2.4. ") < rows.index("1.1. ")


def test_the_head_sees_progress_by_member_and_by_criterion(client, world, council):
    a, teacher = council
    actions.assign_criteria(
        a, by=world.users["head"], assignees={"1.1": teacher.pk, "1.3": teacher.pk}
    )
    assert client.login(username="head", password=PASSWORD)
    page = client.get(_url(a)).content.decode()
    members = page.split('class="council-members"')[1].split("</table>")[0]
    assert "Lan Nguyễn Thị" in members and "1.1, 1.3" in members
    assert "Chưa giao" in members
    assert "1/7" in members  # 1.1 answered (1/1), 1.3's six items not yet
    assert 'name="giao_1.3"' in page


def test_an_outsider_gets_404(client, world, council):
    a, _teacher = council
    assert client.login(username="other_head", password=PASSWORD)
    assert client.get(_url(a)).status_code == 404


def test_the_assignment_reads_well_in_the_history(client, world, council):
    a, teacher = council
    actions.assign_criteria(a, by=world.users["head"], assignees={"1.3": teacher.pk})
    assert client.login(username="head", password=PASSWORD)
    page = client.get(f"/danh-gia/{a.pk}/lich-su/").content.decode()
    assert "Phân công tiêu chí" in page
    assert "Người trả lời 1.3. Triển khai phần mềm dạy học trực tuyến" in page
    assert "Lan Nguyễn Thị" in page
