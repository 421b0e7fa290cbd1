"""The plan as DOCX in the NĐ 30/2020 layout, section by section as seed S1: the bases
("Căn cứ …"), purpose and requirements, the current state (staffing, the IT inventory, the
scoring table on the index), strengths and weaknesses, the focus, the targets per criterion, the
tasks with who and by when, the solutions, the organisation and reporting duties, the closing,
"Nơi nhận" and the head's signature with name. For an institution and an office alike."""

from __future__ import annotations

from typing import Any

from chiso.assessments import scoring
from chiso.assessments.actions import previous_assessment
from chiso.inventory import actions as inventory_actions
from chiso.inventory.models import Kind
from chiso.plans import actions
from chiso.plans.models import Plan
from chiso.reports import data as report_data
from chiso.reports import docx_export, layout, signing
from chiso.rubric import wording
from chiso.units import naming

# S1's headings, in order (the structural test reads them).
HEADINGS = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. THỰC TRẠNG ỨNG DỤNG CÔNG NGHỆ THÔNG TIN, CHUYỂN ĐỔI SỐ",
    "III. NHIỆM VỤ TRỌNG TÂM",
    "IV. MỘT SỐ GIẢI PHÁP CƠ BẢN",
    "V. TỔ CHỨC THỰC HIỆN",
]


def render_plan_docx(plan: Plan, *, path_groups: Any = (), framework: Any = None) -> bytes:
    """Kế hoạch thực hiện nhiệm vụ ứng dụng CNTT, chuyển đổi số of one unit and year."""
    unit, year = plan.unit, plan.school_year
    texts = plan.sections or {}
    assessment = actions.assessment_of(unit, year)
    document = layout.new_document()
    issuer = naming.issuer(unit, school_year=year)
    layout.header(
        document,
        governing_body=issuer.governing_body,
        unit_name=issuer.name,
        number=layout.number_line("KH", unit, plan.number),
        place=unit.place or (unit.parent.place if unit.parent_id else ""),
        day=plan.issued_on,
    )
    layout.title(
        document,
        "KẾ HOẠCH",
        f"Thực hiện nhiệm vụ ứng dụng công nghệ thông tin, chuyển đổi số năm học {year}",
    )
    for line in _lines(texts.get("bases", "")):
        layout.paragraph(document, line, italic=True, indent=True, space_after=2)
    layout.paragraph(
        document,
        f"{unit.name} xây dựng Kế hoạch thực hiện nhiệm vụ ứng dụng công nghệ thông tin, chuyển "
        f"đổi số năm học {year} cụ thể như sau:",
        indent=True,
    )
    layout.heading(document, HEADINGS[0])
    layout.heading(document, "1. Mục đích", 2)
    layout.text_block(document, plan.purpose, placeholder=layout.BLANK)
    layout.heading(document, "2. Yêu cầu", 2)
    layout.text_block(document, texts.get("requirements", ""), placeholder=layout.BLANK)

    layout.heading(document, HEADINGS[1])
    layout.heading(document, "1. Thực trạng", 2)
    layout.text_block(document, plan.situation)
    layout.paragraph(document, "1.1. Nguồn nhân lực", 13, bold=True, italic=True)
    staffing = _staffing(plan)
    for line in staffing:
        layout.paragraph(document, f"- {line}", indent=True, space_after=2)
    layout.text_block(
        document, texts.get("staffing", ""), placeholder="" if staffing else layout.BLANK
    )
    layout.paragraph(
        document, "1.2. Ứng dụng CNTT, trang thiết bị và hạ tầng", 13, bold=True, italic=True
    )
    _inventory(document, plan)
    scored = _scored(assessment)
    if scored is not None:
        framework_used = scoring.framework_for(scored)
        decision = framework_used.decision
        layout.paragraph(
            document,
            f"1.3. Mức độ chuyển đổi số năm học {scored.campaign.school_year} theo Bộ chỉ số ban "
            f"hành kèm theo Quyết định số {decision.number}",
            13,
            bold=True,
            italic=True,
        )
        doc = report_data.assessment_document(scored)
        docx_export.results_table(document, doc)
        layout.paragraph(document, "", space_after=0)
        levels = [docx_export.group_result_line(framework_used, g) for g in doc.card.groups]
    else:
        levels = []
    layout.heading(document, "2. Đánh giá chung", 2)
    layout.paragraph(document, "2.1. Ưu điểm", 13, bold=True, italic=True)
    good = [line for line in levels if _level_of(line) >= 2]
    weak = [line for line in levels if 0 < _level_of(line) < 2]
    for line in good:
        layout.paragraph(document, line, indent=True, space_after=2)
    layout.text_block(
        document, texts.get("strengths", ""), placeholder="" if good else layout.BLANK
    )
    layout.paragraph(document, "2.2. Hạn chế", 13, bold=True, italic=True)
    for line in weak:
        layout.paragraph(document, line, indent=True, space_after=2)
    layout.text_block(
        document, texts.get("weaknesses", ""), placeholder="" if weak else layout.BLANK
    )

    layout.heading(document, HEADINGS[2])
    layout.heading(document, "1. Nội dung các nhiệm vụ", 2)
    layout.text_block(document, texts.get("focus", ""), placeholder=layout.BLANK)
    layout.heading(document, "2. Mục tiêu thực hiện", 2)
    targets = list(plan.targets.all())
    for target in targets:
        layout.paragraph(document, f"- {target.text.rstrip('.')}.", indent=True, space_after=2)
    if not targets:
        layout.paragraph(document, layout.BLANK, indent=True)
    card = scoring.effective_scorecard(assessment) if assessment is not None else None
    _criterion_targets(document, path_groups, framework, card)
    layout.heading(document, "3. Nhiệm vụ cụ thể", 2)
    tasks = list(plan.tasks.select_related("target"))
    assessment = actions.assessment_of(plan.unit, plan.school_year)
    worth = actions.worth_by_item(assessment) if assessment is not None else {}
    layout.grid(
        document,
        ["STT", "Nhiệm vụ", "Người/bộ phận thực hiện", "Thời hạn"],
        [
            [
                str(n),
                actions.task_text(task.title, worth),
                task.owner or layout.BLANK[:10],
                task.deadline.strftime("%d/%m/%Y") if task.deadline else "……/……/……",
            ]
            for n, task in enumerate(tasks, start=1)
        ],
        [1.2, 8.3, 4.4, 2.6],
    )
    layout.paragraph(document, "", space_after=0)

    layout.heading(document, HEADINGS[3])
    for n, line in enumerate(_lines(texts.get("solutions", "")), start=1):
        layout.paragraph(document, f"{n}. {line}", indent=True, space_after=2)
    if not _lines(texts.get("solutions", "")):
        layout.paragraph(document, layout.BLANK, indent=True)

    layout.heading(document, HEADINGS[4])
    layout.heading(document, "1. Phân công thực hiện", 2)
    layout.text_block(document, texts.get("organisation", ""), placeholder=layout.BLANK)
    layout.heading(document, "2. Chế độ thông tin báo cáo", 2)
    layout.text_block(document, texts.get("reporting", ""), placeholder=layout.BLANK)
    staff = "các phòng, bộ phận" if unit.is_office else "các tổ chuyên môn, tổ Văn phòng"
    layout.paragraph(
        document,
        f"Trên đây là Kế hoạch thực hiện nhiệm vụ ứng dụng công nghệ thông tin, chuyển đổi số năm "
        f"học {year} của {unit.name}. Đề nghị {staff} và cán bộ, "
        f"{'công chức' if unit.is_office else 'giáo viên, nhân viên'} nghiêm túc thực hiện./.",
        indent=True,
    )
    parent = issuer.superior or "Cơ quan quản lý"
    recipients = [f"- {parent} (để b/c);"]
    recipients += (
        ["- Các đơn vị trực thuộc (để th/h);", "- Lưu: VT."]
        if unit.is_office
        else ["- Bộ phận phụ trách CĐS (để c/đ);", "- CB, GV, NV (để th/h);", "- Lưu: VT."]
    )
    council = assessment.council_members if assessment is not None else None
    signer = signing.signer_for(unit, council_members=council)
    layout.closing(document, recipients, signer.title, signer.name)
    return layout.save(document)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _level_of(line: str) -> int:
    """The level a group line states ("… - đạt Mức độ: 2 …"), 0 when none."""
    marker = "đạt Mức độ: "
    if marker not in line:
        return 0
    digit = line.split(marker, 1)[1][:1]
    return int(digit) if digit.isdigit() else 0


def _scored(assessment: Any) -> Any:
    """Last year's assessment when there is one (a plan is written at the start of the year),
    else this year's."""
    if assessment is None:
        return None
    return previous_assessment(assessment.unit, assessment.campaign) or assessment


def _staffing(plan: Plan) -> list[str]:
    figures = actions.figures_for(plan.unit, plan.school_year)
    lines = []
    if figures.teachers_total:
        lines.append(f"Tổng số giáo viên: {figures.teachers_total}.")
        for _key, label, count, share in actions.training_rows(figures):
            if count is not None:
                lines.append(f"{label}: {count}/{figures.teachers_total} ({share}).")
    if figures.digital_signatures is not None:
        lines.append(f"Số giáo viên được cấp chữ ký số: {figures.digital_signatures}.")
    return lines


def _inventory(document: Any, plan: Plan) -> None:
    inventory = inventory_actions.inventory_for(plan.unit, plan.school_year)
    if not inventory.pk:
        layout.paragraph(document, layout.BLANK, indent=True)
        return
    lines = inventory_actions.lines_of(inventory)
    letters = "abcdefgh"
    n = 0
    for kind, label in Kind.choices:
        answered = [
            line for line in lines if line.entry.kind == kind and line.available is not None
        ]
        if not answered:
            continue
        layout.paragraph(document, f"{letters[n]}) {label}", italic=True)
        n += 1
        layout.grid(
            document,
            ["Tên", "Có", "Không", "Đường link / ghi chú"],
            [
                [
                    line.entry.name,
                    _quantity(line) if line.available else "",
                    "" if line.available else "x",
                    line.link or line.product,
                ]
                for line in answered
            ],
            [6.3, 2.7, 1.9, 5.6],
        )
    totals = inventory_actions.totals(lines)
    for text in (
        f"Tổng số phần mềm và ứng dụng đang sử dụng: {totals.apps_in_use:02d}",
        f"Tổng số phần mềm và ứng dụng cần được trang bị nhưng còn thiếu: {totals.apps_missing:02d}",
        f"Tổng số trang thiết bị CNTT và hạ tầng đã có: {totals.equipment_present:02d}",
        f"Tổng số trang thiết bị CNTT và hạ tầng còn thiếu cần bổ sung: {totals.equipment_missing:02d}",
    ):
        layout.paragraph(document, text, indent=True, space_after=2)


def _criterion_targets(document: Any, path_groups: Any, framework: Any, card: Any) -> None:
    """Per criterion the points now and the points aimed at (the path's best route)."""
    rows = []
    for group in path_groups:
        if group.best is None or card is None:
            continue
        aimed: dict[str, Any] = {}
        for step in group.best.steps:
            aimed[step.criterion_id] = aimed.get(step.criterion_id, 0) + step.gain
        for criterion_id, gain in aimed.items():
            title = framework.criterion(criterion_id).title if framework else criterion_id
            now = card.group(group.group_id).criterion(criterion_id).points or 0
            rows.append(
                [
                    criterion_id,
                    docx_export.plain_title(title),
                    wording.number(now),
                    wording.number(now + gain),
                ]
            )
    if rows:
        layout.paragraph(document, "Mục tiêu theo tiêu chí:", indent=True, space_after=2)
        layout.grid(
            document,
            ["TT", "Tiêu chí", "Điểm hiện có", "Điểm mục tiêu"],
            rows,
            [1.3, 10.0, 2.6, 2.6],
        )
        layout.paragraph(document, "", space_after=0)


def _quantity(line: Any) -> str:
    text = f"{line.quantity:02d}" + (
        f" {line.entry.quantity_label}" if line.entry.quantity_label else ""
    )
    if line.second_quantity is not None:
        text += f"/{line.second_quantity} {line.entry.second_label}"
    return text
