"""The plan as DOCX in the NĐ 30/2020 layout (S1's structure), reusing the report helpers."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from chiso.inventory import actions as inventory_actions
from chiso.inventory.models import Kind
from chiso.plans.models import Plan
from chiso.reports import layout
from chiso.rubric import wording
from chiso.units import naming


def render_plan_docx(plan: Plan, *, path_groups: Any = (), framework: Any = None) -> bytes:
    """Kế hoạch ứng dụng CNTT, chuyển đổi số: purpose, situation (inventory, index levels),
    targets, tasks with owner, deadline and status, then "Nơi nhận" and the head's signature."""
    unit = plan.unit
    issuer = naming.issuer(unit, school_year=plan.school_year)
    document = layout.new_document()
    code = (unit.code or "").replace(" ", "")
    place = unit.place or (unit.parent.place if unit.parent_id else "")
    number = f"{plan.number or '      '}/KH-{code}"
    layout.header(
        document,
        governing_body=issuer.governing_body,
        unit_name=issuer.name,
        number=number,
        place=place,
        day=plan.issued_on or timezone.localdate(),
    )
    layout.title(
        document,
        "KẾ HOẠCH",
        f"Ứng dụng công nghệ thông tin, chuyển đổi số năm học {plan.school_year}",
    )
    layout.paragraph(document, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    layout.text_block(document, plan.purpose or "")
    layout.paragraph(document, "II. THỰC TRẠNG", bold=True)
    layout.text_block(document, plan.situation or "")
    inventory = inventory_actions.inventory_for(unit, plan.school_year)
    if inventory.pk:
        lines = inventory_actions.lines_of(inventory)
        for kind, label in Kind.choices:
            answered = [
                line for line in lines if line.entry.kind == kind and line.available is not None
            ]
            if not answered:
                continue
            layout.paragraph(document, str(label), italic=True)
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
            layout.paragraph(document, text, indent=True)
    for group in path_groups:
        name = framework.level_name(group.level) if framework else f"Mức độ {group.level}"
        layout.paragraph(
            document,
            f"Nhóm tiêu chí «{group.title}» đạt {wording.number(group.points)}/100 điểm, "
            f"Mức độ {group.level} – {name.lower()}.",
            indent=True,
        )
    layout.paragraph(document, "III. MỤC TIÊU THỰC HIỆN", bold=True)
    for target in plan.targets.all():
        layout.paragraph(document, f"- {target.text}.", indent=True)
    layout.paragraph(document, "IV. NHIỆM VỤ CỤ THỂ VÀ TỔ CHỨC THỰC HIỆN", bold=True)
    tasks = list(plan.tasks.select_related("target"))
    layout.grid(
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
    layout.paragraph(document, "")
    layout.closing(
        document,
        [
            f"- {issuer.superior or 'Cơ quan quản lý'} (báo cáo);",
            "- CB, GV, NV (thực hiện);",
            "- Lưu: VT.",
        ],
        issuer.signer_title,
    )
    return layout.save(document)


def _quantity(line: Any) -> str:
    text = f"{line.quantity:02d}" + (
        f" {line.entry.quantity_label}" if line.entry.quantity_label else ""
    )
    if line.second_quantity is not None:
        text += f"/{line.second_quantity} {line.entry.second_label}"
    return text
