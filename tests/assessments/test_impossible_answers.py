"""An answer no unit can have is refused inside its criterion, with the reason; nothing saved."""

import re

from chiso.assessments.models import Assessment
from tests.conftest import PASSWORD


def save(client, assessment, criterion_id, data):
    return client.post(
        f"/danh-gia/{assessment.pk}/tieu-chi/{criterion_id}/",
        {**data, "version": assessment.version},
        HTTP_HX_REQUEST="true",
    ).content.decode()


def test_more_teachers_with_an_account_than_teachers_is_refused_in_place(client, world):
    a = world.assessments["school"]
    assert client.login(username="member", password=PASSWORD)
    answer = save(
        client,
        a,
        "1.6",
        {"fact_teachers_with_training_account": "99", "fact_teachers_total": "58"},
    )
    block = re.search(r'<div class="scored" id="cham-1.6">(.*?)</form>', answer, re.S)
    assert block is not None
    assert (
        "«Giáo viên có tài khoản trên hệ thống bồi dưỡng trực tuyến» là 99, lớn hơn "
        "«Tổng số giáo viên» (58): không thể có, nên chưa lưu." in block.group(1)
    )
    assert 'class="error-box" role="alert"' in block.group(1)
    stored = Assessment.objects.get(pk=a.pk)
    assert stored.version == a.version
    assert stored.facts.get("teachers_with_training_account") in (None, "")


def test_a_possible_share_is_saved(client, world):
    a = world.assessments["school"]
    assert client.login(username="member", password=PASSWORD)
    answer = save(
        client,
        a,
        "1.6",
        {"fact_teachers_with_training_account": "40", "fact_teachers_total": "58"},
    )
    assert "error-box" not in answer
    assert Assessment.objects.get(pk=a.pk).version == a.version + 1
