"""Every change to a framework version: one function per verb, transactional, audited.

A draft is checked by the loader before anything is saved: an invalid file or edit changes
nothing and comes back with the loader's Vietnamese (place, problem) pairs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from chiso import rubric
from chiso.audit import record
from chiso.frameworks import documents
from chiso.frameworks.models import FrameworkVersion
from chiso.units import policy
from chiso.units.models import Unit

MAX_UPLOAD_BYTES = 512 * 1024
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
# Ids of national indices (a decision's number: qd4725-2022, qd3806-2024) are the national
# role's: an office registering one would block the next national version everywhere.
NATIONAL_ID = re.compile(r"^qd[0-9]")
S = FrameworkVersion.Status


class FrameworkRefused(Exception):
    """A change that cannot be made; `problems` are (place, problem) pairs, in Vietnamese."""

    def __init__(self, message: str, problems: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class StaleDraft(FrameworkRefused):
    """Someone else saved the draft since this user opened it."""


def _invalid(exc: rubric.RubricError) -> FrameworkRefused:
    return FrameworkRefused(_("Bộ chỉ số chưa hợp lệ: chưa lưu gì."), exc.problems)


def _require(allowed: bool) -> None:
    if not allowed:
        raise FrameworkRefused(_("Bạn không có quyền thực hiện thao tác này với bộ chỉ số này."))


def _refuse_reserved_id(framework_id: str, owner: Unit | None) -> None:
    """A local index never takes an id of the national kind (qd + the decision's number)."""
    if owner is not None and NATIONAL_ID.match(framework_id):
        raise FrameworkRefused(
            _(
                "Mã «%(id)s» dạng «qd» + số quyết định dành cho bộ chỉ số quốc gia: hãy đặt mã "
                "khác cho bộ chỉ số của đơn vị (ví dụ thêm mã đơn vị: hp-mamnon-2026)."
            )
            % {"id": framework_id}
        )


def next_version(framework_id: str) -> int:
    """The next free version number of an id (the shipped file's version counts as taken)."""
    taken = FrameworkVersion.objects.filter(framework_id=framework_id).aggregate(m=Max("version"))
    highest = taken["m"] or 0
    if framework_id in rubric.available_frameworks():
        highest = max(highest, rubric.load_framework(framework_id).version)
    return highest + 1


def _check_text(
    text: str, *, framework_id: str, version: int, owner: Unit | None, source: str
) -> dict[str, Any]:
    """The loader's verdict plus what the row requires of the file; returns the parsed data."""
    try:
        data = documents.parse(text, source)
        rubric.load_framework_text(text, source=source)
    except rubric.RubricError as exc:
        raise _invalid(exc) from None
    problems = []
    if str(data.get("id")) != framework_id:
        problems.append(("id", f"mã trong tệp là «{data.get('id')}», phải là «{framework_id}»"))
    if data.get("version") != version:
        problems.append(
            ("version", f"phiên bản trong tệp là {data.get('version')!r}, phải là {version}")
        )
    if owner is not None and data.get("local") is not True:
        problems.append(
            ("local", "bộ chỉ số của một đơn vị phải ghi «local: true» (điều chỉnh tại địa phương)")
        )
    if owner is None and data.get("local") is True:
        problems.append(("local", "bộ chỉ số quốc gia không được ghi «local: true»"))
    if problems:
        raise FrameworkRefused(_("Bộ chỉ số chưa hợp lệ: chưa lưu gì."), problems)
    return data


def _create(
    text: str,
    *,
    framework_id: str,
    version: int,
    owner: Unit | None,
    by: Any,
    source: str,
    how: str,
) -> FrameworkVersion:
    data = _check_text(text, framework_id=framework_id, version=version, owner=owner, source=source)
    try:
        with transaction.atomic():
            row = FrameworkVersion.objects.create(
                framework_id=framework_id,
                version=version,
                text=text,
                owner=owner,
                created_by=by,
                **documents.metadata(data),
            )
    except IntegrityError:
        raise FrameworkRefused(
            _("Phiên bản %(version)s của «%(framework_id)s» vừa được tạo: hãy thử lại.")
            % {"version": version, "framework_id": framework_id}
        ) from None
    record(by, "framework.create", row, after={"version": row.label, "from": how})
    return row


def _owner_of(framework_id: str) -> tuple[bool, Unit | None]:
    """(whether the id exists, its owner): every version of an id has the same owner."""
    row = FrameworkVersion.objects.filter(framework_id=framework_id).select_related("owner").first()
    if row is not None:
        return True, row.owner
    return framework_id in rubric.available_frameworks(), None


def read_upload(name: str, content: bytes) -> str:
    """The text of an uploaded YAML file, or a refusal saying why it cannot be read."""
    if not name.lower().endswith((".yaml", ".yml")):
        raise FrameworkRefused(_("Tệp bộ chỉ số phải có đuôi .yaml hoặc .yml."))
    if len(content) > MAX_UPLOAD_BYTES:
        raise FrameworkRefused(
            _("Tệp quá lớn (%(value)s KB); một bộ chỉ số không quá %(value2)s KB.")
            % {"value": len(content) // 1024, "value2": MAX_UPLOAD_BYTES // 1024}
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FrameworkRefused(_("Tệp phải là văn bản UTF-8 (YAML).")) from None
    if "\x00" in text:
        raise FrameworkRefused(_("Tệp có ký tự không hợp lệ (NUL): không phải một tệp YAML."))
    return text.replace("\r\n", "\n")


@transaction.atomic
def create_from_upload(
    name: str, content: bytes, *, owner: Unit | None, by: Any
) -> FrameworkVersion:
    """A new draft from an uploaded file: a new id, or the next version of an existing one."""
    _require(policy.can_manage_framework(by, owner))
    text = read_upload(name, content)
    try:
        data = documents.parse(text, name)
    except rubric.RubricError as exc:
        raise _invalid(exc) from None
    framework_id = str(data.get("id") or "")
    if not ID_PATTERN.match(framework_id):
        raise FrameworkRefused(
            _("Bộ chỉ số chưa hợp lệ: chưa lưu gì."),
            [
                (
                    "id",
                    f"mã «{framework_id}» phải gồm 3–64 chữ thường không dấu, số, «.», «-» hoặc «_»",
                )
            ],
        )
    _refuse_reserved_id(framework_id, owner)
    exists, current_owner = _owner_of(framework_id)
    if exists and current_owner != owner:
        raise FrameworkRefused(
            _("Mã «%(framework_id)s» đã thuộc %(value)s: hãy đặt mã khác.")
            % {
                "framework_id": framework_id,
                "value": current_owner.name if current_owner else "bộ chỉ số quốc gia",
            }
        )
    version = next_version(framework_id)
    header: dict[str, Any] = {"version": version}
    if owner is not None:
        header["local"] = True
    text = documents.set_header(text, header)
    return _create(
        text, framework_id=framework_id, version=version, owner=owner, by=by, source=name, how=name
    )


@transaction.atomic
def copy_as_new_version(source: FrameworkVersion, *, by: Any) -> FrameworkVersion:
    """A draft of the next version of the same index, starting from `source`'s text."""
    _require(policy.can_manage_framework(by, source.owner))
    version = next_version(source.framework_id)
    text = documents.set_header(source.text, {"version": version})
    return _create(
        text,
        framework_id=source.framework_id,
        version=version,
        owner=source.owner,
        by=by,
        source=f"{source.framework_id}@{version}",
        how=source.label,
    )


@transaction.atomic
def copy_as_local(
    source: FrameworkVersion, *, framework_id: str, owner: Unit, by: Any
) -> FrameworkVersion:
    """A local adaptation with its own id, owned by an office, marked as derived from `source`."""
    _require(owner is not None and policy.can_manage_framework(by, owner))
    framework_id = framework_id.strip()
    if not ID_PATTERN.match(framework_id):
        raise FrameworkRefused(
            _("Mã «%(framework_id)s» phải gồm 3–64 chữ thường không dấu, số, «.», «-» hoặc «_».")
            % {"framework_id": framework_id}
        )
    _refuse_reserved_id(framework_id, owner)
    if _owner_of(framework_id)[0]:
        raise FrameworkRefused(
            _("Mã «%(framework_id)s» đã có: hãy đặt mã khác cho bộ chỉ số mới.")
            % {"framework_id": framework_id}
        )
    header = {"id": framework_id, "version": 1, "local": True, "derived_from": source.label}
    text = documents.set_header(source.text, header)
    return _create(
        text,
        framework_id=framework_id,
        version=1,
        owner=owner,
        by=by,
        source=f"{framework_id}@1",
        how=source.label,
    )


def _editable(row: FrameworkVersion, by: Any, revision: int) -> FrameworkVersion:
    _require(policy.can_manage_framework(by, row.owner))
    locked = (
        FrameworkVersion.objects.select_for_update(of=("self",))
        .select_related("owner")
        .get(pk=row.pk)
    )
    if locked.status != S.DRAFT:
        raise FrameworkRefused(
            _("Phiên bản này đã ban hành nên không sửa được nữa: hãy sao chép thành phiên bản mới.")
        )
    if locked.revision != revision:
        raise StaleDraft(
            _(
                "Người khác vừa lưu bản nháp này; nội dung dưới đây là bản mới nhất, hãy sửa lại trên đó."
            )
        )
    return locked


@transaction.atomic
def save_text(row: FrameworkVersion, text: str, *, by: Any, revision: int) -> FrameworkVersion:
    """Replace a draft's YAML (the raw editor); checked by the loader first."""
    row = _editable(row, by, revision)
    text = text.replace("\r\n", "\n")
    if len(text.encode("utf-8")) > MAX_UPLOAD_BYTES:
        raise FrameworkRefused(
            _("Nội dung quá dài: một bộ chỉ số không quá %(value)s KB.")
            % {"value": MAX_UPLOAD_BYTES // 1024}
        )
    data = _check_text(
        text, framework_id=row.framework_id, version=row.version, owner=row.owner, source=row.label
    )
    if text == row.text:
        return row
    before = row.text
    row.text = text
    for field, value in documents.metadata(data).items():
        setattr(row, field, value)
    row.revision += 1
    row.save()
    record(by, "framework.edit", row, before={"text": before}, after={"text": text})
    return row


def save_data(
    row: FrameworkVersion, data: Mapping[str, Any], *, by: Any, revision: int
) -> tuple[FrameworkVersion, bool]:
    """A structured edit: the changed values written into the text; (row, comments kept)."""
    text, kept = documents.apply_changes(row.text, data)
    return save_text(row, text, by=by, revision=revision), kept


@transaction.atomic
def publish(
    row: FrameworkVersion,
    *,
    by: Any,
    decision_number: str,
    decision_date: dt.date | None,
    issuer: str,
) -> FrameworkVersion:
    """Issue a draft under its legal basis; from now on it never changes."""
    _require(policy.can_publish_framework(by, row.owner))
    row = (
        FrameworkVersion.objects.select_for_update(of=("self",))
        .select_related("owner")
        .get(pk=row.pk)
    )
    if row.status != S.DRAFT:
        raise FrameworkRefused(_("Phiên bản này đã được ban hành."))
    basis = {"number": decision_number.strip(), "date": decision_date, "issuer": issuer.strip()}
    missing = [
        (where, "bắt buộc khi ban hành")
        for where, key in (
            ("số quyết định", "number"),
            ("ngày quyết định", "date"),
            ("cơ quan ban hành", "issuer"),
        )
        if not basis[key]
    ]
    if missing:
        raise FrameworkRefused(_("Thiếu căn cứ pháp lý: chưa ban hành."), missing)
    data = documents.parse(row.text, row.label)
    decision = dict(data.get("decision") or {})
    if any(decision.get(k) != v for k, v in basis.items()):
        decision.update(basis)
        text, _kept = documents.apply_changes(row.text, {**data, "decision": decision})
        data = _check_text(
            text,
            framework_id=row.framework_id,
            version=row.version,
            owner=row.owner,
            source=row.label,
        )
        row.text = text
    for field, value in documents.metadata(data).items():
        setattr(row, field, value)
    row.status = S.PUBLISHED
    row.published_at = timezone.now()
    row.published_by = by
    row.revision += 1
    row.save()
    record(
        by,
        "framework.publish",
        row,
        after={
            "version": row.label,
            "decision": row.decision_number,
            "date": basis["date"].isoformat() if basis["date"] else "",
            "issuer": row.issuer,
            "local": row.is_local,
        },
    )
    return row


@transaction.atomic
def retire(row: FrameworkVersion, *, by: Any) -> FrameworkVersion:
    """Stop offering a published version for new campaigns (results scored on it stay)."""
    _require(policy.can_publish_framework(by, row.owner))
    row = FrameworkVersion.objects.select_for_update().get(pk=row.pk)
    if row.status != S.PUBLISHED:
        raise FrameworkRefused(_("Chỉ phiên bản đang ban hành mới ngừng áp dụng được."))
    row.status = S.RETIRED
    row.save(update_fields=["status", "updated_at"])
    record(by, "framework.retire", row, before={"status": S.PUBLISHED}, after={"status": S.RETIRED})
    return row


@transaction.atomic
def delete_draft(row: FrameworkVersion, *, by: Any) -> None:
    """Throw a draft away (its text stays in the audit trail)."""
    _require(policy.can_manage_framework(by, row.owner))
    row = FrameworkVersion.objects.select_for_update().get(pk=row.pk)
    if row.status != S.DRAFT:
        raise FrameworkRefused(_("Chỉ xóa được bản nháp."))
    record(by, "framework.delete", row, before={"version": row.label, "text": row.text})
    row.delete()
