"""Issuing a unit's document: its number, date and signer, the figures it states and its file
are stored once and listed in the unit's register (sổ văn bản đi); downloading it again gives
the same bytes. A correction is a new issue naming the one it replaces. Whatever is downloaded
without being issued is a draft (DỰ THẢO)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from chiso.assessments.forms import parse_date
from chiso.audit import record
from chiso.lib.ids import parse_id
from chiso.reports.models import IssuedDocument
from chiso.units import policy
from chiso.units.models import Unit

DRAFT_MARK = "DỰ THẢO"
MAX_NUMBER, MAX_SIGNER = 64, 200


class Refused(Exception):
    """The document cannot be issued; the message (Vietnamese) says why."""


@dataclass(frozen=True)
class Issue:
    """What the issuer writes on the document."""

    number: str
    issued_on: dt.date
    signer: str


def _clean(value: Any, limit: int) -> str:
    text = " ".join(str(value or "").split())  # no control characters, no line breaks
    return text[:limit]


def parse_issue(data: Any) -> Issue:
    """The number, date and signer from a form; a clear message naming the field otherwise."""
    number = _clean(data.get("number"), MAX_NUMBER + 1)
    if not number:
        raise Refused(_("Hãy ghi số, ký hiệu của văn bản (ví dụ: 12/BC-GDĐT)."))
    if len(number) > MAX_NUMBER:
        raise Refused(_("Số, ký hiệu dài quá %(MAX_NUMBER)s ký tự.") % {"MAX_NUMBER": MAX_NUMBER})
    raw_date = str(data.get("issued_on") or "").strip()
    try:
        issued_on = parse_date(raw_date)
    except ValueError:
        issued_on = None
    if issued_on is None:
        raise Refused(
            _("Ngày ban hành «%(value)s» không hợp lệ (ngày/tháng/năm, ví dụ 16/02/2026).")
            % {"value": raw_date[:20]}
        )
    signer = _clean(data.get("signer"), MAX_SIGNER + 1)
    if not signer:
        raise Refused(_("Hãy ghi họ tên người ký văn bản."))
    if len(signer) > MAX_SIGNER:
        raise Refused(
            _("Họ tên người ký dài quá %(MAX_SIGNER)s ký tự.") % {"MAX_SIGNER": MAX_SIGNER}
        )
    return Issue(number, issued_on, signer)


@transaction.atomic
def issue(
    unit: Unit,
    kind: str,
    *,
    title: str,
    content: bytes,
    filename: str,
    content_type: str,
    details: Issue,
    by: Any,
    figures: dict[str, Any] | None = None,
    campaign: Any = None,
    source_id: int | None = None,
    replaces: IssuedDocument | None = None,
) -> IssuedDocument:
    """Store the document as issued (audited). Refused when the user is not the unit's head,
    when the number was already used by the unit that year, or when the replaced document is
    not the unit's or was already replaced."""
    if not policy.can_issue_documents(by, unit):
        raise Refused(_("Chỉ thủ trưởng đơn vị (hoặc quản trị của đơn vị) ban hành văn bản."))
    taken = IssuedDocument.objects.filter(
        unit=unit, number=details.number, issued_on__year=details.issued_on.year
    )
    if taken.exists():
        raise Refused(
            _(
                "Số «%(number)s» đã được dùng cho một văn bản năm %(year)s của đơn vị: hãy dùng số khác."
            )
            % {"number": details.number, "year": details.issued_on.year}
        )
    if replaces is not None:
        replaces = IssuedDocument.objects.select_for_update().get(pk=replaces.pk)
        if replaces.unit_id != unit.pk:
            raise Refused(_("Văn bản được thay thế không phải của đơn vị này."))
        if IssuedDocument.objects.filter(replaces=replaces).exists():
            raise Refused(
                _("Văn bản số %(number)s đã được thay thế trước đó.") % {"number": replaces.number}
            )
    document = IssuedDocument(
        unit=unit,
        kind=kind,
        title=title[:500],
        number=details.number,
        issued_on=details.issued_on,
        signer=details.signer,
        campaign=campaign,
        source_id=source_id,
        figures=figures or {},
        filename=filename[:255],
        content_type=content_type,
        sha256=hashlib.sha256(content).hexdigest(),
        replaces=replaces,
        issued_by=by,
    )
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    record(
        by,
        "reports.issue",
        document,
        after={
            "number": document.number,
            "issued_on": document.issued_on.isoformat(),
            "signer": document.signer,
            "title": document.title,
            "sha256": document.sha256,
            "replaces": replaces.number if replaces else None,
        },
    )
    return document


def tally_figures(counts: Any) -> dict[str, Any]:
    """The figures an office's document states, as stored with it (tally.py's overall line)."""
    line = counts.overall
    return {
        "school_year": counts.campaign.school_year,
        "basis": counts.basis,
        "total": line.total,
        "counted": line.counted,
        "statuses": dict(line.statuses),
        "levels": {m: {str(k): v for k, v in levels.items()} for m, levels in line.levels.items()},
        "sentence": line.sentence(),
    }


def register(unit: Unit) -> QuerySet[IssuedDocument]:
    """The unit's register of issued documents, the newest first."""
    return IssuedDocument.objects.filter(unit=unit).select_related("replaces", "replaced_by")


def replaceable(unit: Unit, raw: Any) -> IssuedDocument | None:
    """The unit's issued document named by a form's `replaces` (None when none is named)."""
    pk = parse_id(raw)
    if pk is None:
        return None
    found = IssuedDocument.objects.filter(pk=pk, unit=unit).first()
    if found is None:
        raise Refused(_("Không tìm thấy văn bản được thay thế trong sổ văn bản đi của đơn vị."))
    return found


def get_for_user(user: Any, pk: int) -> IssuedDocument:
    """An issued document of a unit the user may see; Http404 otherwise."""
    document = IssuedDocument.objects.select_related("unit").filter(pk=pk).first()
    if document is None or not policy.can_see_unit(user, document.unit):
        raise Http404
    return document


def content_of(document: IssuedDocument) -> bytes:
    """The stored bytes, exactly as issued."""
    with document.file.open("rb") as file:
        return file.read()  # type: ignore[no-any-return]
