"""The self-assessment council's documents (S0, S2): the head's decision forming the council,
the minutes of its meeting, the head's decision approving the result with its appendix. Each
cites the others by number and date, and each decision rests on the head's authority under the
charter of the institution's type.

The decisions follow NĐ 30/2020, Phụ lục III (quyết định cá biệt); the minutes its form of a
meeting's minutes (time, place, who attended and who did not, chair, secretary, content,
conclusions, the vote, the closing time, two signatures).
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from chiso.reports import layout, legal
from chiso.reports.data import AssessmentDocument
from chiso.reports.docx_export import (
    _authority,
    _chair,
    _closing,
    _date,
    _heading_block,
    _issued_by,
    _local_note,
    _results_table,
    criterion_paragraphs,
    group_result_line,
)
from chiso.rubric import wording
from chiso.units.models import Unit

DOTS = "……"


def charter_basis(unit: Unit) -> str:
    """ "Căn cứ Thông tư số 28/2020/TT-BGDĐT … Điều lệ trường tiểu học;": the head's authority
    under the charter of the unit's type."""
    return f"Căn cứ {legal.charter(unit)};"


def _number_and_date(number: str, day: Any, kind: str, doc: AssessmentDocument) -> str:
    """ "số 20/QĐ-THHĐ ngày 16/3/2025", with room to write what is not recorded yet."""
    symbol = layout.symbol_for(doc.unit)
    shown = number if "/" in (number or "") else f"{number or DOTS}/{kind}-{symbol}"
    return f"số {shown} ngày {day.strftime('%d/%m/%Y') if day else DOTS}"


def _council_reference(doc: AssessmentDocument) -> str:
    a = doc.assessment
    number = _number_and_date(a.council_decision_number, a.council_decision_date, "QĐ", doc)
    return f"Quyết định {number} của {_head_in_words(doc)}"


def _approval_reference(doc: AssessmentDocument) -> str:
    a = doc.assessment
    number = _number_and_date(a.approval_decision_number, a.approval_decision_date, "QĐ", doc)
    return f"Quyết định {number} của {_head_in_words(doc)}"


def _head_in_words(doc: AssessmentDocument) -> str:
    """ "Hiệu trưởng Trường Tiểu học Hưng Đạo" (the authority, in running text)."""
    words = _authority(doc)
    title_words = len(words.split()) - len(doc.unit.name.split())
    head = " ".join(words.split()[:title_words]).capitalize()
    return f"{head} {doc.unit.name}"


def _basis(document: Any, doc: AssessmentDocument, extra: list[str]) -> None:
    """The head's authority, then: the charter, the index decision, what this decision rests on."""
    decision = doc.framework.decision
    layout.paragraph(document, _authority(doc), 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    lines = [
        charter_basis(doc.unit),
        f"Căn cứ Quyết định số {decision.number} ngày {_date(decision.date)} {_issued_by(doc)} "
        f"ban hành {decision.title};",
        *extra,
    ]
    for line in filter(None, lines):
        layout.paragraph(document, line, 14, italic=True, indent=True, space_after=3)
    layout.paragraph(document, "QUYẾT ĐỊNH:", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _article(document: Any, number: int, text: str) -> None:
    """ "Điều 1. …": the article's number in bold (NĐ 30, Phụ lục I)."""
    added = layout.paragraph(document, indent=True)
    layout.run(added, f"Điều {number}. ", 14, bold=True)
    layout.run(added, text, 14)


def _recipients(doc: AssessmentDocument) -> list[str]:
    return ["- Như Điều 3;", f"- {doc.parent_name or 'Cơ quan quản lý'} (b/c);", "- Lưu: VT."]


def render_council_decision_docx(doc: AssessmentDocument) -> bytes:
    """Quyết định thành lập Hội đồng tự đánh giá, from the council recorded on the assessment."""
    a = doc.assessment
    document = layout.new_document()
    _heading_block(document, doc, "QĐ", a.council_decision_number, a.council_decision_date)
    layout.title(
        document,
        "QUYẾT ĐỊNH",
        f"Về việc thành lập Hội đồng tự đánh giá mức độ chuyển đổi số năm học {doc.school_year}",
    )
    _local_note(document, doc)
    _basis(
        document,
        doc,
        ["Xét đề nghị của bộ phận phụ trách công nghệ thông tin, chuyển đổi số của đơn vị,"],
    )
    _article(
        document,
        1,
        f"Thành lập Hội đồng tự đánh giá mức độ chuyển đổi số năm học {doc.school_year} "
        f"của {doc.unit.name}, gồm các ông (bà) có tên sau:",
    )
    for number, member in enumerate(a.council_members, start=1):
        parts = [member.get("name", ""), member.get("title", ""), member.get("role", "")]
        layout.paragraph(
            document, f"{number}. {' – '.join(p for p in parts if p)};", indent=True, space_after=0
        )
    _article(
        document,
        2,
        "Hội đồng có nhiệm vụ thu thập minh chứng, tự đánh giá và chấm điểm từng tiêu chí "
        f"theo Bộ chỉ số ban hành kèm theo Quyết định số {doc.framework.decision.number}; họp "
        "thống nhất kết quả, lập biên bản và trình thủ trưởng đơn vị phê duyệt. Hội đồng tự giải "
        "thể sau khi hoàn thành nhiệm vụ.",
    )
    _article(
        document,
        3,
        "Quyết định có hiệu lực kể từ ngày ký. Các bộ phận có liên quan và các ông (bà) "
        "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
    )
    _closing(document, doc, _recipients(doc))
    return layout.save(document)


def render_approval_decision_docx(doc: AssessmentDocument) -> bytes:
    """Quyết định phê duyệt kết quả tự đánh giá, citing the council's decision and minutes,
    each group's points and level, then its appendix (the table of criteria), which names the
    decision it belongs to."""
    a = doc.assessment
    document = layout.new_document()
    _heading_block(document, doc, "QĐ", a.approval_decision_number, a.approval_decision_date)
    layout.title(
        document,
        "QUYẾT ĐỊNH",
        f"Về việc phê duyệt kết quả tự đánh giá mức độ chuyển đổi số năm học {doc.school_year}",
    )
    _local_note(document, doc)
    minutes_day = a.minutes_date.strftime("%d/%m/%Y") if a.minutes_date else DOTS
    _basis(
        document,
        doc,
        [
            f"Căn cứ {_council_reference(doc)} về việc thành lập Hội đồng tự đánh giá mức độ "
            f"chuyển đổi số năm học {doc.school_year};",
            f"Căn cứ Biên bản họp Hội đồng tự đánh giá ngày {minutes_day};",
            "Xét đề nghị của Hội đồng tự đánh giá,",
        ],
    )
    _article(
        document,
        1,
        f"Phê duyệt kết quả tự đánh giá mức độ chuyển đổi số năm học {doc.school_year} "
        f"của {doc.unit.name} như sau:",
    )
    for group in doc.card.groups:
        title = doc.framework.group(group.id).title
        line = group_result_line(doc.framework, group).replace(
            f"Nhóm tiêu chí {group.id}:", f"Nhóm tiêu chí {group.id} «{title}»:", 1
        )
        layout.paragraph(document, f"- {line.rstrip('.')}.", indent=True, space_after=0)
    layout.paragraph(
        document, "(Chi tiết tại Phụ lục kèm theo Quyết định này.)", italic=True, indent=True
    )
    _article(
        document,
        2,
        "Giao bộ phận phụ trách công nghệ thông tin, chuyển đổi số công khai kết quả trên "
        "cổng thông tin điện tử của đơn vị, cập nhật lên cơ sở dữ liệu ngành và báo cáo cơ quan "
        "quản lý trực tiếp.",
    )
    _article(
        document,
        3,
        "Quyết định có hiệu lực kể từ ngày ký. Hội đồng tự đánh giá và các bộ phận có "
        "liên quan chịu trách nhiệm thi hành Quyết định này./.",
    )
    _closing(document, doc, _recipients(doc))
    _appendix(document, doc)
    return layout.save(document)


def _appendix(document: Any, doc: AssessmentDocument) -> None:
    """The appendix on a page of its own, naming the decision it is attached to."""
    layout.page_break(document)
    layout.paragraph(
        document, "Phụ lục", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0
    )
    layout.paragraph(
        document,
        f"KẾT QUẢ TỰ ĐÁNH GIÁ MỨC ĐỘ CHUYỂN ĐỔI SỐ NĂM HỌC {doc.school_year}",
        14,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=0,
    )
    layout.paragraph(
        document,
        f"(Kèm theo {_approval_reference(doc)})",
        13,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    layout.rule(document, 4.0, layout.PORTRAIT_WIDTH_CM)
    _results_table(document, doc)


def _clock(value: str) -> str:
    """ "14:00" → "14 giờ 00 phút"; room to write it when the time is not recorded."""
    if not value or ":" not in value:
        return "…… giờ …… phút"
    hours, minutes = value.split(":", 1)
    return f"{hours} giờ {minutes} phút"


def render_minutes_docx(doc: AssessmentDocument) -> bytes:
    """Biên bản họp Hội đồng tự đánh giá: time, place, who attended and who did not, the chair
    and the secretary, the content criterion by criterion, opinions, conclusions, the vote, the
    closing time, the secretary's and the chair's signatures."""
    a = doc.assessment
    details = a.minutes_details or {}
    members = a.council_members or []
    present = [m for m in members if not m.get("absent")]
    absent = [m for m in members if m.get("absent")]
    chair, secretary = _chair(doc), _secretary(members)
    document = layout.new_document()
    _heading_block(document, doc, "BB", "", a.minutes_date)
    layout.title(
        document,
        "BIÊN BẢN",
        f"Họp Hội đồng tự đánh giá mức độ chuyển đổi số năm học {doc.school_year}",
    )
    _local_note(document, doc)
    day = wording.long_date(a.minutes_date) if a.minutes_date else "ngày …… tháng …… năm ……"
    layout.paragraph(
        document,
        f"1. Thời gian: bắt đầu lúc {_clock(details.get('start', ''))}, {day}.",
        indent=True,
    )
    layout.paragraph(
        document, f"2. Địa điểm: {details.get('place') or doc.unit.name}.", indent=True
    )
    layout.paragraph(
        document,
        f"3. Thành phần tham dự: Hội đồng tự đánh giá thành lập theo {_council_reference(doc)}; "
        f"có mặt {len(present)}/{len(members)} thành viên:",
        indent=True,
        space_after=0,
    )
    for member in present:
        layout.paragraph(document, f"- {_member(member)};", indent=True, space_after=0)
    absent_text = (
        "; ".join(f"{_member(m)} ({m.get('absent')})" for m in absent) if absent else "không"
    )
    layout.paragraph(document, f"Vắng: {absent_text}.", indent=True)
    layout.paragraph(
        document,
        f"4. Chủ trì: {chair or DOTS}, Chủ tịch Hội đồng. Thư ký: {secretary or DOTS}.",
        indent=True,
    )
    layout.paragraph(document, "5. Nội dung cuộc họp", 14, bold=True, indent=True)
    layout.paragraph(
        document,
        "Hội đồng xem xét minh chứng và thống nhất kết quả tự đánh giá từng tiêu chí như sau:",
        indent=True,
    )
    for group in doc.framework.groups:
        layout.paragraph(
            document, f"Nhóm tiêu chí {group.id}: {group.title}", 14, italic=True, indent=True
        )
        criterion_paragraphs(document, doc, group)
    layout.paragraph(document, "Bảng tổng hợp điểm tự đánh giá:", indent=True)
    _results_table(document, doc)
    layout.paragraph(document, "", 6)
    opinions = (details.get("opinions") or "").strip()
    layout.paragraph(document, "6. Ý kiến thảo luận", 14, bold=True, indent=True)
    layout.text_block(
        document, opinions, placeholder="Các thành viên thống nhất, không có ý kiến khác."
    )
    layout.paragraph(document, "7. Kết luận", 14, bold=True, indent=True)
    for group in doc.card.groups:
        layout.paragraph(
            document,
            f"- {group_result_line(doc.framework, group).rstrip('.')}.",
            indent=True,
            space_after=0,
        )
    layout.text_block(document, a.minutes_summary or "")
    layout.paragraph(document, f"8. Biểu quyết: {_vote(details, len(present))}", indent=True)
    layout.paragraph(
        document,
        f"Cuộc họp kết thúc lúc {_clock(details.get('end', ''))} cùng ngày. Biên bản được lập "
        "thành 02 bản, đã đọc lại cho các thành viên dự họp cùng nghe và nhất trí thông qua./.",
        indent=True,
    )
    layout.two_signatures(document, ("THƯ KÝ", secretary), ("CHỦ TỊCH HỘI ĐỒNG", chair))
    return layout.save(document)


def _member(member: dict[str, Any]) -> str:
    parts = [member.get("name", ""), member.get("title", ""), member.get("role", "")]
    return ", ".join(p for p in parts if p)


def _secretary(members: list[dict[str, Any]]) -> str:
    return next(
        (m.get("name", "") for m in members if "thư ký" in str(m.get("role", "")).lower()), ""
    )


def _vote(details: dict[str, Any], present: int) -> str:
    """ "7/7 thành viên có mặt tán thành (100%), 0 không tán thành." or room to write it."""
    agree, against = details.get("agree"), details.get("against")
    if agree is None:
        return f"…… /{present} thành viên có mặt tán thành, …… không tán thành."
    share = f" ({wording.ratio_percent(agree, present)})" if present else ""
    return f"{agree}/{present} thành viên có mặt tán thành{share}, {against or 0} không tán thành."
