"""DOCX renderers of an assessment's documents (the report, the council's decision, the
minutes, the approval) and of an office's tables, on the NĐ 30 layout of chiso.reports.layout."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from chiso.reports import data, layout, signing
from chiso.reports.data import AssessmentDocument
from chiso.reports.statistics import LEVELS, MEASURES, TITLE, table_rows
from chiso.rubric import wording
from chiso.units.naming import head_title


def _heading_block(
    document: Any, doc: AssessmentDocument, kind: str, number: str = "", on: Any = None
) -> None:
    """The header of one of the institution's documents: "Số: 12/BC-THHĐ" from the unit's
    symbol; the day the document is issued (its own date, else the one chosen at download)."""
    layout.header(
        document,
        governing_body=doc.governing_body or doc.parent_name,
        unit_name=doc.unit.name,
        number=layout.number_line(kind, doc.unit, number or doc.number),
        place=doc.place,
        day=on or doc.issued_on,
    )


def _results_table(document: Any, doc: AssessmentDocument) -> None:
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(
        table.rows[0].cells,
        ["TT", "Tiêu chí", "Điểm tối đa", "Điểm tự đánh giá", "Mức độ"],
        strict=True,
    ):
        layout.run(cell.paragraphs[0], text, 12, bold=True)
    for line in doc.rows:
        if line.kind == "item":
            continue
        cells = table.add_row().cells
        if line.kind == "mandatory":
            values = [
                line.id,
                line.title,
                "ĐKBB",
                "có" if line.met else "không" if line.met is False else "",
                "Đạt" if line.met else "Chưa đạt" if line.met is False else "",
            ]
        else:
            values = [
                line.id,
                line.title,
                _n(line.maximum),
                _n(line.awarded),
                f"Mức độ {line.level}" if line.level else "",
            ]
        for cell, text in zip(cells, values, strict=True):
            layout.run(cell.paragraphs[0], text, 12, bold=line.kind == "group")
    layout.widths(table, [1.2, 8.3, 1.9, 2.4, 2.7])
    layout.keep_rows_whole(table, header_rows=1)


results_table = _results_table  # the scoring table other documents (the plan) print too

CLOSING_SECTIONS = [
    ("achievements", "Những kết quả đã đạt được; ưu điểm, hạn chế"),
    ("lessons", "Bài học kinh nghiệm"),
    ("next_tasks", "Nhiệm vụ trọng tâm và giải pháp năm học tới"),
    ("proposals", "Kiến nghị, đề xuất"),
]

# The result report's sections, in S2's order (with S0's CĐS part): the structural test reads it.
REPORT_HEADINGS = [
    "I. CÔNG TÁC CHỈ ĐẠO VÀ TRIỂN KHAI THỰC HIỆN",
    "II. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI",
    "III. ĐÁNH GIÁ CHUNG",
]
MANDATORY_WORDS = "điều kiện bắt buộc (ĐKBB)"


def _n(value: Any) -> str:
    if value is None:
        return ""
    return wording.number(value if not isinstance(value, float) else Fraction(str(value)))


PROMPT = re.compile(
    r"\s*\((?:cung cấp thông tin|thông tin|ghi tên)[^()]*(?:\([^()]*\)[^()]*)*\)", re.I
)


def plain_title(title: str) -> str:
    """A criterion's title without the prompt to the person filling it in ("(cung cấp thông
    tin: tên giải pháp phần mềm)", "(ghi tên)"): the report answers it, it does not repeat it."""
    return PROMPT.sub("", title).strip()


def group_result_line(framework: Any, group: Any) -> str:
    """ "Nhóm tiêu chí 1: 93/100 điểm - đạt Mức độ: 3", the cap of an unmet condition in words."""
    points = f"{_n(group.points)}/{_n(group.max)} điểm"
    if framework.levels_on_total:  # the level is the whole index's (total_result_line)
        return f"Nhóm tiêu chí {group.id}: {points}."
    if not group.complete:
        return f"Nhóm tiêu chí {group.id}: {points} - chưa đủ dữ kiện để xếp mức."
    text = f"Nhóm tiêu chí {group.id}: {points} - đạt Mức độ: {group.level}"
    if group.rule_level is not None and group.level != group.rule_level:
        unmet = [
            f"{c.id} «{plain_title(framework.criterion(c.id).title)}»"
            for c in group.criteria
            if c.met is False
        ]
        text += (
            f" (theo số điểm đạt Mức độ {group.rule_level}, nhưng {MANDATORY_WORDS} "
            f"{'; '.join(unmet)} chưa đáp ứng nên nhóm chỉ được xếp Mức độ {group.level})"
        )
    return text + "."


def total_result_line(framework: Any, card: Any) -> str:
    """ "Tổng điểm toàn bộ chỉ số: 55/100 điểm - đạt Mức độ: 2", for an index whose levels are set
    on its total (3806); the cap of an unmet condition in words."""
    points = f"{_n(card.total)}/{_n(card.total_max)} điểm"
    if card.overall_level is None:
        return f"Tổng điểm toàn bộ chỉ số: {points} - chưa đủ dữ kiện để xếp mức."
    text = (
        f"Tổng điểm toàn bộ chỉ số: {points} - đạt Mức độ: {card.overall_level} "
        "(mức độ xét trên tổng điểm, không xét riêng từng nhóm)"
    )
    if card.overall_rule_level is not None and card.overall_level != card.overall_rule_level:
        text += (
            f"; theo số điểm đạt Mức độ {card.overall_rule_level}, nhưng {MANDATORY_WORDS} chưa "
            f"đáp ứng nên chỉ được xếp Mức độ {card.overall_level}"
        )
    return text + "."


def mandatory_rule_text(doc: AssessmentDocument) -> str:
    """What a mandatory condition is and what an unmet one does to the group's level."""
    ids = [c.id for g in doc.framework.groups for c in g.criteria if c.is_mandatory]
    if not ids:
        return ""
    if doc.framework.levels_on_total:
        return (
            f"Các tiêu chí {', '.join(ids)} là {MANDATORY_WORDS}: không tính điểm, chỉ xét có hay "
            "không. Đơn vị có một điều kiện bắt buộc chưa đáp ứng chỉ được xếp Mức độ 1, dù tổng "
            "điểm đạt mức cao hơn."
        )
    return (
        f"Các tiêu chí {', '.join(ids)} là {MANDATORY_WORDS}: không tính điểm, chỉ xét có hay "
        "không. Nhóm tiêu chí có một điều kiện bắt buộc chưa đáp ứng chỉ được xếp Mức độ 1, "
        "dù tổng điểm của nhóm đạt mức cao hơn."
    )


def criterion_paragraphs(document: Any, doc: AssessmentDocument, group: Any) -> None:
    """Criterion by criterion (S2 §II): what exists, with names, counts and ratios; the points
    and the level; the evidence by its description."""
    facts = doc.assessment.facts or {}
    result = doc.card.group(group.id)
    for criterion in group.criteria:
        c = result.criterion(criterion.id)
        if criterion.is_mandatory:
            state = "đáp ứng" if c.met else "chưa đáp ứng" if c.met is False else "chưa có dữ kiện"
            head = f"{criterion.id}. {plain_title(criterion.title)} – {MANDATORY_WORDS}: {state}."
        else:
            level = f", Mức độ {c.level}" if c.level else ""
            head = (
                f"{criterion.id}. {plain_title(criterion.title)}: "
                f"{_n(c.points)}/{_n(criterion.max)} điểm{level}."
            )
        layout.paragraph(document, head, indent=True, space_after=2)
        lines = data.describe_facts(doc.framework, criterion, facts, doc.solutions)
        if criterion.is_mandatory:
            lines = []  # the state above says it all
        for line in lines:
            layout.paragraph(document, f"+ {line}.", indent=True, space_after=0)
        cited = next((r.evidence for r in doc.rows if r.id == criterion.id and r.evidence), [])
        item_ids = {i.id for i in criterion.items}
        cited = cited + [e for r in doc.rows if r.id in item_ids for e in r.evidence]
        if cited:
            layout.paragraph(
                document,
                f"Minh chứng: {'; '.join(cited)}.",
                12,
                italic=True,
                indent=True,
                space_after=2,
            )


def answer_rows(doc: AssessmentDocument) -> list[tuple[str, str]]:
    """S0's «Nội dung / Trả lời» rows: teachers, signatures, statistics, materials, then what
    the apps above add (training per skill, fees without cash, software)."""
    facts = doc.assessment.facts or {}
    known = {spec.id for spec in doc.framework.facts}
    rows: list[tuple[str, str]] = []
    teachers = facts.get("teachers_total")
    counted = isinstance(teachers, int) and not isinstance(teachers, bool) and teachers > 0
    for fact_id in (
        "teachers_with_training_account",
        "teachers_using_teaching_tools",
        "teachers_building_materials",
        "teachers_with_digital_signature",
    ):
        value = facts.get(fact_id)
        if fact_id not in known or not isinstance(value, int) or isinstance(value, bool):
            continue
        share = (
            f"/{teachers} giáo viên ({wording.ratio_percent(value, teachers)})"
            if counted
            else " giáo viên"
        )
        rows.append((doc.framework.fact(fact_id).label, f"{value}{share}"))
    for fact_id in (
        "approved_digital_materials",
        "materials_built_this_year",
        "stats_report_start_of_year",
        "stats_report_end_of_year",
    ):
        value = facts.get(fact_id)
        if fact_id in known and value not in (None, ""):
            spec = doc.framework.fact(fact_id)
            rows.append((spec.label, data.fact_value(spec, value)))
    return rows + doc.answers


def _answers_table(document: Any, doc: AssessmentDocument) -> None:
    rows = answer_rows(doc)
    if not rows:
        return
    layout.paragraph(document, "Một số kết quả cụ thể:", indent=True)
    layout.grid(
        document,
        ["STT", "Nội dung", "Trả lời"],
        [[str(n), label, answer] for n, (label, answer) in enumerate(rows, start=1)],
        [1.2, 9.3, 6.0],
    )
    layout.paragraph(document, "", space_after=0)


def render_report_docx(doc: AssessmentDocument) -> bytes:
    """Báo cáo kết quả tự đánh giá mức độ chuyển đổi số (S2, with S0's CĐS part): how it was
    organised, criterion by criterion what exists and its points, the levels with the
    mandatory conditions in words, the general assessment, the closing and the head's signature."""
    document = layout.new_document()
    _heading_block(document, doc, "BC")
    layout.title(
        document, "BÁO CÁO", f"Kết quả tự đánh giá mức độ chuyển đổi số năm học {doc.school_year}"
    )
    _local_note(document, doc)
    a = doc.assessment
    decision = doc.framework.decision
    layout.paragraph(
        document,
        f"Thực hiện Quyết định số {decision.number} ngày {_date(decision.date)} {_issued_by(doc)} "
        f"ban hành {decision.title}, {doc.unit.name} đã tiến hành tự đánh giá mức độ chuyển đổi "
        "số theo đúng quy định và báo cáo kết quả cụ thể như sau:",
        indent=True,
    )
    if doc.framework.note:
        layout.paragraph(document, f"Lưu ý: {doc.framework.note}", 12, italic=True, indent=True)
    narrative = a.narrative or {}
    layout.heading(document, REPORT_HEADINGS[0])
    if narrative.get("situation"):
        layout.text_block(document, narrative["situation"])
    if a.council_decision_number:
        layout.paragraph(
            document,
            f"- {doc.unit.name} ban hành Quyết định số {a.council_decision_number}"
            f"{_on(a.council_decision_date)} về việc thành lập Hội đồng tự đánh giá mức độ "
            f"chuyển đổi số năm học {doc.school_year}.",
            indent=True,
        )
    if a.council_members:
        members = "; ".join(
            ", ".join(p for p in (m.get("name", ""), m.get("title", ""), m.get("role", "")) if p)
            for m in a.council_members
        )
        layout.paragraph(
            document,
            f"- Hội đồng tự đánh giá gồm {len(a.council_members)} thành viên: {members}.",
            indent=True,
        )
    layout.paragraph(
        document,
        "- Các thành viên thu thập minh chứng theo từng tiêu chí của Bộ chỉ số; Hội đồng xem xét "
        "minh chứng và chấm điểm"
        + (
            f" tại cuộc họp {wording.long_date(a.minutes_date)} (có biên bản)"
            if a.minutes_date
            else ""
        )
        + ".",
        indent=True,
    )
    if a.minutes_summary:
        layout.text_block(document, a.minutes_summary)
    if a.approval_decision_number:
        layout.paragraph(
            document,
            f"- Kết quả tự đánh giá được phê duyệt tại Quyết định số {a.approval_decision_number}"
            f"{_on(a.approval_decision_date)} và công khai trên cổng thông tin điện tử của đơn vị.",
            indent=True,
        )
    layout.heading(document, REPORT_HEADINGS[1])
    layout.paragraph(document, "Kết quả tự đánh giá:", indent=True, space_after=2)
    for group in doc.card.groups:
        layout.paragraph(
            document, group_result_line(doc.framework, group), bold=True, indent=True, space_after=2
        )
    if doc.framework.levels_on_total:
        layout.paragraph(
            document,
            total_result_line(doc.framework, doc.card),
            bold=True,
            indent=True,
            space_after=2,
        )
    rule = mandatory_rule_text(doc)
    if rule:
        layout.paragraph(document, rule, 13, italic=True, indent=True)
    for number, group in enumerate(doc.framework.groups, start=1):
        result = doc.card.group(group.id)
        layout.heading(
            document,
            f"{number}. Các tiêu chí về {group.title[0].lower()}{group.title[1:]}: "
            f"đạt {_n(result.points)}/{_n(result.max)} điểm.",
            2,
        )
        criterion_paragraphs(document, doc, group)
    _answers_table(document, doc)
    layout.paragraph(document, "Bảng tổng hợp điểm theo tiêu chí:", indent=True, space_after=2)
    _results_table(document, doc)
    layout.paragraph(document, "")
    layout.heading(document, REPORT_HEADINGS[2])
    for number, (key, title) in enumerate(CLOSING_SECTIONS, start=1):
        layout.heading(document, f"{number}. {title}", 2)
        layout.text_block(document, narrative.get(key, "") or layout.BLANK)
    layout.paragraph(
        document,
        f"Trên đây là báo cáo kết quả tự đánh giá mức độ chuyển đổi số năm học {doc.school_year} "
        f"của {doc.unit.name}, kính mong nhận được sự quan tâm chỉ đạo và góp ý của cấp trên./.",
        indent=True,
    )
    _closing(document, doc)
    return layout.save(document)


def _date(iso: str) -> str:

    try:
        return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def _issued_by(doc: AssessmentDocument) -> str:
    """Who issued the index: the Minister for the Ministry's, the issuer for a local one."""
    issuer = doc.framework.decision.issuer
    if not doc.framework_note or not issuer or issuer == "Bộ Giáo dục và Đào tạo":
        return "của Bộ trưởng Bộ Giáo dục và Đào tạo"
    return f"của {issuer}"


def _local_note(document: Any, doc: AssessmentDocument) -> None:
    """Under the title of every document scored on a local index: the mark, in italics."""
    if doc.framework_note:
        layout.paragraph(
            document, doc.framework_note, 13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER
        )


def _on(day: Any) -> str:
    return f" {wording.long_date(day)}" if day else ""


def _head_title(doc: AssessmentDocument) -> str:

    return head_title(doc.unit)


def _authority(doc: AssessmentDocument) -> str:
    """Who decides: "HIỆU TRƯỞNG TRƯỜNG …", "TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO …" (not "PHÒNG PHÒNG")."""
    title, name = _head_title(doc), doc.unit.name.upper()
    if title == "TRƯỞNG PHÒNG" and name.startswith("PHÒNG "):
        return f"TRƯỞNG {name}"
    return f"{title} {name}"


def _chair(doc: AssessmentDocument) -> str:
    """The council's chair, who is the head of the institution (S0, S2)."""
    chair = signing.chair_of(doc.assessment.council_members)
    return str(chair.get("name", "")) if chair else ""


def _closing(document: Any, doc: AssessmentDocument, recipients: list[str] | None = None) -> None:
    """ "Nơi nhận:" bottom left, the head's signature bottom right."""
    recipients = recipients or [
        f"- {doc.parent_name or 'Cơ quan quản lý'} (báo cáo);",
        "- Lưu: VT.",
    ]
    signer = signing.signer_for(doc.unit, council_members=doc.assessment.council_members)
    layout.closing(document, recipients, signer.title, signer.name)


@dataclass
class OfficeDocument:
    """What the header and signature of an office's own document need."""

    unit: Any
    parent_name: str
    place: str
    issued_on: Any
    signer_title: str = "TRƯỞNG PHÒNG"
    signer_name: str = ""
    number: str = ""
    draft: bool = False  # not issued (chiso.reports.issuing): marked DỰ THẢO
    name: str = ""  # the issuer's own line when it is not the unit's name (a commune's office)
    superior: str = ""  # whom it reports to ("Nơi nhận")


def render_level_statistics_docx(stats: Any, office_doc: OfficeDocument) -> bytes:
    """Báo cáo thống kê mức độ chuyển đổi số of an office's units: one table per measure."""

    document = layout.new_document()
    _office_heading(document, office_doc, "BC")
    layout.title(document, "BÁO CÁO", TITLE.format(year=stats.school_year).capitalize())
    if stats.basis != "checked":
        layout.paragraph(
            document,
            "DỰ THẢO — SỐ LIỆU CHƯA CHÍNH THỨC",
            13,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
    rows = table_rows(stats)
    for measure, label in MEASURES:
        layout.paragraph(document, f"{label}", 13, bold=True)
        table = document.add_table(rows=2, cols=3 + 2 * len(LEVELS))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        top, sub = table.rows[0].cells, table.rows[1].cells
        for index, text in enumerate(["STT", "Đơn vị / loại hình", "Được tính / số đơn vị"]):
            top[index].merge(sub[index])
            layout.run(top[index].paragraphs[0], text, 11, bold=True)
        for n, level in enumerate(LEVELS):
            first = 3 + 2 * n
            top[first].merge(top[first + 1])
            layout.run(top[first].paragraphs[0], f"Mức độ {level}", 11, bold=True)
            layout.run(sub[first].paragraphs[0], "Số lượng", 11, bold=True)
            layout.run(sub[first + 1].paragraphs[0], "Tỷ lệ %", 11, bold=True)
        section = None
        for title, number, line in rows:
            if title and title != section:
                section = title
                cells = table.add_row().cells
                cells[1].merge(cells[-1])
                layout.run(cells[1].paragraphs[0], title, 11, bold=True, italic=True)
            cells = table.add_row().cells
            values = [number, line.label, f"{line.units}/{line.total}"]
            for level in LEVELS:
                values += [str(line.counts[measure][level]), line.share(measure, level)]
            for cell, text in zip(cells, values, strict=True):
                layout.run(cell.paragraphs[0], text, 11, bold=not title)
        layout.widths(table, [1.0, 4.6, 1.9] + [1.4, 1.6] * len(LEVELS))  # 16.5 cm
        layout.keep_rows_whole(table, header_rows=2)
        layout.paragraph(document, "", 6, space_after=0)
    layout.paragraph(document, stats.note, 11, italic=True)
    _office_closing(document, office_doc)
    return layout.save(document)


def _office_heading(
    document: Any, office_doc: OfficeDocument, kind: str, width_cm: float = layout.PORTRAIT_WIDTH_CM
) -> None:
    layout.header(
        document,
        governing_body=office_doc.parent_name,
        unit_name=office_doc.name or office_doc.unit.name,
        number=layout.number_line(kind, office_doc.unit, office_doc.number),
        place=office_doc.place,
        day=office_doc.issued_on,
        width_cm=width_cm,
    )
    if office_doc.draft:
        layout.draft_mark(document)


def _office_closing(
    document: Any, office_doc: OfficeDocument, width_cm: float = layout.PORTRAIT_WIDTH_CM
) -> None:
    superior = office_doc.superior or office_doc.parent_name or "Cơ quan cấp trên"
    recipients = [f"- {superior} (báo cáo);", "- Lưu: VT."]
    layout.closing(
        document, recipients, office_doc.signer_title, office_doc.signer_name, width_cm=width_cm
    )


def render_consolidated_docx(
    title: str, columns: list[str], rows: list[Any], office_doc: OfficeDocument, note: str = ""
) -> bytes:
    """The consolidated table on landscape A4 (S0's appendix): one row per unit, 1.1 … 2.4, each
    group's points and level (Quyết định 4725 defines no total of the two groups). The header
    rows repeat on every page and no row is split between pages."""

    width = layout.LANDSCAPE_WIDTH_CM
    document = layout.new_document(landscape=True)
    _office_heading(document, office_doc, "TH", width)
    layout.paragraph(document, title, 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    head = ["STT", "Tên đơn vị", "Trạng thái", *columns]
    head += ["Điểm nhóm 1", "Mức độ nhóm 1", "Điểm nhóm 2", "Mức độ nhóm 2"]
    fixed = {0: 0.9, 1: 5.4, 2: 2.2}
    for offset in range(4):
        fixed[3 + len(columns) + offset] = 1.45
    size = 9
    column_widths = layout.fitting_widths(head, fixed, width, size)
    lines = []
    for index, line in enumerate(rows, start=1):
        values = [str(index), line.unit.name, line.status]
        values += [
            v if isinstance(v, str) else _n(v) for v in (line.values.get(c) for c in columns)
        ]
        for group in ("1", "2"):
            level = line.group_levels.get(group)
            values += [_n(line.group_points.get(group)), str(level) if level else ""]
        lines.append(values)
    layout.long_table(document, head, lines, column_widths, size=size)
    if note:
        layout.paragraph(document, note, 11, italic=True)
    _office_closing(document, office_doc, width)
    return layout.save(document)
