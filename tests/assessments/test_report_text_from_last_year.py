"""The result report's prose starts from last year's text, offered in the form (never printed
on its own): the school edits it and saves."""

import datetime as dt

from chiso.assessments.models import Assessment, Campaign
from tests.conftest import PASSWORD


def test_last_years_report_text_is_offered_as_this_years_start(client, world) -> None:
    earlier = Campaign.objects.create(
        name="Đánh giá CĐS", school_year="2023-2024", owner=world.units["bo"],
        submit_by=dt.date(2024, 5, 31),
    )  # fmt: skip
    Assessment.objects.create(
        campaign=earlier,
        unit=world.units["school"],
        narrative={"lessons": "Bài học năm học 2023-2024: làm sớm."},
    )
    client.login(username="member", password=PASSWORD)
    page = client.get(world.assessments["school"].get_absolute_url()).content.decode()
    assert "Bài học năm học 2024-2025: làm sớm." in page
    assert "Văn bản bắt đầu từ báo cáo năm học trước" in page
    client.login(username="reviewer", password=PASSWORD)  # a reader is offered nothing
    page = client.get(world.assessments["school"].get_absolute_url()).content.decode()
    assert "Bài học năm học 2024-2025" not in page
