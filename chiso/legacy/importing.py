"""A legacy report read and scored: what the CLI prints and what the web loads into a draft."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chiso import rubric
from chiso.legacy.report_text import ReadReport, read_report, text_of
from chiso.lib.files import ZIP_ERRORS
from chiso.rubric.results import Finding

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 60 * 1024 * 1024


class UnreadableReport(ValueError):
    """A file that is not a report we can read; the message says why, in Vietnamese."""


@dataclass
class LegacyImport:
    report: ReadReport
    facts: dict[str, Any]
    awarded: dict[str, Any]
    card: rubric.Scorecard
    findings: list[Finding] = field(default_factory=list)


def analyse(text: str, framework: rubric.Framework) -> LegacyImport:
    """Points, facts and statements read from the text, scored by the engine, and the findings."""
    report = read_report(text)
    facts = dict(report.facts)
    for criterion_id, met in report.mandatory.items():
        if framework.has_criterion(criterion_id) and framework.criterion(criterion_id).is_mandatory:
            facts[framework.criterion(criterion_id).fact] = met
    awarded = {k: v for k, v in report.awarded.items() if framework.has_criterion(k)}
    try:
        card = rubric.score(framework, facts, awarded)
    except rubric.InvalidInput as exc:
        report.uncertain.extend(f"{where}: {problem}" for where, problem in exc.problems)
        bad = {where.split(" ")[0] for where, _ in exc.problems}
        awarded = {k: v for k, v in awarded.items() if k not in bad}
        try:
            card = rubric.score(framework, facts, awarded)
        except rubric.InvalidInput:
            awarded = {}
            card = rubric.score(framework, facts)
    findings = rubric.check(framework, report.stated, facts=facts) + list(card.findings)
    findings += [Finding("info", "đọc tệp", line, "uncertain") for line in report.uncertain]
    return LegacyImport(report, facts, awarded, card, findings)


def text_of_upload(name: str, content: bytes) -> str:
    """The text of an uploaded .docx or UTF-8 text extract, or UnreadableReport saying why."""
    if len(content) > MAX_BYTES:
        raise UnreadableReport(f"Tệp «{name}» quá lớn (tối đa {MAX_BYTES // 1048576} MB).")
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        _check_docx(name, content)
        try:
            return text_of_docx(content)
        except Exception as exc:
            raise UnreadableReport(
                f"Tệp «{name}» không đọc được như văn bản Word .docx ({type(exc).__name__})."
            ) from None
    if suffix in (".txt", ".text", ""):
        if content.startswith(b"PK\x03\x04") or b"\x00" in content[:4096]:
            raise UnreadableReport(f"Tệp «{name}» không phải văn bản thuần (.txt) như tên gọi.")
        try:
            return content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnreadableReport(
                f"Tệp «{name}»: không phải văn bản UTF-8 (byte thứ {exc.start + 1}). "
                "Hãy lưu lại với mã hóa UTF-8."
            ) from None
    raise UnreadableReport(
        f"Tệp «{name}»: chỉ nhận báo cáo Word .docx hoặc văn bản .txt (tệp .doc cũ: hãy mở "
        "bằng Word và lưu thành .docx)."
    )


def _check_docx(name: str, content: bytes) -> None:
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableReport(
            f"Tệp «{name}» có mật khẩu hoặc là tệp Word cũ (.doc) đổi tên: hãy mở và lưu thành .docx không mật khẩu."
        )
    if not content.startswith(b"PK\x03\x04"):
        raise UnreadableReport(f"Tệp «{name}» không phải tệp Word .docx (nội dung không khớp).")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
    except ZIP_ERRORS:
        raise UnreadableReport(f"Tệp «{name}» bị hỏng, không đọc được.") from None
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise UnreadableReport(f"Tệp «{name}» giải nén quá lớn (nghi ngờ tệp độc hại).")
    names = [i.filename for i in infos]
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise UnreadableReport(f"Tệp «{name}» có chứa macro: không nhận.")
    if "word/document.xml" not in names:
        raise UnreadableReport(f"Tệp «{name}» không phải văn bản Word .docx.")


def text_of_docx(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)


__all__ = ["LegacyImport", "UnreadableReport", "analyse", "text_of", "text_of_upload"]
