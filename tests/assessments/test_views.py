import io

import pytest

from chiso.assessments.models import Assessment
from chiso.evidence.models import Evidence
from tests.conftest import PASSWORD, close_streaming, fill


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


def login(client, world, name):
    assert client.login(username=name, password=PASSWORD)


def test_the_form_shows_every_criterion_in_vietnamese(client, world):
    login(client, world, "member")
    html = client.get(f"/danh-gia/{world.assessments['school'].pk}/").content.decode()
    for text in (
        "1.3. Triển khai phần mềm dạy học trực tuyến",
        "2.4. Mức độ triển khai dịch vụ trực tuyến",
        "Điều kiện bắt buộc",
        "Số học liệu số hóa đã được phê duyệt",
    ):
        assert text in html


def test_a_fact_change_returns_the_rescored_criterion(client, world):
    login(client, world, "member")
    a = world.assessments["school"]
    response = client.post(
        f"/danh-gia/{a.pk}/tieu-chi/1.4/",
        {"fact_approved_digital_materials": "41", "version": a.version},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "41 học liệu, trên 40 → tối đa 10 điểm" in html
    assert 'id="summary"' in html and 'hx-swap-oob="true"' in html
    a.refresh_from_db()
    assert a.facts == {"approved_digital_materials": 41} and a.version == 2


def test_the_completeness_bar_counts_evidence_and_mandatory_conditions(client, world):
    a = fill(world.assessments["school"], world.users["member"])
    Evidence.objects.create(
        assessment=a, target_id="1.4.a", kind="link", url="https://x.edu.vn/hoc-lieu"
    )
    login(client, world, "member")
    html = client.get(f"/danh-gia/{a.pk}/").content.decode()
    assert "Tiêu chí có minh chứng: <b>1/11</b>" in html
    assert "Điều kiện bắt buộc đạt: <b>4/4</b>" in html
    assert 'value="100"' in html  # items answered


def test_a_stale_form_shows_a_clear_message_and_keeps_the_other_change(client, world):
    login(client, world, "member")
    a = world.assessments["school"]
    client.post(
        f"/danh-gia/{a.pk}/tieu-chi/1.4/",
        {"fact_approved_digital_materials": "41", "version": 1},
        HTTP_HX_REQUEST="true",
    )
    response = client.post(
        f"/danh-gia/{a.pk}/tieu-chi/1.4/",
        {"fact_approved_digital_materials": "12", "version": 1},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "vừa được người khác lưu" in html
    assert 'value="41"' in html
    a.refresh_from_db()
    assert a.facts["approved_digital_materials"] == 41


def test_bad_input_is_a_message_not_an_error_page(client, world):
    login(client, world, "member")
    a = world.assessments["school"]
    response = client.post(
        f"/danh-gia/{a.pk}/tieu-chi/1.4/",
        {"fact_approved_digital_materials": "-3", "version": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "không được âm" in response.content.decode()
    response = client.post(
        f"/danh-gia/{a.pk}/tieu-chi/1.4/",
        {"award_1.4.a": "11", "version": 1},
        HTTP_HX_REQUEST="true",
    )
    assert "vượt" in response.content.decode()
    response = client.post(
        f"/danh-gia/{a.pk}/hoi-dong/",
        {"council_decision_date": "31/02/2025", "version": 1},
        follow=True,
    )
    assert "không phải ngày hợp lệ" in response.content.decode()


def test_without_javascript_the_form_posts_and_redirects(client, world):
    login(client, world, "member")
    a = world.assessments["school"]
    response = client.post(
        f"/danh-gia/{a.pk}/tieu-chi/1.7/", {"fact_studio_room": "co", "criterion_version": 0}
    )
    assert response.status_code == 302 and response["Location"].endswith("#tc-1.7")
    a.refresh_from_db()
    assert a.facts == {"studio_room": True}


def test_evidence_uploads_are_checked_and_served_only_to_those_allowed(client, world):
    login(client, world, "member")
    a = world.assessments["school"]
    pdf = io.BytesIO(b"%PDF-1.4\n%%EOF\n")
    pdf.name = "ke-hoach.pdf"
    client.post(
        f"/danh-gia/{a.pk}/minh-chung/", {"target_id": "1.1", "title": "Kế hoạch", "file": pdf}
    )
    fake = io.BytesIO(b"MZ\x90\x00 not a pdf")
    fake.name = "virus.pdf"
    response = client.post(
        f"/danh-gia/{a.pk}/minh-chung/", {"target_id": "1.1", "file": fake}, follow=True
    )
    assert "không phải là tệp .pdf thật" in response.content.decode()
    exe = io.BytesIO(b"MZ")
    exe.name = "setup.exe"
    response = client.post(
        f"/danh-gia/{a.pk}/minh-chung/", {"target_id": "1.1", "file": exe}, follow=True
    )
    assert "chỉ nhận PDF" in response.content.decode()
    response = client.post(
        f"/danh-gia/{a.pk}/minh-chung/",
        {"target_id": "1.3", "url": "javascript:alert(1)"},
        follow=True,
    )
    assert "không hợp lệ" in response.content.decode()
    (evidence,) = Evidence.objects.filter(assessment=a)
    download = client.get(f"/danh-gia/{a.pk}/minh-chung/{evidence.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    close_streaming(download)
    client.logout()
    login(client, world, "other_reviewer")
    assert client.get(f"/danh-gia/{a.pk}/minh-chung/{evidence.pk}/").status_code == 404


def test_an_upload_over_the_limit_is_refused(client, world, settings):
    settings.EVIDENCE_MAX_BYTES = 10
    login(client, world, "member")
    a = world.assessments["school"]
    pdf = io.BytesIO(b"%PDF-1.4 " + b"x" * 100)
    pdf.name = "lon.pdf"
    response = client.post(
        f"/danh-gia/{a.pk}/minh-chung/", {"target_id": "1.1", "file": pdf}, follow=True
    )
    assert "vượt giới hạn" in response.content.decode()
    assert not Evidence.objects.exists()


def test_the_submit_checklist_lists_what_is_missing(client, world):
    login(client, world, "head")
    a = world.assessments["school"]
    html = client.get(f"/danh-gia/{a.pk}/nop/").content.decode()
    assert "Chưa nhập: Có kế hoạch tổ chức dạy học trực tuyến" in html
    fill(a, world.users["member"])
    html = client.get(f"/danh-gia/{a.pk}/nop/").content.decode()
    assert "Tiêu chí 1.3 chưa có minh chứng" in html
    client.post(f"/danh-gia/{a.pk}/nop/")
    a.refresh_from_db()
    assert a.status == Assessment.Status.SUBMITTED


def test_the_office_list_shows_status_and_highlights_overdue(client, world):
    import datetime as dt

    world.campaign.submit_by = dt.date(2020, 1, 1)
    world.campaign.save()
    login(client, world, "office_head")
    html = client.get(f"/don-vi/{world.units['phong_a'].pk}/").content.decode()
    assert "Trường Tiểu học Chu Văn An" in html and "Trường THCS Lê Lợi" in html
    assert "Bế Văn Đàn" not in html
    assert "quá hạn" in html
    assert "Đang soạn" in html and f"/danh-gia/{world.assessments['school'].pk}/tham-dinh/" in html
    filtered = client.get(f"/don-vi/{world.units['phong_a'].pk}/?loai=THCS").content.decode()
    assert "Lê Lợi" in filtered and "Chu Văn An" not in filtered


def test_the_office_list_shows_points_and_levels(client, world):
    fill(world.assessments["school"], world.users["member"])
    world.assessments["school"].refresh_from_db()
    login(client, world, "office_head")
    html = client.get(f"/don-vi/{world.units['phong_a'].pk}/").content.decode()
    a = world.assessments["school"]
    assert f"Mức độ {a.group1_level}" in html
    assert f"Mức độ {a.overall_level}" in html


def test_the_office_list_has_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    login(client, world, "so_head")
    with django_assert_max_num_queries(15):
        client.get(f"/don-vi/{world.units['so_a'].pk}/")


def test_the_form_page_has_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    login(client, world, "member")
    fill(world.assessments["school"], world.users["member"])
    with django_assert_max_num_queries(20):
        client.get(f"/danh-gia/{world.assessments['school'].pk}/")


def test_responses_carry_a_strict_content_security_policy(client, world):
    login(client, world, "member")
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_an_office_head_sets_deadlines_for_its_subtree(client, world):
    login(client, world, "office_head")
    url = f"/don-vi/{world.units['phong_a'].pk}/"
    client.post(url, {"submit_by": "2025-05-20", "review_by": "2025-06-10", "publish_by": ""})
    from chiso.assessments import queries

    school = world.units["school"]
    assert (
        queries.submit_deadline(
            world.campaign, school, queries.deadlines_for(world.campaign)
        ).isoformat()
        == "2025-05-20"
    )
    other = world.units["other"]
    assert (
        queries.submit_deadline(
            world.campaign, other, queries.deadlines_for(world.campaign)
        ).isoformat()
        == "2025-05-31"
    )
    response = client.post(url, {"submit_by": "2025-06-20", "review_by": "2025-06-10"}, follow=True)
    assert "Hạn thẩm định phải sau hạn nộp" in response.content.decode()


def test_a_reviewer_cannot_set_deadlines(client, world):
    login(client, world, "reviewer")
    response = client.post(
        f"/don-vi/{world.units['phong_a'].pk}/", {"submit_by": "2025-05-20"}, follow=True
    )
    assert "Chỉ lãnh đạo đơn vị" in response.content.decode()


def test_the_office_list_marks_a_group_held_back_by_a_mandatory_condition(client, world):
    from chiso.assessments.models import Assessment

    Assessment.objects.filter(pk=world.assessments["school"].pk).update(
        group1_points=98, group1_level=1, group2_points=60, group2_level=2
    )
    client.login(username="office_head", password=PASSWORD)
    html = client.get(f"/don-vi/{world.units['phong_a'].pk}/").content.decode()
    assert "98 · Mức độ 1 (ĐKBB chưa đạt)" in html
    assert "60 · Mức độ 2 (ĐKBB" not in html
