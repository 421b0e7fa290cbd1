"""DOCX renderer of the self-assessment report, in the layout of Nghị định 30/2020/NĐ-CP.

A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; page numbers centred at
the top from page 2; issuing body top left, national motto top right; "Số:", place and date;
"Nơi nhận:" 12 pt bold italic with 11 pt recipients; signature block bottom right.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from chiso.reports.data import AssessmentDocument
from chiso.reports.statistics import LEVELS, MEASURES, NOTE, TITLE, table_rows
from chiso.rubric import wording
from chiso.units.naming import head_title

FONT = "Times New Roman"


def _font(run: Any, size: float, *, bold: bool = False, italic: bool = False) -> Any:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return run


def _paragraph(
    container: Any,
    text: str = "",
    size: float = 14,
    *,
    bold: bool = False,
    italic: bool = False,
    align: Any = None,
    indent: bool = False,
    space_after: float = 6,
) -> Any:
    paragraph = container.add_paragraph()
    if text:
        _font(paragraph.add_run(text), size, bold=bold, italic=italic)
    paragraph.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
    return paragraph


def _rule(paragraph: Any) -> None:
    """A short solid line under a header line (drawn as a bottom border)."""
    properties = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    properties.append(border)


def _page_number_header(section: Any) -> None:
    section.different_first_page_header_footer = True  # no number on page 1
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _font(paragraph.add_run(), 13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _setup(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    _page_number_header(section)


def _widths(table: Any, widths_cm: list[float]) -> None:
    """Fixed column widths (Word and LibreOffice both honour them when set on every cell)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _heading_block(document: Any, doc: AssessmentDocument, number: str, on: Any = None) -> None:
    body = doc.governing_body or doc.parent_name
    _header(document, body, doc.unit.name, doc.place, on or doc.issued_on, number)


def _header(
    document: Any, parent_name: str, unit_name: str, place: str, day: Any, number: str
) -> None:
    """NĐ 30 header: issuing body and number on the left, motto, place and date on the right."""
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [6.5, 10.0])
    left, right = table.rows[0].cells
    _font(left.paragraphs[0].add_run(parent_name.upper()), 12)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    unit = _paragraph(
        left, unit_name.upper(), 12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=2
    )
    _rule(unit)
    _paragraph(left, f"Số: {number}", 13, align=WD_ALIGN_PARAGRAPH.CENTER)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12, bold=True)
    motto = _paragraph(
        right,
        "Độc lập - Tự do - Hạnh phúc",
        13,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=2,
    )
    _rule(motto)
    _paragraph(
        right,
        f"{place or '……'}, {wording.long_date(day)}",
        13,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
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
        _font(cell.paragraphs[0].add_run(text), 12, bold=True)
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
                "Đạt" if line.met else "",
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
            _font(cell.paragraphs[0].add_run(text), 12, bold=line.kind == "group")
    _widths(table, [1.2, 8.3, 1.9, 2.4, 2.7])


CLOSING_SECTIONS = [
    ("achievements", "Những kết quả đã đạt được; ưu điểm, hạn chế"),
    ("lessons", "Bài học kinh nghiệm"),
    ("next_tasks", "Nhiệm vụ trọng tâm và giải pháp năm học tới"),
    ("proposals", "Kiến nghị, đề xuất"),
]


def _text_block(document: Any, text: str) -> None:
    """What a person wrote in the app: one indented paragraph per line."""
    for line in text.splitlines():
        if line.strip():
            _paragraph(document, line.strip(), indent=True)


def _n(value: Any) -> str:
    if value is None:
        return ""
    return wording.number(value if not isinstance(value, float) else Fraction(str(value)))


def render_report_docx(doc: AssessmentDocument) -> bytes:
    """Báo cáo kết quả tự đánh giá mức độ chuyển đổi số, filled from the assessment."""
    document = Document()
    _setup(document)
    _heading_block(document, doc, f"      /BC-{_code(doc)}")
    _title(
        document, "BÁO CÁO", f"Kết quả tự đánh giá mức độ chuyển đổi số năm học {doc.school_year}"
    )
    _local_note(document, doc)
    a = doc.assessment
    _paragraph(
        document,
        f"Thực hiện Quyết định số {doc.framework.decision.number} ngày {_date(doc.framework.decision.date)} {_issued_by(doc)} ban hành {doc.framework.decision.title}, {doc.unit.name} báo cáo kết quả tự đánh giá như sau:",
        indent=True,
    )
    if doc.framework.note:
        _paragraph(document, f"Lưu ý: {doc.framework.note}", 12, italic=True, indent=True)
    narrative = a.narrative or {}
    _paragraph(document, "I. TÌNH HÌNH CHUNG VÀ CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI", 14, bold=True)
    if narrative.get("situation"):
        _text_block(document, narrative["situation"])
    if a.council_decision_number:
        _paragraph(
            document,
            f"- Quyết định số {a.council_decision_number}{_on(a.council_decision_date)} về việc thành lập Hội đồng tự đánh giá mức độ chuyển đổi số năm học {doc.school_year}.",
            indent=True,
        )
    if a.council_members:
        members = "; ".join(
            f"{m.get('name', '')} ({m.get('role') or m.get('title', '')})"
            for m in a.council_members
        )
        _paragraph(document, f"- Thành phần Hội đồng: {members}.", indent=True)
    if a.minutes_date:
        _paragraph(
            document,
            f"- Hội đồng họp tự đánh giá{_on(a.minutes_date)} (có biên bản). {a.minutes_summary}",
            indent=True,
        )
    if a.approval_decision_number:
        _paragraph(
            document,
            f"- Quyết định số {a.approval_decision_number}{_on(a.approval_decision_date)} phê duyệt kết quả tự đánh giá.",
            indent=True,
        )
    _paragraph(document, "II. KẾT QUẢ TỰ ĐÁNH GIÁ", 14, bold=True)
    for group in doc.card.groups:
        title = doc.framework.group(group.id).title
        level = f"đạt Mức độ: {group.level}" if group.level else "chưa đủ dữ kiện để xếp mức"
        _paragraph(
            document,
            f"Nhóm tiêu chí {group.id} ({title}): {_n(group.points)}/{_n(group.max)} điểm - {level}.",
            indent=True,
        )
    _results_table(document, doc)
    _paragraph(document, "")
    _paragraph(document, "III. ĐÁNH GIÁ CHUNG", 14, bold=True)
    for number, (key, title) in enumerate(CLOSING_SECTIONS, start=1):
        _paragraph(document, f"{number}. {title}", 14, bold=True)
        _text_block(document, narrative.get(key, "") or "……………………………………………")
    _paragraph(document, "")
    _paragraph(
        document,
        f"Trên đây là báo cáo kết quả tự đánh giá mức độ chuyển đổi số năm học {doc.school_year} của {doc.unit.name}./.",
        indent=True,
    )
    _closing(document, doc)
    return _save(document)


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
        _paragraph(document, doc.framework_note, 13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _on(day: Any) -> str:
    return f" {wording.long_date(day)}" if day else ""


def _code(doc: AssessmentDocument) -> str:
    return (doc.unit.code or "CSGD").replace(" ", "")


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
    members = doc.assessment.council_members
    return next((m.get("name", "") for m in members if "chủ tịch" in m.get("role", "").lower()), "")


def _title(document: Any, type_name: str, subject: str) -> None:
    """The document type (BÁO CÁO, QUYẾT ĐỊNH, BIÊN BẢN) and its subject line, underlined."""
    _paragraph(document, type_name, 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _rule(_paragraph(document, subject, 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER))


def _signature(cell: Any, title: str, name: str) -> None:
    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(cell.paragraphs[0].add_run(title), 13, bold=True)
    for _ in range(3):
        _paragraph(cell, "", 13, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _paragraph(cell, name, 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _closing(document: Any, doc: AssessmentDocument, recipients: list[str] | None = None) -> None:
    """ "Nơi nhận:" bottom left (12 pt bold italic, recipients 11 pt), signature bottom right."""
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [8.0, 8.5])
    left, right = table.rows[0].cells
    _font(left.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    recipients = recipients or [
        f"- {doc.parent_name or 'Cơ quan quản lý'} (báo cáo);",
        "- Lưu: VT.",
    ]
    for recipient in recipients:
        _paragraph(left, recipient, 11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    _signature(right, _head_title(doc), _chair(doc))


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _decision_basis(document: Any, doc: AssessmentDocument) -> None:
    decision = doc.framework.decision
    _paragraph(
        document,
        _authority(doc),
        14,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _paragraph(
        document,
        f"Căn cứ Quyết định số {decision.number} ngày {_date(decision.date)} {_issued_by(doc)} ban hành {decision.title};",
        14,
        italic=True,
        indent=True,
    )
    _paragraph(
        document,
        "Xét đề nghị của bộ phận phụ trách công nghệ thông tin, chuyển đổi số,",
        14,
        italic=True,
        indent=True,
    )
    _paragraph(document, "QUYẾT ĐỊNH:", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _decision(
    doc: AssessmentDocument,
    *,
    number: str,
    on: Any,
    subject: str,
    lines: list[str],
    articles: list[str],
) -> bytes:
    """A QUYẾT ĐỊNH of the institution's head: basis, Điều 1 with its lines, further articles."""
    document = Document()
    _setup(document)
    _heading_block(document, doc, number or f"      /QĐ-{_code(doc)}", on)
    _title(document, "QUYẾT ĐỊNH", subject)
    _local_note(document, doc)
    _decision_basis(document, doc)
    _paragraph(document, lines[0], indent=True)
    for line in lines[1:]:
        _paragraph(document, line, indent=True, space_after=0)
    for article in articles:
        _paragraph(document, article, indent=True)
    recipients = ["- Như Điều 3;", f"- {doc.parent_name or 'Cơ quan quản lý'} (b/c);", "- Lưu: VT."]
    _closing(document, doc, recipients)
    return _save(document)


def render_council_decision_docx(doc: AssessmentDocument) -> bytes:
    """Quyết định thành lập Hội đồng tự đánh giá, from the council recorded on the assessment."""
    a = doc.assessment
    members = [
        f"{i}. {m.get('name', '')} – {m.get('title', '')} – {m.get('role', '')}"
        for i, m in enumerate(a.council_members, start=1)
    ]
    return _decision(
        doc,
        number=a.council_decision_number,
        on=a.council_decision_date,
        subject=f"Về việc thành lập Hội đồng tự đánh giá mức độ chuyển đổi số năm học {doc.school_year}",
        lines=[
            f"Điều 1. Thành lập Hội đồng tự đánh giá mức độ chuyển đổi số năm học {doc.school_year} của {doc.unit.name}, gồm các ông (bà) có tên sau:",
            *members,
        ],
        articles=[
            f"Điều 2. Hội đồng thu thập minh chứng, tự đánh giá, chấm điểm theo Bộ chỉ số ban hành kèm theo Quyết định số {doc.framework.decision.number}, lập biên bản và báo cáo kết quả với thủ trưởng đơn vị.",
            "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        ],
    )


def render_approval_decision_docx(doc: AssessmentDocument) -> bytes:
    """Quyết định phê duyệt kết quả tự đánh giá, with each group's points and level."""
    a = doc.assessment
    results = []
    for group in doc.card.groups:
        level = (
            f"đạt Mức độ {group.level} ({doc.framework.level_name(group.level)})"
            if group.level
            else "chưa xếp mức"
        )
        title = doc.framework.group(group.id).title
        results.append(
            f"- Nhóm tiêu chí {group.id} «{title}»: {_n(group.points)}/{_n(group.max)} điểm, {level}."
        )
    return _decision(
        doc,
        number=a.approval_decision_number,
        on=a.approval_decision_date,
        subject=f"Về việc phê duyệt kết quả tự đánh giá mức độ chuyển đổi số năm học {doc.school_year}",
        lines=[
            f"Điều 1. Phê duyệt kết quả tự đánh giá mức độ chuyển đổi số năm học {doc.school_year} của {doc.unit.name} như sau:",
            *results,
            "(Chi tiết tại Phụ lục kèm theo.)",
        ],
        articles=[
            "Điều 2. Giao bộ phận phụ trách công khai kết quả trên cổng thông tin điện tử của đơn vị, cập nhật lên cơ sở dữ liệu ngành và báo cáo cơ quan quản lý trực tiếp.",
            "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Hội đồng tự đánh giá và các bộ phận liên quan chịu trách nhiệm thi hành Quyết định này./.",
        ],
    )


def render_minutes_docx(doc: AssessmentDocument) -> bytes:
    """Biên bản họp Hội đồng tự đánh giá: members present, results, conclusion, two signatures."""
    a = doc.assessment
    document = Document()
    _setup(document)
    _heading_block(document, doc, f"      /BB-{_code(doc)}", a.minutes_date)
    _title(
        document,
        "BIÊN BẢN",
        f"Họp Hội đồng tự đánh giá mức độ chuyển đổi số năm học {doc.school_year}",
    )
    _local_note(document, doc)
    when = wording.long_date(a.minutes_date) if a.minutes_date else "ngày … tháng … năm …"
    _paragraph(document, f"Thời gian: {when}. Địa điểm: {doc.unit.name}.", indent=True)
    _paragraph(
        document,
        "Thành phần: Hội đồng tự đánh giá"
        + (
            f" thành lập theo Quyết định số {a.council_decision_number}"
            if a.council_decision_number
            else ""
        )
        + ", gồm:",
        indent=True,
    )
    for member in a.council_members:
        _paragraph(
            document,
            f"- {member.get('name', '')}, {member.get('title', '')}, {member.get('role', '')};",
            indent=True,
            space_after=0,
        )
    _paragraph(
        document,
        "Nội dung: Hội đồng xem xét minh chứng và thống nhất điểm tự đánh giá từng tiêu chí như sau:",
        indent=True,
    )
    _results_table(document, doc)
    _paragraph(document, "")
    for group in doc.card.groups:
        level = f"Mức độ {group.level}" if group.level else "chưa xếp mức"
        _paragraph(
            document,
            f"Nhóm tiêu chí {group.id}: {_n(group.points)}/{_n(group.max)} điểm – {level}.",
            indent=True,
            space_after=0,
        )
    if a.minutes_summary:
        _paragraph(document, a.minutes_summary, indent=True)
    _paragraph(
        document,
        "Biên bản được thông qua tại cuộc họp và lập thành 02 bản có giá trị như nhau./.",
        indent=True,
    )
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [8.0, 8.5])
    secretary = next(
        (m.get("name", "") for m in a.council_members if "thư ký" in m.get("role", "").lower()), ""
    )
    _signature(table.rows[0].cells[0], "THƯ KÝ", secretary)
    _signature(table.rows[0].cells[1], "CHỦ TỊCH HỘI ĐỒNG", _chair(doc))
    return _save(document)


@dataclass
class OfficeDocument:
    """What the header and signature of an office's own document need."""

    unit: Any
    parent_name: str
    place: str
    issued_on: Any
    signer_title: str = "TRƯỞNG PHÒNG"


def render_level_statistics_docx(stats: Any, office_doc: OfficeDocument) -> bytes:
    """Báo cáo thống kê mức độ chuyển đổi số of an office's units: one table per measure."""

    document = Document()
    _setup(document)
    _office_heading(
        document, office_doc, f"      /BC-{(office_doc.unit.code or 'GDĐT').replace(' ', '')}"
    )
    _title(document, "BÁO CÁO", TITLE.format(year=stats.school_year).capitalize())
    rows = table_rows(stats)
    for measure, label in MEASURES:
        _paragraph(document, f"{label}", 13, bold=True)
        table = document.add_table(rows=2, cols=3 + 2 * len(LEVELS))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        top, sub = table.rows[0].cells, table.rows[1].cells
        for index, text in enumerate(["STT", "Đơn vị / loại hình", "Đã công nhận"]):
            top[index].merge(sub[index])
            _font(top[index].paragraphs[0].add_run(text), 11, bold=True)
        for n, level in enumerate(LEVELS):
            first = 3 + 2 * n
            top[first].merge(top[first + 1])
            _font(top[first].paragraphs[0].add_run(f"Mức độ {level}"), 11, bold=True)
            _font(sub[first].paragraphs[0].add_run("Số lượng"), 11, bold=True)
            _font(sub[first + 1].paragraphs[0].add_run("Tỷ lệ %"), 11, bold=True)
        section = None
        for title, number, line in rows:
            if title and title != section:
                section = title
                cells = table.add_row().cells
                cells[1].merge(cells[-1])
                _font(cells[1].paragraphs[0].add_run(title), 11, bold=True, italic=True)
            cells = table.add_row().cells
            values = [number, line.label, f"{line.units}/{line.total}"]
            for level in LEVELS:
                values += [str(line.counts[measure][level]), line.share(measure, level)]
            for cell, text in zip(cells, values, strict=True):
                _font(cell.paragraphs[0].add_run(text), 11, bold=not title)
        _widths(table, [1.2, 5.3, 2.0] + [1.4, 1.6] * len(LEVELS))
    _paragraph(document, NOTE, 11, italic=True)
    _office_closing(document, office_doc)
    return _save(document)


def _office_heading(document: Any, office_doc: OfficeDocument, number: str) -> None:
    _header(
        document,
        office_doc.parent_name,
        office_doc.unit.name,
        office_doc.place,
        office_doc.issued_on,
        number,
    )


def _office_closing(document: Any, office_doc: OfficeDocument) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [8.0, 8.5])
    left, right = table.rows[0].cells
    _font(left.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for recipient in [f"- {office_doc.parent_name or 'Cơ quan cấp trên'} (báo cáo);", "- Lưu: VT."]:
        _paragraph(left, recipient, 11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    _signature(right, office_doc.signer_title, "")


def render_consolidated_docx(
    title: str, columns: list[str], rows: list[Any], office_doc: OfficeDocument
) -> bytes:
    """The consolidated table on landscape A4 (S0's appendix): one row per unit, 1.1 … 2.4."""

    document = Document()
    _setup(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    _office_heading(
        document, office_doc, f"      /TH-{(office_doc.unit.code or 'GDĐT').replace(' ', '')}"
    )
    _paragraph(document, title, 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    header = ["STT", "Tên đơn vị", *columns, "Nhóm 1", "Mức", "Nhóm 2", "Mức", "Tổng"]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _font(cell.paragraphs[0].add_run(text), 9, bold=True)
    for index, line in enumerate(rows, start=1):
        values = [str(index), line.unit.name]
        values += [
            v if isinstance(v, str) else _n(v) for v in (line.values.get(c) for c in columns)
        ]
        for group in ("1", "2"):
            level = line.group_levels.get(group)
            values += [_n(line.group_points.get(group)), str(level) if level else ""]
        values.append(_n(line.total))
        for cell, text in zip(table.add_row().cells, values, strict=True):
            _font(cell.paragraphs[0].add_run(text), 9)
    tail = [1.3, 1.0, 1.3, 1.0, 1.2]  # group points and levels, total
    share = (26.2 - 1.1 - 5.0 - sum(tail)) / max(len(columns), 1)  # 26.2 cm between margins
    _widths(table, [1.1, 5.0] + [share] * len(columns) + tail)
    _office_closing(document, office_doc)
    return _save(document)
