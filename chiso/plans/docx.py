"""The plan as DOCX in the NĐ 30/2020 layout (S1's structure), reusing the report helpers."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from chiso.inventory import actions as inventory_actions
from chiso.inventory.models import Kind
from chiso.plans.models import Plan
from chiso.reports.docx_export import (
    _font,
    _header,
    _no_borders,
    _paragraph,
    _save,
    _setup,
    _signature,
    _text_block,
    _title,
    _widths,
)
from chiso.rubric import wording


def _table(document: Any, header: list[str], rows: list[list[str]], widths: list[float]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _font(cell.paragraphs[0].add_run(text), 12, bold=True)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            _font(cell.paragraphs[0].add_run(text), 12)
    _widths(table, widths)


def render_plan_docx(plan: Plan, *, path_groups: Any = (), framework: Any = None) -> bytes:
    """Kế hoạch ứng dụng CNTT, chuyển đổi số: purpose, situation (inventory, index levels),
    targets, tasks with owner, deadline and status, then "Nơi nhận" and the head's signature."""
    unit = plan.unit
    parent = unit.parent.name if unit.parent_id else ""
    document = Document()
    _setup(document)
    code = (unit.code or "").replace(" ", "")
    place = unit.place or (unit.parent.place if unit.parent_id else "")
    number = f"{plan.number or '      '}/KH-{code}"
    _header(document, parent, unit.name, place, plan.issued_on or timezone.localdate(), number)
    _title(
        document,
        "KẾ HOẠCH",
        f"Ứng dụng công nghệ thông tin, chuyển đổi số năm học {plan.school_year}",
    )
    _paragraph(document, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    _text_block(document, plan.purpose or "")
    _paragraph(document, "II. THỰC TRẠNG", bold=True)
    _text_block(document, plan.situation or "")
    inventory = inventory_actions.inventory_for(unit, plan.school_year)
    if inventory.pk:
        lines = inventory_actions.lines_of(inventory)
        for kind, label in Kind.choices:
            answered = [
                line for line in lines if line.entry.kind == kind and line.available is not None
            ]
            if not answered:
                continue
            _paragraph(document, str(label), italic=True)
            _table(
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
            _paragraph(document, text, indent=True)
    for group in path_groups:
        name = framework.level_name(group.level) if framework else f"Mức độ {group.level}"
        _paragraph(
            document,
            f"Nhóm tiêu chí «{group.title}» đạt {wording.number(group.points)}/100 điểm, "
            f"Mức độ {group.level} – {name.lower()}.",
            indent=True,
        )
    _paragraph(document, "III. MỤC TIÊU THỰC HIỆN", bold=True)
    for target in plan.targets.all():
        _paragraph(document, f"- {target.text}.", indent=True)
    _paragraph(document, "IV. NHIỆM VỤ CỤ THỂ VÀ TỔ CHỨC THỰC HIỆN", bold=True)
    tasks = list(plan.tasks.select_related("target"))
    _table(
        document,
        ["STT", "Nhiệm vụ", "Người/bộ phận thực hiện", "Thời hạn", "Tình trạng"],
        [
            [
                str(n),
                task.title,
                task.owner,
                task.deadline.strftime("%d/%m/%Y") if task.deadline else "",
                str(task.get_status_display()),
            ]
            for n, task in enumerate(tasks, start=1)
        ],
        [1.2, 6.3, 3.4, 2.8, 2.8],
    )
    closing(
        document,
        [f"- {parent or 'Cơ quan quản lý'} (báo cáo);", "- CB, GV, NV (thực hiện);", "- Lưu: VT."],
        "HIỆU TRƯỞNG",
    )
    return _save(document)


def closing(document: Any, recipients: list[str], signer: str) -> None:
    """ "Nơi nhận:" bottom left (12 pt bold italic, recipients 11 pt), the signer bottom right."""
    _paragraph(document, "")
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [8.0, 8.5])
    left, right = table.rows[0].cells
    _font(left.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for recipient in recipients:
        _paragraph(left, recipient, 11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    _signature(right, signer, "")


def _quantity(line: Any) -> str:
    text = f"{line.quantity:02d}" + (
        f" {line.entry.quantity_label}" if line.entry.quantity_label else ""
    )
    if line.second_quantity is not None:
        text += f"/{line.second_quantity} {line.entry.second_label}"
    return text
