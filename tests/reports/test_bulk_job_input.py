"""A bulk upload with a long file name still starts its job (the title fits its column)."""

from __future__ import annotations

import io

from chiso.jobs.models import Job
from tests.conftest import PASSWORD
from tests.reports.test_bulk_jobs import _zip


def test_a_long_zip_file_name_still_gives_a_job(client, world, django_capture_on_commit_callbacks):
    assert client.login(username="office_head", password=PASSWORD)
    file = io.BytesIO(_zip({"a.txt": b"x"}))
    file.name = "phụ lục các trường " * 12 + ".zip"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/don-vi/{world.units['phong_a'].pk}/nhap-phu-luc/", {"file": file})
    job = Job.objects.get()
    assert response["Location"] == f"/viec/{job.pk}/"
    assert len(job.title) <= Job._meta.get_field("title").max_length
    assert job.title.startswith("Xem trước nhập phụ lục «phụ lục các trường")
