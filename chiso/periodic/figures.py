"""Figures and tables a report outline can use, computed from the data of a unit's subtree: one
vocabulary for an office's periodic reports (S3) and an institution's yearly report on its
office's outline (S4).

An institution's figures are its own; an office's are over the institutions below it (S3: "17
trường", "02 trường đạt mức độ 3", materials per school level, shares using e-transcripts …).
The figures of an institution's own records (its plan, its report figures, its IT inventory)
are read for the school year of the report's campaign.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from chiso.assessments import scoring, tally
from chiso.assessments.models import Assessment, Campaign
from chiso.evidence.models import Evidence
from chiso.inventory import actions as inventory_actions
from chiso.plans import actions as plan_actions
from chiso.plans.models import Figures, Plan
from chiso.reports import data as report_data
from chiso.reports import docx_export as report_docx
from chiso.reports import layout
from chiso.rubric import wording
from chiso.units.models import Unit, tree_order

RECOGNISED = (Assessment.Status.RECOGNISED, Assessment.Status.PUBLISHED)
DONE = (Assessment.Status.SUBMITTED, *RECOGNISED)


@dataclass
class Scope:
    """What a report speaks for. An office's figures follow the offices' one rule (tally.py):
    every unit of the campaign's scope in the denominators, results counted on `basis`."""

    unit: Unit
    campaign: Campaign | None
    period: str = ""
    institutions: list[Unit] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    basis: str = tally.DEFAULT_BASIS
    entries: list[tally.Entry] = field(default_factory=list)
    counts: tally.Tally | None = None

    @property
    def recognised(self) -> list[Assessment]:
        return [a for a in self.assessments if a.status in RECOGNISED]

    @property
    def counted(self) -> list[Assessment]:
        """The results an office's figures count (its institutions'); an institution's own."""
        if self.unit.kind == Unit.Kind.INSTITUTION:
            return self.assessments
        return [e.assessment for e in self.entries if e.counted and e.assessment is not None]

    @property
    def school_year(self) -> str:
        return self.campaign.school_year if self.campaign else ""

    @cached_property
    def own(self) -> Assessment | None:
        """The unit's own assessment (an institution's yearly report speaks of it)."""
        return next((a for a in self.assessments if a.unit_id == self.unit.pk), None)

    @cached_property
    def records(self) -> Figures:
        """The unit's report figures of the year (training, signatures, statistics, fees)."""
        return plan_actions.figures_for(self.unit, self.school_year)

    @cached_property
    def plan(self) -> Plan:
        return plan_actions.plan_for(self.unit, self.school_year)

    @cached_property
    def inventory_lines(self) -> list[Any]:
        inventory = inventory_actions.inventory_for(self.unit, self.school_year)
        return inventory_actions.lines_of(inventory) if inventory.pk else []


def scope_for(
    unit: Unit, campaign: Campaign | None, period: str = "", basis: str = tally.DEFAULT_BASIS
) -> Scope:
    """The units a report speaks for, and their assessments in the campaign: an institution
    itself; an office the units its campaign assesses (tally.py, not started included)."""
    basis = tally.parse_basis(basis)
    if unit.kind == Unit.Kind.INSTITUTION or campaign is None:
        institutions = (
            [unit]
            if unit.kind == Unit.Kind.INSTITUTION
            else sorted(
                Unit.objects.filter(
                    path__startswith=unit.path, kind=Unit.Kind.INSTITUTION, is_active=True
                ),
                key=tree_order,
            )
        )
        assessments: list[Assessment] = []
        if campaign is not None:
            assessments = sorted(
                Assessment.objects.filter(
                    campaign=campaign, unit__in=[u.pk for u in institutions]
                ).select_related("unit"),
                key=lambda a: tree_order(a.unit),
            )
        return Scope(unit, campaign, period, institutions, assessments, basis)
    entries = tally.office_entries(unit, campaign, basis)
    return Scope(
        unit,
        campaign,
        period,
        [e.unit for e in entries],
        [e.assessment for e in entries if e.assessment is not None],
        basis,
        entries,
        tally.office_tally(unit, campaign, basis),
    )


def _n(value: Any) -> str:
    return wording.number(value) if value is not None else "—"


def _share(part: int, whole: int) -> str:
    return wording.ratio_percent(part, whole) if whole else "—"


def _fact_share(fact: str) -> Callable[[Scope], str]:
    """ "12/13 cơ sở (92,3%)": of the counted results that answer, those that say yes."""

    def compute(scope: Scope) -> str:
        answered = [a for a in scope.counted if fact in a.facts]
        yes = sum(1 for a in answered if a.facts[fact] is True)
        return tally.share_text(yes, len(answered), "cơ sở")

    return compute


def _fact_sum(fact: str, types: tuple[str, ...] = ()) -> Callable[[Scope], str]:
    def compute(scope: Scope) -> str:
        values = [
            a.facts.get(fact)
            for a in scope.counted
            if not types or a.unit.institution_type in types
        ]
        return _n(sum(v for v in values if isinstance(v, int) and not isinstance(v, bool)))

    return compute


def _level_count(level: int) -> Callable[[Scope], str]:
    return lambda s: _n(sum(1 for a in s.counted if a.overall_level == level))


def _level_names(level: int) -> Callable[[Scope], str]:
    def compute(scope: Scope) -> str:
        names = [
            a.unit.short_name or a.unit.name for a in scope.counted if a.overall_level == level
        ]
        return ", ".join(names) or "không có"

    return compute


def _levels_in_words(scope: Scope) -> str:
    """Every level with its count, the highest first, the names at Mức độ 3 (S3), and the
    schools not yet recognised: "có 3 trường đạt mức độ 3 (A, B, C), 1 trường đạt mức độ 2,
    2 trường đạt mức độ 1" — no level left out."""
    recognised = scope.recognised
    if not recognised:
        return "chưa có trường nào được công nhận mức độ chuyển đổi số"
    parts = []
    for level in (3, 2, 1):
        count = sum(1 for a in recognised if a.overall_level == level)
        names = _level_names(level)(scope) if level == 3 and count else ""
        parts.append(f"{_n(count)} trường đạt mức độ {level}" + (f" ({names})" if names else ""))
    unlevelled = sum(1 for a in recognised if a.overall_level not in (1, 2, 3))
    if unlevelled:
        parts.append(f"{_n(unlevelled)} trường chưa xếp được mức")
    waiting = len(scope.institutions) - len(recognised)
    if waiting > 0:
        parts.append(f"{_n(waiting)} trường chưa được công nhận")
    return "có " + ", ".join(parts)


def _trained(scope: Scope) -> str:
    total = sum(int(a.facts.get("teachers_total") or 0) for a in scope.counted)
    trained = sum(int(a.facts.get("teachers_with_training_account") or 0) for a in scope.counted)
    return f"{trained}/{total} ({_share(trained, total)})" if total else "—"


def _levels_sentence(scope: Scope) -> str:
    """Every level named, adding up: "6/10 cơ sở được tính: 3 đạt mức độ 1, …"."""
    if scope.counts is not None:
        return scope.counts.overall.sentence()
    line = tally.Line("", basis=scope.basis, total=len(scope.institutions))
    for a in scope.assessments:
        line.statuses[a.status] += 1
        if a in scope.counted and a.overall_level in tally.LEVELS:
            line.levels["overall_level"][a.overall_level] += 1
    return line.sentence()


def _own(attribute: str) -> Callable[[Scope], str]:
    def compute(scope: Scope) -> str:
        return _n(getattr(scope.own, attribute)) if scope.own is not None else "—"

    return compute


def _own_fact(fact: str) -> Callable[[Scope], str]:
    """An institution's own yes/no answer, in words."""

    def compute(scope: Scope) -> str:
        value = scope.own.facts.get(fact) if scope.own is not None else None
        return "có" if value is True else "không" if value is False else "chưa nhập"

    return compute


def _plan_number(scope: Scope) -> str:
    """ "Kế hoạch số 15/KH-THHĐ ngày 05 tháng 9 năm 2026", the symbol as the plan prints it."""
    plan = scope.plan
    if not plan.pk or not plan.number:
        return "chưa ban hành"
    number = (
        plan.number if "/" in plan.number else f"{plan.number}/KH-{layout.symbol_for(scope.unit)}"
    )
    issued = f" {wording.long_date(plan.issued_on)}" if plan.issued_on else ""
    return f"Kế hoạch số {number}{issued}"


# "Kế hoạch số 45/KH-THHĐ ngày 05/9/2026": what a cited document's description must hold.
NUMBERED = re.compile(r"\bsố\s*\S*\d", re.IGNORECASE)


def _cited(scope: Scope, target: str) -> list[str]:
    """The descriptions of the institution's evidence on one criterion that cite a document by
    its number ("Kế hoạch số 45/KH-THHĐ ngày 05/9/2026")."""
    if scope.own is None:
        return []
    titles = Evidence.objects.filter(assessment=scope.own, target_id=target).values_list(
        "title", flat=True
    )
    return [t.strip().rstrip(".;") for t in titles if t and NUMBERED.search(t)]


def _issued_document(fact: str, target: str, kind: str) -> Callable[[Scope], str]:
    """The number and date of a document the index asks about (the online teaching plan, its
    regulation), from the evidence that cites it; a blank to complete when the institution
    has one but no evidence gives its number; never a bare "có"."""

    def compute(scope: Scope) -> str:
        cited = _cited(scope, target)
        if cited:
            return "; ".join(cited)
        value = scope.own.facts.get(fact) if scope.own is not None else None
        if value is True:
            return f"{kind} số ……/……… ngày …… tháng …… năm ……"
        return "chưa ban hành" if value is False else "chưa nhập"

    return compute


def _lms(scope: Scope) -> str:
    """ "có (K12Online)", "không"."""
    value = scope.own.facts.get("lms_deployed") if scope.own is not None else None
    if value is not True:
        return "không" if value is False else "chưa nhập"
    name = _lms_name(scope)
    return f"có ({name})" if name != "—" else "có (tên giải pháp: ………………)"


def _lms_name(scope: Scope) -> str:
    line = next(
        (x for x in scope.inventory_lines if x.entry.fact == "lms_deployed" and x.available), None
    )
    return (line.product or line.link) if line is not None and (line.product or line.link) else "—"


def _statistics_reports(scope: Scope) -> str:
    timing = plan_actions.REPORT_TIMING
    records = scope.records
    return f"kỳ đầu năm: {timing[records.stats_start]}; kỳ cuối năm: {timing[records.stats_end]}"


def _software(scope: Scope) -> str:
    lines = [x.strip() for x in scope.records.software.splitlines() if x.strip()]
    return "; ".join(lines) or "—"


def _signatures(scope: Scope) -> str:
    count = scope.records.digital_signatures
    return "—" if count is None else f"{count} giáo viên"


def _self_assessment_papers(scope: Scope) -> str:
    """The council's decision, its minutes and the approval, as the assessment records them."""
    own = scope.own
    if own is None:
        return "—"
    parts = []
    if own.council_decision_number:
        parts.append(
            f"Quyết định thành lập Hội đồng số {own.council_decision_number}{_on(own.council_decision_date)}"
        )
    if own.minutes_date:
        parts.append(f"biên bản họp Hội đồng{_on(own.minutes_date)}")
    if own.approval_decision_number:
        parts.append(
            f"Quyết định phê duyệt kết quả số {own.approval_decision_number}{_on(own.approval_decision_date)}"
        )
    return "; ".join(parts) or "chưa ghi trong bản đánh giá"


def _on(day: Any) -> str:
    return f" {wording.long_date(day)}" if day else ""


def _own_result(scope: Scope) -> str:
    """The institution's result as it counts (recognised figures once recognised), an unmet
    mandatory condition and what it does to the level in words."""
    if scope.own is None:
        return "—"
    card = scoring.effective_scorecard(scope.own)
    framework = scoring.framework_for(scope.own)
    return " ".join(report_docx.group_result_line(framework, g) for g in card.groups)


def _answers_table(scope: Scope) -> Table:
    """S0's «Nội dung / Trả lời» table of the institution's own results."""
    if scope.own is None:
        return Table(["Nội dung", "Trả lời"], [])
    rows = report_docx.answer_rows(report_data.assessment_document(scope.own))
    return Table(["Nội dung", "Trả lời"], [[label, answer] for label, answer in rows])


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
        lambda s: tally.share_text(len(s.recognised), len(s.institutions), "cơ sở"),
    ),
    "so_duoc_tinh": (
        "Số cơ sở có kết quả được tính / tổng số cơ sở",
        lambda s: f"{_n(len(s.counted))}/{_n(len(s.institutions))} cơ sở",
    ),
    "cau_muc_do": (
        "Câu nêu đủ các mức (mức chung): số được tính, số đạt từng mức",
        _levels_sentence,
    ),
    "cach_tinh": ("Cách tính số liệu (kết quả nào được tính)", lambda s: tally.basis_note(s.basis)),
    "so_muc_1": ("Số cơ sở đạt mức độ 1 (mức chung)", _level_count(1)),
    "so_muc_2": ("Số cơ sở đạt mức độ 2 (mức chung)", _level_count(2)),
    "so_muc_3": ("Số cơ sở đạt mức độ 3 (mức chung)", _level_count(3)),
    "ds_muc_3": ("Tên các cơ sở đạt mức độ 3", _level_names(3)),
    "ds_theo_muc": (
        "Số trường theo từng mức độ (đủ cả mức 3, 2, 1; tên trường mức 3; số chưa công nhận)",
        _levels_in_words,
    ),
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
    "so_ke_hoach": ("Số hiệu, ngày ban hành kế hoạch ứng dụng CNTT, CĐS", _plan_number),
    "so_ke_hoach_truc_tuyen": (
        "Số hiệu, ngày ban hành kế hoạch dạy học trực tuyến (từ minh chứng tiêu chí 1.1)",
        _issued_document("online_teaching_plan", "1.1", "Kế hoạch"),
    ),
    "so_quy_che_truc_tuyen": (
        "Số hiệu, ngày ban hành quy chế dạy học trực tuyến (từ minh chứng tiêu chí 1.2)",
        _issued_document("online_teaching_regulation", "1.2", "Quyết định"),
    ),
    "lms": ("Hệ thống LMS của đơn vị: có (tên giải pháp) hoặc không", _lms),
    "ten_lms": ("Tên hệ thống LMS đang dùng (theo hiện trạng CNTT)", _lms_name),
    "bao_cao_thong_ke": ("Báo cáo thống kê kỳ đầu năm, kỳ cuối năm", _statistics_reports),
    "ty_le_hs_khong_tien_mat": (
        "Tỉ lệ học sinh nộp các khoản thu không dùng tiền mặt",
        lambda s: plan_actions.cashless_share(s.records),
    ),
    "phan_mem": ("Phần mềm đang dùng và đơn vị cung cấp", _software),
    "chu_ky_so": ("Số giáo viên được cấp chữ ký số", _signatures),
    "van_ban_tu_danh_gia": (
        "Quyết định thành lập Hội đồng, biên bản, quyết định phê duyệt kết quả tự đánh giá",
        _self_assessment_papers,
    ),
    "ket_qua_tu_danh_gia": ("Kết quả đánh giá của đơn vị (điểm, mức từng nhóm)", _own_result),
    "diem_nhom_1": ("Điểm nhóm 1 của đơn vị (báo cáo của cơ sở)", _own("group1_points")),
    "diem_nhom_2": ("Điểm nhóm 2 của đơn vị (báo cáo của cơ sở)", _own("group2_points")),
    "muc_nhom_1": ("Mức nhóm 1 của đơn vị", _own("group1_level")),
    "muc_nhom_2": ("Mức nhóm 2 của đơn vị", _own("group2_level")),
}


def values(scope: Scope, names: set[str] | None = None) -> dict[str, str]:
    """The figures named (all when `names` is None), as text."""
    return {
        key: compute(scope)
        for key, (_, compute) in FIGURES.items()
        if names is None or key in names
    }


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
    counted = scope.counted
    whole = f"{len(counted)}/{len(scope.institutions)}"
    for attribute, label in groups:
        row = [label, whole]
        for level in (1, 2, 3):
            count = sum(1 for a in counted if getattr(a, attribute) == level)
            row += [str(count), _share(count, len(counted))]
        rows.append(row)
    header = ["Nhóm tiêu chí", "Được tính / số cơ sở", "Mức độ 1", "Tỷ lệ", "Mức độ 2", "Tỷ lệ"]
    header += ["Mức độ 3", "Tỷ lệ"]
    return Table(header, rows)


def _materials_table(scope: Scope) -> Table:
    labels = dict(Unit.InstitutionType.choices)
    totals: dict[str, int] = {}
    for a in scope.counted:
        value = a.facts.get("approved_digital_materials")
        if isinstance(value, int) and not isinstance(value, bool):
            totals[a.unit.institution_type] = totals.get(a.unit.institution_type, 0) + value
    rows = [[str(labels.get(k, k)), _n(v)] for k, v in sorted(totals.items())]
    rows.append(["Tổng", _n(sum(totals.values()))])
    return Table(["Cấp học", "Học liệu số đã phê duyệt"], rows)


def _units_table(scope: Scope) -> Table:
    """Every unit of the scope with its state (what is not final says so); the points and level
    of the results that count."""
    entries = scope.entries or [tally.Entry(a.unit, a, a.status, True) for a in scope.assessments]
    rows = []
    for n, e in enumerate(entries, start=1):
        a = e.assessment if e.counted else None
        rows.append(
            [
                str(n),
                e.unit.name,
                e.status_text,
                _n(a.group1_points) if a else "—",
                _n(a.group2_points) if a else "—",
                str(a.overall_level or "—") if a else "—",
            ]
        )
    return Table(["STT", "Đơn vị", "Trạng thái", "Điểm nhóm 1", "Điểm nhóm 2", "Mức chung*"], rows)


def _training_table(scope: Scope) -> Table:
    rows = [
        [label, "" if count is None else str(count), share]
        for _key, label, count, share in plan_actions.training_rows(scope.records)
    ]
    return Table(["Nội dung", "Số lượng", "Tỉ lệ"], rows)


def _inventory_table(scope: Scope) -> Table:
    if not scope.inventory_lines:
        return Table(["Nội dung", "Số lượng"], [])
    t = inventory_actions.totals(scope.inventory_lines)
    rows = [
        ["Phần mềm và ứng dụng đang sử dụng", f"{t.apps_in_use:02d}"],
        ["Phần mềm và ứng dụng cần được trang bị nhưng còn thiếu", f"{t.apps_missing:02d}"],
        ["Trang thiết bị CNTT và hạ tầng đã có", f"{t.equipment_present:02d}"],
        ["Trang thiết bị CNTT và hạ tầng còn thiếu cần bổ sung", f"{t.equipment_missing:02d}"],
    ]
    return Table(["Nội dung", "Số lượng"], rows)


TABLES: dict[str, tuple[str, Callable[[Scope], Table]]] = {
    "thong_ke_muc_do": ("Số và tỷ lệ cơ sở theo mức độ (kết quả được tính)", _levels_table),
    "hoc_lieu_theo_cap": ("Học liệu số theo cấp học", _materials_table),
    "ket_qua_tung_don_vi": ("Kết quả của từng cơ sở", _units_table),
    "tap_huan": ("Tập huấn, bồi dưỡng giáo viên theo nội dung (số lượng, tỉ lệ)", _training_table),
    "noi_dung_tra_loi": (
        "Một số kết quả cụ thể (Nội dung / Trả lời) của đơn vị",
        _answers_table,
    ),
    "hien_trang_cntt": (
        "Phần mềm, thiết bị đang có và còn thiếu (hiện trạng CNTT)",
        _inventory_table,
    ),
}
