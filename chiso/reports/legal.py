"""The legal texts documents cite as their basis ("Căn cứ …"): the charter of each kind of
institution and office, the Ministry's yearly guidance on IT and digital transformation.

The charters in force (Bộ Giáo dục và Đào tạo): Điều lệ trường mầm non (Thông tư 52/2020), Điều lệ
trường tiểu học (Thông tư 28/2020), Điều lệ trường THCS, THPT và trường phổ thông có nhiều cấp học
(Thông tư 32/2020), Quy chế tổ chức và hoạt động của trung tâm GDTX (Thông tư 10/2021); the
functions of a Sở and a Phòng (Thông tư 12/2020/TT-BGDĐT).
"""

from __future__ import annotations

from chiso.units.models import Unit

CHARTERS = {
    "MN": "Thông tư số 52/2020/TT-BGDĐT ngày 31 tháng 12 năm 2020 của Bộ trưởng Bộ Giáo dục và "
    "Đào tạo ban hành Điều lệ trường mầm non",
    "TH": "Thông tư số 28/2020/TT-BGDĐT ngày 04 tháng 9 năm 2020 của Bộ trưởng Bộ Giáo dục và "
    "Đào tạo ban hành Điều lệ trường tiểu học",
    "SECONDARY": "Thông tư số 32/2020/TT-BGDĐT ngày 15 tháng 9 năm 2020 của Bộ trưởng Bộ Giáo dục "
    "và Đào tạo ban hành Điều lệ trường trung học cơ sở, trường trung học phổ thông và trường phổ "
    "thông có nhiều cấp học",
    "GDTX": "Thông tư số 10/2021/TT-BGDĐT ngày 05 tháng 4 năm 2021 của Bộ trưởng Bộ Giáo dục và "
    "Đào tạo ban hành Quy chế tổ chức và hoạt động của trung tâm giáo dục thường xuyên",
    "OFFICE": "Thông tư số 12/2020/TT-BGDĐT ngày 22 tháng 5 năm 2020 của Bộ trưởng Bộ Giáo dục và "
    "Đào tạo hướng dẫn chức năng, nhiệm vụ, quyền hạn của Sở Giáo dục và Đào tạo, Phòng Giáo dục "
    "và Đào tạo",
}


def charter(unit: Unit) -> str:
    """The charter (or the functions' circular) the unit's head acts under."""
    if unit.kind != Unit.Kind.INSTITUTION:
        return CHARTERS["OFFICE"]
    kind = unit.institution_type
    if kind in ("MN", "TH", "GDTX"):
        return CHARTERS[kind]
    return CHARTERS["SECONDARY"]  # THCS, THPT, TH_THCS, THCS_THPT, LIEN_CAP
