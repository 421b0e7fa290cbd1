"""Figures and tables a report outline can use, computed from the data of a unit's subtree.

An institution's figures are its own; an office's are over the institutions below it (S3: "17
trường", "02 trường đạt mức độ 3", materials per school level, shares using e-transcripts …).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chiso.assessments.models import Assessment, Campaign
from chiso.rubric import wording
from chiso.units.models import Unit

RECOGNISED = (Assessment.Status.RECOGNISED, Assessment.Status.PUBLISHED)
DONE = (Assessment.Status.SUBMITTED, *RECOGNISED)


@dataclass
class Scope:
    unit: Unit
    campaign: Campaign | None
    period: str = ""
    institutions: list[Unit] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)

    @property
    def recognised(self) -> list[Assessment]:
        return [a for a in self.assessments if a.status in RECOGNISED]


def scope_for(unit: Unit, campaign: Campaign | None, period: str = "") -> Scope:
    """The institutions a report speaks for, and their assessments in the campaign (2 queries)."""
    if unit.kind == Unit.Kind.INSTITUTION:
        institutions = [unit]
    else:
        institutions = list(
            Unit.objects.filter(
                path__startswith=unit.path, kind=Unit.Kind.INSTITUTION, is_active=True
            ).order_by("path")
        )
    assessments: list[Assessment] = []
    if campaign is not None:
        assessments = list(
            Assessment.objects.filter(campaign=campaign, unit__in=[u.pk for u in institutions])
            .select_related("unit")
            .order_by("unit__path")
        )
    return Scope(unit, campaign, period, institutions, assessments)


def _n(value: Any) -> str:
    return wording.number(value) if value is not None else "—"


def _share(part: int, whole: int) -> str:
    return wording.ratio_percent(part, whole) if whole else "—"


def _fact_share(fact: str) -> Callable[[Scope], str]:
    def compute(scope: Scope) -> str:
        answered = [a for a in scope.assessments if fact in a.facts]
        return _share(sum(1 for a in answered if a.facts[fact] is True), len(answered))

    return compute


def _fact_sum(fact: str, types: tuple[str, ...] = ()) -> Callable[[Scope], str]:
    def compute(scope: Scope) -> str:
        values = [
            a.facts.get(fact)
            for a in scope.assessments
            if not types or a.unit.institution_type in types
        ]
        return _n(sum(v for v in values if isinstance(v, int) and not isinstance(v, bool)))

    return compute


def _level_count(level: int) -> Callable[[Scope], str]:
    return lambda s: _n(sum(1 for a in s.recognised if a.overall_level == level))


def _level_names(level: int) -> Callable[[Scope], str]:
    def compute(scope: Scope) -> str:
        names = [
            a.unit.short_name or a.unit.name for a in scope.recognised if a.overall_level == level
        ]
        return ", ".join(names) or "không có"

    return compute


def _trained(scope: Scope) -> str:
    total = sum(int(a.facts.get("teachers_total") or 0) for a in scope.assessments)
    trained = sum(
        int(a.facts.get("teachers_with_training_account") or 0) for a in scope.assessments
    )
    return f"{trained}/{total} ({_share(trained, total)})" if total else "—"


def _own(attribute: str) -> Callable[[Scope], str]:
    def compute(scope: Scope) -> str:
        own = next((a for a in scope.assessments if a.unit_id == scope.unit.pk), None)
        return _n(getattr(own, attribute)) if own is not None else "—"

    return compute


def _own_fact(fact: str) -> Callable[[Scope], str]:
    """An institution's own yes/no answer, in words."""

    def compute(scope: Scope) -> str:
        own = next((a for a in scope.assessments if a.unit_id == scope.unit.pk), None)
        value = own.facts.get(fact) if own is not None else None
        return "có" if value is True else "không" if value is False else "chưa nhập"

    return compute


# key → (label, computation). Labels are what the outline editor lists.
FIGURES: dict[str, tuple[str, Callable[[Scope], str]]] = {
    "don_vi": ("Tên đơn vị", lambda s: s.unit.name),
    "nam_hoc": (
        "Năm học của đợt đánh giá",
        lambda s: s.campaign.school_year if s.campaign else "—",
    ),
    "ky_bao_cao": ("Kỳ báo cáo (ví dụ: tháng 02/2025)", lambda s: s.period or "—"),
    "so_co_so": ("Số cơ sở giáo dục", lambda s: _n(len(s.institutions))),
    "so_da_nop": (
        "Số cơ sở đã nộp tự đánh giá",
        lambda s: _n(sum(1 for a in s.assessments if a.status in DONE)),
    ),
    "so_cong_nhan": ("Số cơ sở được công nhận kết quả", lambda s: _n(len(s.recognised))),
    "ty_le_cong_nhan": (
        "Tỷ lệ cơ sở được công nhận kết quả",
        lambda s: _share(len(s.recognised), len(s.institutions)),
    ),
    "so_muc_1": ("Số cơ sở đạt mức độ 1 (mức chung)", _level_count(1)),
    "so_muc_2": ("Số cơ sở đạt mức độ 2 (mức chung)", _level_count(2)),
    "so_muc_3": ("Số cơ sở đạt mức độ 3 (mức chung)", _level_count(3)),
    "ds_muc_3": ("Tên các cơ sở đạt mức độ 3", _level_names(3)),
    "hoc_lieu_so": ("Số học liệu số đã được phê duyệt", _fact_sum("approved_digital_materials")),
    "hoc_lieu_so_mn": (
        "Học liệu số của các trường mầm non",
        _fact_sum("approved_digital_materials", ("MN",)),
    ),
    "hoc_lieu_so_th": (
        "Học liệu số cấp tiểu học",
        _fact_sum("approved_digital_materials", ("TH", "TH_THCS")),
    ),
    "hoc_lieu_so_thcs": (
        "Học liệu số cấp THCS",
        _fact_sum("approved_digital_materials", ("THCS", "THCS_THPT")),
    ),
    "hoc_lieu_so_thpt": (
        "Học liệu số cấp THPT",
        _fact_sum("approved_digital_materials", ("THPT",)),
    ),
    "giao_vien_tap_huan": ("Giáo viên có tài khoản tập huấn / tổng số (tỷ lệ)", _trained),
    "ty_le_lms": ("Tỷ lệ cơ sở triển khai hệ thống LMS", _fact_share("lms_deployed")),
    "ty_le_thi_tren_may": (
        "Tỷ lệ cơ sở kiểm tra, đánh giá trên máy tính",
        _fact_share("computer_room_exams"),
    ),
    "ty_le_so_diem": ("Tỷ lệ cơ sở dùng sổ điểm điện tử", _fact_share("e_gradebook")),
    "ty_le_hoc_ba_so": ("Tỷ lệ cơ sở dùng học bạ điện tử", _fact_share("e_transcript")),
    "ty_le_khong_tien_mat": (
        "Tỷ lệ cơ sở thu phí không dùng tiền mặt",
        _fact_share("cashless_fees"),
    ),
    "ty_le_tuyen_sinh": (
        "Tỷ lệ cơ sở tuyển sinh đầu cấp trực tuyến",
        _fact_share("online_admission"),
    ),
    "ty_le_csdl_nganh": (
        "Tỷ lệ cơ sở trao đổi dữ liệu với CSDL ngành",
        _fact_share("sector_db_exchange"),
    ),
    "co_ke_hoach_truc_tuyen": (
        "Đơn vị có kế hoạch dạy học trực tuyến (có/không)",
        _own_fact("online_teaching_plan"),
    ),
    "co_lms": ("Đơn vị triển khai hệ thống LMS (có/không)", _own_fact("lms_deployed")),
    "co_thi_tren_may": (
        "Đơn vị kiểm tra, đánh giá trên máy tính (có/không)",
        _own_fact("computer_room_exams"),
    ),
    "co_so_diem": ("Đơn vị dùng sổ điểm điện tử (có/không)", _own_fact("e_gradebook")),
    "co_hoc_ba_so": ("Đơn vị dùng học bạ điện tử (có/không)", _own_fact("e_transcript")),
    "co_khong_tien_mat": (
        "Đơn vị thu phí không dùng tiền mặt (có/không)",
        _own_fact("cashless_fees"),
    ),
    "diem_nhom_1": ("Điểm nhóm 1 của đơn vị (báo cáo của cơ sở)", _own("group1_points")),
    "diem_nhom_2": ("Điểm nhóm 2 của đơn vị (báo cáo của cơ sở)", _own("group2_points")),
    "muc_nhom_1": ("Mức nhóm 1 của đơn vị", _own("group1_level")),
    "muc_nhom_2": ("Mức nhóm 2 của đơn vị", _own("group2_level")),
}


def values(scope: Scope) -> dict[str, str]:
    return {key: compute(scope) for key, (_, compute) in FIGURES.items()}


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


def _levels_table(scope: Scope) -> Table:
    rows = []
    groups = (
        ("group1_level", "Nhóm 1: Chuyển đổi số trong dạy, học"),
        ("group2_level", "Nhóm 2: Chuyển đổi số trong quản trị"),
        ("overall_level", "Mức chung*"),
    )
    counted = scope.recognised
    for attribute, label in groups:
        row = [label]
        for level in (1, 2, 3):
            count = sum(1 for a in counted if getattr(a, attribute) == level)
            row += [str(count), _share(count, len(counted))]
        rows.append(row)
    header = ["Nhóm tiêu chí", "Mức độ 1", "Tỷ lệ", "Mức độ 2", "Tỷ lệ", "Mức độ 3", "Tỷ lệ"]
    return Table(header, rows)


def _materials_table(scope: Scope) -> Table:
    labels = dict(Unit.InstitutionType.choices)
    totals: dict[str, int] = {}
    for a in scope.assessments:
        value = a.facts.get("approved_digital_materials")
        if isinstance(value, int) and not isinstance(value, bool):
            totals[a.unit.institution_type] = totals.get(a.unit.institution_type, 0) + value
    rows = [[str(labels.get(k, k)), _n(v)] for k, v in sorted(totals.items())]
    rows.append(["Tổng", _n(sum(totals.values()))])
    return Table(["Cấp học", "Học liệu số đã phê duyệt"], rows)


def _units_table(scope: Scope) -> Table:
    rows = []
    for n, a in enumerate(scope.assessments, start=1):
        rows.append(
            [
                str(n),
                a.unit.name,
                a.get_status_display(),
                _n(a.group1_points),
                _n(a.group2_points),
                str(a.overall_level or "—"),
            ]
        )
    return Table(["STT", "Đơn vị", "Trạng thái", "Điểm nhóm 1", "Điểm nhóm 2", "Mức chung*"], rows)


TABLES: dict[str, tuple[str, Callable[[Scope], Table]]] = {
    "thong_ke_muc_do": ("Số và tỷ lệ cơ sở theo mức độ (đã công nhận)", _levels_table),
    "hoc_lieu_theo_cap": ("Học liệu số theo cấp học", _materials_table),
    "ket_qua_tung_don_vi": ("Kết quả của từng cơ sở", _units_table),
}
