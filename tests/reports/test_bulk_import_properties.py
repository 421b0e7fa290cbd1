"""The bulk appendix import's file handling on arbitrary ZIPs (hypothesis): the dry run reports
every file (read, refused with a reason, or skipped) or fails the whole job with a Vietnamese
message (JobFailed), never another exception, and saves nothing."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.assessments.models import Assessment
from chiso.audit.models import AuditEntry
from chiso.jobs.models import Job
from chiso.jobs.registry import JobFailed
from chiso.reports import jobs
from tests.garbling import garbled
from tests.reports.test_appendix_import import edited, exported

PROPERTIES = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
member_names = st.one_of(
    st.sampled_from(
        ["phu-luc.xlsx", "a/b/phu-luc.xlsx", ".~lock.xlsx", "~$tam.xlsx", "__MACOSX/x.xlsx",
         "ghi-chu.txt", "PHU-LUC.XLSX", "x/", "trường/phụ-lục.xlsx"]
    ),
    st.text(st.characters(codec="utf-8", exclude_characters="\x00/"), min_size=1, max_size=30).map(
        lambda t: t + ".xlsx"
    ),
)  # fmt: skip


@pytest.fixture
def appendix(world):
    from tests.conftest import fill

    a = fill(world.assessments["school"], world.users["member"])
    return edited(exported(a), {"1.4.a": 6})  # once: a saved workbook's bytes hold the time


def _job(world, content: bytes) -> Job:
    job = Job(
        kind="appendix_import",
        owner=world.users["office_head"],
        unit=world.units["phong_a"],
        title="thử",
        params={"campaign": world.campaign.pk, "apply": False},
    )
    job.source.save("phu-luc.zip", ContentFile(content), save=False)
    return job


def dry_run(world, content: bytes) -> dict | None:
    """The dry run's summary, or None when the whole file is refused with a message."""
    before = (
        sorted(Assessment.objects.values_list("pk", "version")),
        AuditEntry.objects.count(),
    )
    try:
        outcome = jobs.appendix_import(_job(world, content), lambda *a, **k: None)
    except JobFailed as exc:
        assert str(exc)  # a Vietnamese sentence for the job page
        outcome = None
    after = (
        sorted(Assessment.objects.values_list("pk", "version")),
        AuditEntry.objects.count(),
    )
    assert after == before  # a dry run saves nothing
    return outcome.summary if outcome else None


@PROPERTIES
@given(st.binary(max_size=3000))
def test_any_upload_is_a_dry_run_or_a_refusal(world, content):
    dry_run(world, content)


@st.composite
def archives(draw, appendix_content: bytes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in draw(st.lists(member_names, min_size=1, max_size=6, unique=True)):
            content = draw(
                st.one_of(
                    st.just(appendix_content),
                    garbled(appendix_content),
                    st.binary(max_size=200),
                )
            )
            method = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
            archive.writestr(name, content, compress_type=method)
    whole = buffer.getvalue()
    return draw(st.one_of(st.just(whole), garbled(whole)))


@PROPERTIES
@given(st.data())
def test_any_zip_of_appendix_files_is_reported_file_by_file(world, appendix, draw):
    summary = dry_run(world, draw.draw(archives(appendix)))
    if summary is None:
        return
    counts = summary["counts"]
    assert counts["ready"] + counts["refused"] <= counts["files"]
    for status, name, _unit, reason in summary["rows"]:
        assert status in ("updated", "unchanged", "rejected") and name, (status, name)
        if status == "rejected":
            assert reason, name
