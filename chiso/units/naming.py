"""How a unit is named in official documents (Nghị định 30/2020): the body above it in the school
year concerned, the issuing unit's own line, and the head's title. Every document uses `issuer`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from chiso.units.models import Management, Unit

# The centrally-run cities (thành phố trực thuộc trung ương) after the 2025 reorganisation.
CENTRAL_CITIES = {
    "Hà Nội",
    "Hồ Chí Minh",
    "Thành phố Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
}
DISTRICT_WORDS = ("quận", "huyện", "thị xã", "thành phố")
PEOPLES_COMMITTEE = "Ủy ban nhân dân"


@dataclass(frozen=True)
class Issuer:
    """The heading of a document a unit issues, as it stood in one school year."""

    governing_body: str  # the header's first line (the body directly above the issuer)
    name: str  # the issuer's own line (a commune's acting office, or the unit's name)
    superior: str  # the body it reports to: "Kính gửi" and "Nơi nhận" (in full)
    signer_title: str
    managing_body: Unit | None  # for an institution: the body that managed it that year


def year_start(school_year: str) -> dt.date:
    """The day a school year is looked at for who managed whom: 1 September of its first year."""
    first = school_year.split("-", 1)[0].strip()
    return dt.date(int(first), 9, 1) if first.isdigit() else timezone.localdate()


def managing_body(unit: Unit, school_year: str | None = None) -> Unit | None:
    """The body that managed `unit` in `school_year` (today's parent when none is given or when
    it has not moved since): a Phòng until 30/6/2025, its UBND xã/phường since."""
    if school_year and unit.pk is not None and unit.kind == Unit.Kind.INSTITUTION:
        past = (
            Management.objects.filter(unit=unit, until__gte=year_start(school_year))
            .select_related("body")
            .order_by("until")
            .first()
        )
        if past is not None:
            return past.body
    return unit.parent


def short_form(unit: Unit) -> str:
    """A commune's People's Committee as documents head it ("UBND phường Hưng Đạo"), any other
    body by its full name."""
    if unit.kind == Unit.Kind.COMMUNE and unit.name.startswith(PEOPLES_COMMITTEE):
        return "UBND" + unit.name[len(PEOPLES_COMMITTEE) :]
    return unit.name


def issuer(unit: Unit, *, school_year: str | None = None, managed_by: Unit | None = None) -> Issuer:
    """The heading, addressee and signer of a document `unit` issues about `school_year`.

    An institution is headed by the body that managed it that year (`managed_by` when the
    caller already knows it, as an assessment does): UBND PHƯỜNG … for a primary school in 2026,
    PHÒNG GIÁO DỤC VÀ ĐÀO TẠO … in 2024, SỞ GIÁO DỤC VÀ ĐÀO TẠO … for an upper-secondary school.
    A commune writes through its acting office under its People's Committee; a Phòng and a Sở
    under the People's Committee of their district or province."""
    if unit.kind == Unit.Kind.INSTITUTION:
        body = managed_by or managing_body(unit, school_year)
        return Issuer(
            governing_body=short_form(body) if body else "",
            name=unit.name,
            superior=body.name if body else "",
            signer_title=head_title(unit),
            managing_body=body,
        )
    parent = unit.parent
    if unit.kind == Unit.Kind.COMMUNE:
        acting = unit.acting_office
        return Issuer(
            governing_body=short_form(unit) if acting else "",
            name=acting or unit.name,
            superior=parent.name if parent else "",
            signer_title=head_title(unit),
            managing_body=parent,
        )
    return Issuer(
        governing_body=_office_governing_body(unit),
        name=unit.name,
        superior=parent.name if parent else "",
        signer_title=head_title(unit),
        managing_body=parent,
    )


def governing_body(unit: Unit, school_year: str | None = None) -> str:
    """The line above the unit's name in a document header (see `issuer`)."""
    return issuer(unit, school_year=school_year).governing_body


def _office_governing_body(unit: Unit) -> str:
    if unit.kind == Unit.Kind.DISTRICT:
        tail = _after_office_words(unit.name)
        if tail.lower().startswith(DISTRICT_WORDS):
            return f"{PEOPLES_COMMITTEE} {tail}"
    if unit.kind == Unit.Kind.DEPARTMENT:
        place = unit.place or _after_office_words(unit.name)
        if place:
            kind = "thành phố" if place in CENTRAL_CITIES else "tỉnh"
            return f"{PEOPLES_COMMITTEE} {kind} {place}"
    parent = unit.parent
    return parent.name if parent and unit.kind != Unit.Kind.MINISTRY else ""


def _after_office_words(name: str) -> str:
    for words in ("Phòng Giáo dục và Đào tạo ", "Sở Giáo dục và Đào tạo "):
        if name.startswith(words):
            return name[len(words) :].strip()
    return ""


def head_title(unit: Unit) -> str:
    """The signer's title in capitals: HIỆU TRƯỞNG, GIÁM ĐỐC (a GDTX centre, a Sở), TRƯỞNG PHÒNG
    (a Phòng, a commune's acting office), CHỦ TỊCH (a commune writing in its own name)."""
    titles = {
        Unit.Kind.MINISTRY: "BỘ TRƯỞNG",
        Unit.Kind.DEPARTMENT: "GIÁM ĐỐC",
        Unit.Kind.DISTRICT: "TRƯỞNG PHÒNG",
    }
    if unit.kind in titles:
        return titles[unit.kind]
    if unit.kind == Unit.Kind.COMMUNE:
        return "TRƯỞNG PHÒNG" if unit.acting_office.startswith("Phòng") else "CHỦ TỊCH"
    return "GIÁM ĐỐC" if unit.institution_type == Unit.InstitutionType.GDTX else "HIỆU TRƯỞNG"
