"""The day's reminders as a background job: started by an office's head from its list or queued
by a scheduler (`send_reminders --hang-doi`), received by a real local SMTP server (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from chiso.assessments import actions
from chiso.jobs.models import Job
from chiso.reminders import jobs, services
from tests.conftest import PASSWORD, fill
from tests.reminders.test_reminder_emails import DEADLINE

THREE_DAYS_BEFORE = DEADLINE - dt.timedelta(days=3)


def test_the_job_emails_the_units_below_its_office_in_vietnamese(
    world, inbox, addresses, django_capture_on_commit_callbacks
):
    actions.submit(fill(world.assessments["school"], world.users["head"]), by=world.users["head"])
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(world.units["so_a"], by=world.users["so_head"], day=THREE_DAYS_BEFORE)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    # Chu Văn An submitted; Lê Lợi has not: its head is the one reminded, in Vietnamese.
    assert [rcpt for rcpt, _s, _b in inbox.received] == [[addresses["sibling_head"]]]
    [(subject, body)] = inbox.to(addresses["sibling_head"])
    assert subject == "[chiso] Còn 3 ngày đến hạn nộp tự đánh giá — Trường THCS Lê Lợi"
    assert "Hạn nộp là ngày 31 tháng 05 năm 2025, còn 3 ngày." in body
    # Trần Phú has nobody with an address; Bế Văn Đàn is under another Sở: not this job's.
    assert inbox.to(addresses["other_head"]) == []
    assert job.message == "Đã gửi 1 email nhắc hạn cho 2 đơn vị chưa nộp."
    assert [row[1] for row in job.summary["rows"]] == ["Trường THCS Lê Lợi", "Trường THPT Trần Phú"]
    assert job.summary["rows"][0] == [
        "updated",
        "Trường THCS Lê Lợi",
        "Đánh giá CĐS (2024-2025)",
        "ngày 31 tháng 05 năm 2025",
        "sắp đến hạn nộp",
    ]


def test_users_who_turned_reminders_off_get_none_from_the_job(
    world, inbox, addresses, django_capture_on_commit_callbacks
):
    services.set_emails(world.users["sibling_head"], False)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(world.units["so_a"], by=world.users["so_head"], day=THREE_DAYS_BEFORE)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert inbox.to(addresses["sibling_head"]) == []
    assert inbox.to(addresses["head"]) and inbox.to(addresses["member"])


def test_an_office_head_starts_the_job_from_the_list_and_a_reviewer_cannot(
    client, world, inbox, addresses, django_capture_on_commit_callbacks
):
    phong = world.units["phong_a"]
    assert client.login(username="reviewer", password=PASSWORD)
    assert client.post(f"/don-vi/{phong.pk}/nhac-han/hom-nay/").status_code == 404
    assert "/nhac-han/hom-nay/" not in client.get(f"/don-vi/{phong.pk}/").content.decode()
    assert client.login(username="office_head", password=PASSWORD)
    assert "/nhac-han/hom-nay/" in client.get(f"/don-vi/{phong.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/don-vi/{phong.pk}/nhac-han/hom-nay/")
    job = Job.objects.get(kind=jobs.KIND)
    assert response.url == f"/viec/{job.pk}/"
    assert (job.owner, job.unit) == (world.users["office_head"], phong)
    assert job.status == Job.Status.DONE  # today is far past the world's deadline: no reminder day
    assert "Đã gửi" in client.get(response.url).content.decode()


def test_a_school_cannot_start_the_job(client, world):
    assert client.login(username="head", password=PASSWORD)
    response = client.post(f"/don-vi/{world.units['phong_a'].pk}/nhac-han/hom-nay/")
    assert response.status_code == 404
    assert not Job.objects.exists()


def test_a_scheduler_queues_the_days_reminders_as_a_job(
    world, inbox, addresses, django_capture_on_commit_callbacks
):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", ngay="2025-05-28", hang_doi="so_head", stdout=out)
    [job] = Job.objects.filter(kind=jobs.KIND)
    assert out.getvalue().strip() == f"Đã đưa vào hàng đợi: {job.title} (việc số {job.pk})."
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.unit == world.units["so_a"]
    assert inbox.to(addresses["sibling_head"]) and inbox.to(addresses["head"])


def test_the_scheduler_refuses_someone_who_leads_no_office(world):
    with pytest.raises(CommandError, match="không phải lãnh đạo hay quản trị"):
        call_command("send_reminders", hang_doi="head", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không có người dùng"):
        call_command("send_reminders", hang_doi="ai-do", stdout=io.StringIO())
    assert not Job.objects.exists()
