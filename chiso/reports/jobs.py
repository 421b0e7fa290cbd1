"""Document work too long for a request: a ZIP of every unit's documents, bulk appendix imports."""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from typing import Any

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from chiso.assessments import access, actions, scoring, tally
from chiso.assessments.models import Assessment, Campaign
from chiso.jobs.models import Job
from chiso.jobs.registry import JobFailed, Outcome, job
from chiso.jobs.runner import Progress
from chiso.lib.files import ZIP_ERRORS
from chiso.reports import data, layout, xlsx_import
from chiso.reports.docx_export import render_report_docx
from chiso.reports.xlsx_export import render_appendix_xlsx
from chiso.units import policy
from chiso.units.models import Unit, tree_order

ZIP_MAX_BYTES = 300 * 1024 * 1024
ZIP_MAX_FILES = 20_000
SUMMARY_ROWS = 300  # rows kept on the job page; the full table is in the result file


def subtree_assessments(job: Job) -> Any:
    """The campaign's assessments under the job's unit that the job's owner may see (now)."""
    office = job.unit
    return (
        access.visible_assessments(job.owner)
        .filter(campaign_id=job.params["campaign"], unit__path__startswith=office.path)
        .exclude(unit=office)
    )


@job("documents_zip")
def documents_zip(job: Job, progress: Progress) -> Outcome:
    """Each unit's report (DOCX) and appendix (XLSX) in one folder per unit."""
    assessments = sorted(
        subtree_assessments(job).select_related("unit__parent", "campaign"),
        key=lambda a: tree_order(a.unit),
    )
    if not assessments:
        raise JobFailed(_("Không có bản đánh giá nào trong phạm vi này để đóng gói."))
    campaign = assessments[0].campaign
    progress(0, len(assessments), "Đang tạo văn bản của từng đơn vị…")
    handle, path = tempfile.mkstemp(suffix=".zip")
    os.close(handle)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, assessment in enumerate(assessments, start=1):
            unit = assessment.unit
            folder = f"{slugify(unit.code or str(unit.pk))}-{layout.file_slug(unit.name)[:50]}"
            if not tally.is_final(assessment.status):  # not checked by the office: a draft
                folder = f"{DRAFT_MARK}{folder}"
            document = data.assessment_document(assessment)
            archive.writestr(f"{folder}/bao-cao.docx", render_report_docx(document))
            archive.writestr(f"{folder}/phu-luc.xlsx", render_appendix_xlsx(document))
            progress(done, len(assessments))
        archive.writestr(LIST_NAME, _zip_list(job, campaign))
    with open(path, "rb") as file:
        content = file.read()
    os.unlink(path)
    name = f"van-ban-{layout.file_slug(job.unit.name)[:60]}-{campaign.school_year}.zip"
    return Outcome(
        f"Đã đóng gói báo cáo và phụ lục của {len(assessments)} đơn vị.",
        file_name=name,
        file_content=content,
        summary={"count": len(assessments)},
    )


DRAFT_MARK = "DU-THAO_"  # the folder of a result the office has not checked
LIST_NAME = "DANH-SACH-DON-VI.txt"


def _zip_list(job: Job, campaign: Campaign) -> str:
    """Every unit of the scope with its state: which folders are final, which are drafts, which
    units have nothing yet (tally.py, the offices' one rule)."""
    office = job.unit
    entries = tally.office_entries(office, campaign, tally.DEFAULT_BASIS, job.owner)
    final = sum(1 for e in entries if e.final)
    lines = [
        f"Báo cáo và phụ lục của các đơn vị — {office.name} — năm học {campaign.school_year}",
        f"Kết quả đã được kiểm tra (đã công nhận, đã công bố): {final}/{len(entries)} đơn vị.",
        f"Thư mục bắt đầu bằng «{DRAFT_MARK}» là DỰ THẢO: kết quả chưa được cơ quan quản lý "
        "kiểm tra, không phải kết quả chính thức.",
        "",
    ]
    for n, e in enumerate(entries, start=1):
        mark = "" if e.final else " — DỰ THẢO" if e.assessment is not None else " — không có tệp"
        code = f"{e.unit.code} " if e.unit.code else ""
        lines.append(f"{n}. {code}{e.unit.name}: {e.status_text}{mark}")
    return "\r\n".join(lines) + "\r\n"


CODE = re.compile(r"Mã:\s*(\S+)")


def _appendix_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The files of an uploaded ZIP worth looking at, checked before anything is unpacked."""
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > ZIP_MAX_FILES:
        raise JobFailed(
            _("Tệp .zip có %(len)s tệp, tối đa %(ZIP_MAX_FILES)s.")
            % {"len": len(infos), "ZIP_MAX_FILES": ZIP_MAX_FILES}
        )
    if sum(i.file_size for i in infos) > ZIP_MAX_BYTES * 4:
        raise JobFailed(_("Tệp .zip giải nén quá lớn (nghi ngờ tệp độc hại): không xử lý."))
    return [
        i
        for i in infos
        if not i.filename.rsplit("/", 1)[-1].startswith((".", "~$"))
        and not i.filename.startswith("__MACOSX/")
    ]


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """One member's bytes (b"" when too large, refused below with its name); None when it cannot
    be unpacked (damaged, encrypted, an unknown compression). One at a time: never all at once."""
    if info.file_size > xlsx_import.MAX_BYTES:
        return b""
    try:
        # Never more than the size checked above, whatever the header claims.
        with archive.open(info) as member:
            return member.read(xlsx_import.MAX_BYTES + 1)
    except ZIP_ERRORS:
        return None


def _target(job: Job, campaign: Campaign, code: str, cache: dict[str, Unit | None]) -> Any:
    if code not in cache:
        cache[code] = (
            Unit.objects.filter(code=code, path__startswith=job.unit.path, is_active=True)
            .exclude(pk=job.unit.pk)
            .first()
        )
    unit = cache[code]
    if unit is None:
        return None
    return Assessment.objects.filter(campaign=campaign, unit=unit).select_related("unit").first()


def _read_appendices(
    job: Job, campaign: Campaign, archive: zipfile.ZipFile, progress: Progress, apply: bool
) -> tuple[list[list[Any]], dict[str, int]]:
    """Each member in turn: unpacked, read and (when `apply`) saved before the next one."""
    members = _appendix_members(archive)
    xlsx = [i for i in members if i.filename.lower().endswith(".xlsx")]
    rows: list[list[Any]] = [
        ["rejected", i.filename, "", "bỏ qua: không phải tệp .xlsx"]
        for i in members
        if not i.filename.lower().endswith(".xlsx")
    ]
    progress(0, len(xlsx), "Đang đọc các tệp phụ lục…")
    counts = {"files": len(xlsx), "ready": 0, "updated_items": 0, "refused": 0, "applied": 0}
    units: dict[str, Unit | None] = {}
    for done, info in enumerate(xlsx, start=1):
        content = _read_member(archive, info)
        if content is None:
            counts["refused"] += 1
            reason = "không giải nén được (tệp hỏng hoặc có mật khẩu)"
            rows.append(["rejected", info.filename, "", reason])
        else:
            rows.append(_one_file(job, campaign, info.filename, content, units, counts, apply))
        progress(done, len(xlsx))
    return rows, counts


@job("appendix_import")
def appendix_import(job: Job, progress: Progress) -> Outcome:
    """Appendix XLSX files (one per unit, matched by the code on row 3) into the units' drafts.

    First run: a dry run, file by file and row by row. After confirmation the same files are
    applied, each unit in its own transaction: a bad file never touches another unit."""
    apply = bool(job.params.get("apply"))
    campaign = Campaign.objects.get(pk=job.params["campaign"])
    with job.source.open("rb") as source:
        try:
            archive = zipfile.ZipFile(source)
        except ZIP_ERRORS:
            raise JobFailed(_("Tệp tải lên không phải tệp nén .zip hợp lệ.")) from None
        with archive:
            rows, counts = _read_appendices(job, campaign, archive, progress, apply)
    summary: dict[str, Any] = {
        "columns": ["Tệp", "Đơn vị", "Kết quả"],
        "rows": rows[:SUMMARY_ROWS],
        "truncated": max(0, len(rows) - SUMMARY_ROWS),
        "counts": counts,
    }
    if not apply and counts["ready"]:
        summary["confirm"] = {
            "url": reverse("reports:confirm_appendix_import"),
            "label": f"Xác nhận cập nhật {counts['ready']} đơn vị",
        }
    verb = "Đã cập nhật" if apply else "Sẽ cập nhật"
    message = (
        f"{verb} {counts['applied'] if apply else counts['ready']} đơn vị "
        f"({counts['updated_items']} mục điểm); {counts['refused']} tệp bị từ chối."
    )
    return Outcome(message, summary=summary)


def _one_file(
    job: Job,
    campaign: Campaign,
    name: str,
    content: bytes,
    units: dict[str, Unit | None],
    counts: dict[str, int],
    apply: bool,
) -> list[Any]:
    def refuse(unit: str, reason: str) -> list[Any]:
        counts["refused"] += 1
        return ["rejected", name, unit, reason]

    try:
        workbook = xlsx_import.open_appendix(name, content)
    except xlsx_import.ImportRefused as exc:
        return refuse("", str(exc))
    match = CODE.search(str(workbook.worksheets[0].cell(row=3, column=1).value or ""))
    if not match:
        return refuse("", "dòng 3 không có «Mã: …» của đơn vị (tệp không do chiso xuất?)")
    code = match.group(1)
    assessment = _target(job, campaign, code, units)
    if assessment is None:
        return refuse(code, f"không có bản đánh giá của đơn vị mã {code} trong phạm vi và đợt này")
    unit_name = f"{code} — {assessment.unit.name}"
    if not policy.can(job.owner, "import", assessment) and not policy.can(
        job.owner, "edit", assessment
    ):
        return refuse(unit_name, "bạn không có quyền nhập dữ liệu cho đơn vị này")
    if not assessment.is_editable:
        return refuse(unit_name, f"bản đánh giá đang «{assessment.get_status_display()}»")
    try:
        preview = xlsx_import.preview_appendix(
            name, workbook, scoring.scorecard(assessment), scoring.framework_for(assessment)
        )
    except xlsx_import.ImportRefused as exc:
        return refuse(unit_name, str(exc))
    if preview.rejected:
        reasons = "; ".join(r.reason for r in preview.rejected[:5])
        return refuse(unit_name, f"{len(preview.rejected)} dòng sai: {reasons}")
    changes = preview.changes
    if not changes:
        return ["unchanged", name, unit_name, "không có thay đổi"]
    counts["ready"] += 1
    counts["updated_items"] += len(changes)
    if not apply:
        return ["updated", name, unit_name, f"sẽ cập nhật {len(changes)} mục"]
    try:
        actions.save_answers(
            assessment,
            awards={
                k: {"points": v, "reason": f"Nhập từ tệp «{name}»"} for k, v in changes.items()
            },
            expected_version=assessment.version,
            by=job.owner,
            on_behalf=not policy.can(job.owner, "edit", assessment),
        )
    except (actions.ActionRefused, ValueError) as exc:
        counts["ready"] -= 1
        counts["updated_items"] -= len(changes)
        return refuse(unit_name, str(exc))
    counts["applied"] += 1
    return ["updated", name, unit_name, f"đã cập nhật {len(changes)} mục"]
