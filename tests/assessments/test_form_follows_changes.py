"""What the form shows from other rows (evidence, the inventory's answers) follows every change
to them at the next request, though sections and the inventory note are kept in the cache."""

import datetime as dt

from chiso.assessments import actions
from chiso.assessments.models import Assessment, Campaign
from chiso.evidence.models import Evidence
from chiso.inventory.models import CatalogueEntry
from tests.conftest import PASSWORD


def form(client, assessment):
    assert client.login(username="member", password=PASSWORD)
    response = client.get(f"/danh-gia/{assessment.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_evidence_row_changed_elsewhere_shows_changed_in_its_section(client, world):
    # Sections are keyed by every field of their rows: no namespace, no commit needed.
    a = world.assessments["school"]
    e = Evidence.objects.create(
        assessment=a, target_id="1.4", kind="link", url="https://a.edu.vn/", title="Kho học liệu"
    )
    assert "Kho học liệu" in form(client, a)
    e.title = "Kho học liệu số của trường"
    e.save()
    assert "Kho học liệu số của trường" in form(client, a)
    e.delete()
    assert "Kho học liệu số" not in form(client, a)


def test_the_inventory_note_follows_the_catalogue(
    client, world, django_capture_on_commit_callbacks
):
    """The note names the answers that are also inventory lines (one answer, one place); an
    office's new line asking an index fact shows there at the next request."""
    a = world.assessments["school"]
    label = "Có kế hoạch ứng dụng CNTT, chuyển đổi số"
    html = form(client, a)
    assert "Cũng là dòng của hiện trạng CNTT" in html and "Có phòng studio" in html
    assert label not in html.split('id="inventory-note"')[1].split("</p>")[0]
    with django_capture_on_commit_callbacks(execute=True):
        entry = CatalogueEntry.objects.create(
            kind="management", name="Kế hoạch CĐS", owner=world.units["phong_a"], fact="it_plan"
        )
    note = form(client, a).split('id="inventory-note"')[1].split("</p>")[0]
    assert label in note
    with django_capture_on_commit_callbacks(execute=True):
        entry.delete()
    note = form(client, a).split('id="inventory-note"')[1].split("</p>")[0]
    assert label not in note


def test_a_reminder_shows_on_a_form_already_kept_in_the_cache(
    client, world, django_capture_on_commit_callbacks
):
    """Reminders are kept with the assessment's attachments: a new one moves them, once
    committed, whatever path wrote it."""
    a = world.assessments["school"]
    assert "Nhắc nhở" not in form(client, a)  # read, and kept
    with django_capture_on_commit_callbacks(execute=True):
        actions.remind(a, by=world.users["reviewer"], text="Hạn nộp là 31/5.")
    assert "Nhắc nhở: Hạn nộp là 31/5." in form(client, a)


def test_last_years_report_text_follows_its_changes(
    client, world, django_capture_on_commit_callbacks
):
    a = world.assessments["school"]
    assert "Văn bản bắt đầu từ báo cáo năm học trước" not in form(client, a)  # none yet: kept
    with django_capture_on_commit_callbacks(execute=True):
        earlier = Campaign.objects.create(
            name="Đánh giá CĐS", school_year="2023-2024", owner=world.units["bo"],
            submit_by=dt.date(2024, 5, 31),
        )  # fmt: skip
        last = Assessment.objects.create(
            campaign=earlier, unit=world.units["school"], narrative={"lessons": "Làm sớm."}
        )
    assert "Làm sớm." in form(client, a)
    with django_capture_on_commit_callbacks(execute=True):
        actions.save_council(
            last, data={"narrative": {"lessons": "Làm sớm, làm đủ."}}, by=world.users["head"],
            expected_version=last.version,
        )  # fmt: skip
    assert "Làm sớm, làm đủ." in form(client, a)


def test_a_saves_answer_counts_evidence_added_since(
    client, world, django_capture_on_commit_callbacks
):
    a = world.assessments["school"]
    form(client, a)

    def save(value, version):
        return client.post(
            f"/danh-gia/{a.pk}/tieu-chi/1.4/",
            {"fact_approved_digital_materials": value, "criterion_version": version},
            HTTP_HX_REQUEST="true",
        ).content.decode()

    assert "Tiêu chí có minh chứng: <b>0/11</b>" in save("40", "0")
    with django_capture_on_commit_callbacks(execute=True):
        Evidence.objects.create(assessment=a, target_id="2.1", kind="link", url="https://a.vn/")
    assert "Tiêu chí có minh chứng: <b>1/11</b>" in save("41", "1")
