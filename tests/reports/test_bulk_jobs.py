"""Office bulk work as jobs: the ZIP of every unit's documents, the appendix files of many units."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from openpyxl import load_workbook

from chiso.assessments.models import Assessment
from chiso.audit.models import AuditEntry
from chiso.jobs.models import Job
from tests.conftest import PASSWORD, close_streaming, fill
from tests.reports.test_appendix_import import edited, exported


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _last_job(user) -> Job:
    return Job.objects.filter(owner=user).latest("pk")


def test_the_office_gets_a_zip_with_every_units_report_and_appendix(
    client, world, django_capture_on_commit_callbacks
):
    fill(world.assessments["school"], world.users["member"])
    client.login(username="office_head", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/don-vi/{world.units['phong_a'].pk}/van-ban.zip")
    job = _last_job(world.users["office_head"])
    assert response["Location"] == f"/viec/{job.pk}/"
    assert job.status == "done" and (job.done, job.total) == (2, 2)
    download = client.get(f"/viec/{job.pk}/tai-ve")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    close_streaming(download)
    names = sorted(archive.namelist())
    assert names == [
        "DANH-SACH-DON-VI.txt",
        "DU-THAO_th-cva-truong-tieu-hoc-chu-van-an/bao-cao.docx",
        "DU-THAO_th-cva-truong-tieu-hoc-chu-van-an/phu-luc.xlsx",
        "DU-THAO_thcs-ll-truong-thcs-le-loi/bao-cao.docx",
        "DU-THAO_thcs-ll-truong-thcs-le-loi/phu-luc.xlsx",
    ]  # the other Phòng's school is not in it; nothing checked yet: every folder a draft
    listing = archive.read("DANH-SACH-DON-VI.txt").decode()
    assert "0/2 đơn vị" in listing and "Trường Tiểu học Chu Văn An: Đang soạn (dự thảo)" in listing
    names = names[1:]
    report = Document(io.BytesIO(archive.read(names[0])))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "Chu Văn An" in text
    sheet = load_workbook(io.BytesIO(archive.read(names[1]))).active
    assert "Mã: TH-CVA" in sheet.cell(row=3, column=1).value


def test_appendix_files_of_many_units_are_previewed_then_applied_after_confirmation(
    client, world, django_capture_on_commit_callbacks
):
    school = fill(world.assessments["school"], world.users["member"])
    sibling = fill(world.assessments["sibling"], world.users["sibling_head"])
    other = fill(world.assessments["other"], world.users["other_head"])
    upload = _zip(
        {
            "chu-van-an.xlsx": edited(exported(school), {"1.4.a": 6}),
            "le-loi.xlsx": edited(exported(sibling), {"1.5.a": "mười"}),
            "ngoai-pham-vi/be-van-dan.xlsx": edited(exported(other), {"1.4.a": 1}),
            "hong.xlsx": b"PK\x03\x04 not really a workbook",
            "ghi-chu.txt": b"xin gui phong",
        }
    )
    versions = {a.pk: a.version for a in (school, sibling, other)}
    client.login(username="office_head", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/don-vi/{world.units['phong_a'].pk}/nhap-phu-luc/",
            {"file": _uploaded("phu-luc-cac-truong.zip", upload)},
        )
    dry_run = _last_job(world.users["office_head"])
    assert dry_run.status == "done", dry_run.message
    rows = {r[1]: r for r in dry_run.summary["rows"]}
    assert rows["chu-van-an.xlsx"][0] == "updated" and "1 mục" in rows["chu-van-an.xlsx"][3]
    assert (
        rows["le-loi.xlsx"][0] == "rejected"
        and "«mười» không phải số điểm" in rows["le-loi.xlsx"][3]
    )
    assert rows["ngoai-pham-vi/be-van-dan.xlsx"][0] == "rejected"
    assert "TH-BVD" in rows["ngoai-pham-vi/be-van-dan.xlsx"][3]
    assert rows["hong.xlsx"][0] == "rejected" and "hong.xlsx" in rows["hong.xlsx"][3]
    assert rows["ghi-chu.txt"][0] == "rejected"
    assert {a.pk: a.version for a in Assessment.objects.all() if a.pk in versions} == versions
    page = client.get(f"/viec/{dry_run.pk}/").content.decode()
    assert "Xác nhận cập nhật 1 đơn vị" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/don-vi/nhap-phu-luc/xac-nhan/", {"job": dry_run.pk})
    applied = _last_job(world.users["office_head"])
    assert applied.pk != dry_run.pk and applied.status == "done", applied.message
    assert applied.summary["counts"]["applied"] == 1
    school.refresh_from_db()
    assert school.awards["1.4.a"]["points"] == "6"
    assert "chu-van-an.xlsx" in school.awards["1.4.a"]["reason"]
    entry = AuditEntry.objects.filter(verb="assessment.edit").latest("pk")
    assert entry.actor == world.users["office_head"]
    sibling.refresh_from_db()
    other.refresh_from_db()
    assert (sibling.version, other.version) == (versions[sibling.pk], versions[other.pk])


def test_a_dry_run_cannot_be_confirmed_by_someone_else(
    client, world, django_capture_on_commit_callbacks
):
    school = fill(world.assessments["school"], world.users["member"])
    client.login(username="office_head", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/don-vi/{world.units['phong_a'].pk}/nhap-phu-luc/",
            {"file": _uploaded("a.zip", _zip({"a.xlsx": edited(exported(school), {"1.4.a": 6})}))},
        )
    dry_run = _last_job(world.users["office_head"])
    client.login(username="so_head", password=PASSWORD)
    assert client.post("/don-vi/nhap-phu-luc/xac-nhan/", {"job": dry_run.pk}).status_code == 404
    assert Job.objects.count() == 1


def test_a_file_that_is_not_a_zip_is_refused_before_any_job(client, world):
    client.login(username="office_head", password=PASSWORD)
    response = client.post(
        f"/don-vi/{world.units['phong_a'].pk}/nhap-phu-luc/",
        {"file": _uploaded("phu-luc.xlsx", b"PK\x03\x04")},
        follow=True,
    )
    assert "Hãy chọn một tệp .zip" in response.content.decode()
    assert Job.objects.count() == 0


def test_a_broken_zip_fails_the_job_with_a_message(
    client, world, django_capture_on_commit_callbacks
):
    client.login(username="office_head", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/don-vi/{world.units['phong_a'].pk}/nhap-phu-luc/",
            {"file": _uploaded("hong.zip", b"not a zip at all")},
        )
    job = _last_job(world.users["office_head"])
    assert job.status == "failed" and "không phải tệp nén .zip" in job.message


def _uploaded(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
