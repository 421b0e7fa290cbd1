"""A job's result stops being its owner's with their role: a revoked office head no longer
opens or downloads what they made for the office."""

from __future__ import annotations

from django.core.files.base import ContentFile

from chiso.jobs.models import Job
from chiso.units import accounts
from chiso.units.models import Membership
from tests.conftest import PASSWORD, close_streaming


def _zip_job(world) -> Job:
    job = Job.objects.create(
        kind="documents_zip", title="Đóng gói", owner=world.users["reviewer"],
        unit=world.units["phong_a"], status=Job.Status.DONE, result_name="van-ban.zip",
    )  # fmt: skip
    job.result.save("van-ban.zip", ContentFile(b"PK"), save=True)
    return job


def test_a_revoked_owner_no_longer_downloads_the_result(client, world):
    job = _zip_job(world)
    client.login(username="reviewer", password=PASSWORD)
    response = client.get(f"/viec/{job.pk}/tai-ve")
    assert response.status_code == 200
    close_streaming(response)
    membership = Membership.objects.get(user=world.users["reviewer"])
    accounts.revoke(world.users["office_head"], world.units["phong_a"], membership.pk)
    client.login(username="reviewer", password=PASSWORD)  # the session ended with the role
    assert client.get(f"/viec/{job.pk}/tai-ve").status_code == 404
    assert client.get(f"/viec/{job.pk}/").status_code == 404
    assert "Đóng gói" not in client.get("/viec/").content.decode()
