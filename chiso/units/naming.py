"""How a unit is named in official documents (Nghị định 30/2020): governing body and head's title."""

from __future__ import annotations

from chiso.units.models import Unit

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


def governing_body(unit: Unit) -> str:
    """The line above the unit's name in a document header: the People's Committee an office
    belongs to (a Phòng to its district, a Sở to its province), the office above an institution."""
    if unit.kind == Unit.Kind.DISTRICT:
        tail = _after_office_words(unit.name)
        if tail.lower().startswith(DISTRICT_WORDS):
            return f"Ủy ban nhân dân {tail}"
    if unit.kind == Unit.Kind.DEPARTMENT:
        place = unit.place or _after_office_words(unit.name)
        if place:
            kind = "thành phố" if place in CENTRAL_CITIES else "tỉnh"
            return f"Ủy ban nhân dân {kind} {place}"
    parent = unit.parent
    return parent.name if parent else ""


def _after_office_words(name: str) -> str:
    for words in ("Phòng Giáo dục và Đào tạo ", "Sở Giáo dục và Đào tạo "):
        if name.startswith(words):
            return name[len(words) :].strip()
    return ""


def head_title(unit: Unit) -> str:
    """The signer's title in capitals: HIỆU TRƯỞNG, GIÁM ĐỐC (a GDTX centre, a Sở), TRƯỞNG PHÒNG."""
    titles = {
        Unit.Kind.MINISTRY: "BỘ TRƯỞNG",
        Unit.Kind.DEPARTMENT: "GIÁM ĐỐC",
        Unit.Kind.DISTRICT: "TRƯỞNG PHÒNG",
    }
    if unit.kind in titles:
        return titles[unit.kind]
    return "GIÁM ĐỐC" if unit.institution_type == Unit.InstitutionType.GDTX else "HIỆU TRƯỞNG"
