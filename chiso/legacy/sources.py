"""Files of any kind a school or an office keeps, read into a `Document`.

Word (.docx; .doc, .odt and .rtf through LibreOffice), spreadsheets (.xlsx; .xls and .ods through
LibreOffice), CSV and tab-separated text in UTF-8, UTF-16 or an 8-bit Vietnamese encoding, PDF
through pdftotext, and plain-text extracts. A file that cannot be read raises `UnreadableReport`
with a Vietnamese message saying which file and why.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from chiso.legacy.document import Document
from chiso.legacy.layout import read_layout
from chiso.legacy.limits import MAX_BYTES, UnreadableReport
from chiso.legacy.plain import DELIMITED, read_plain
from chiso.legacy.sheets import read_xlsx
from chiso.legacy.word import read_docx

CONVERT_SECONDS = 60

WORD = {".docx"}
WORD_CONVERTED = {".doc", ".odt", ".rtf", ".docm"}
SHEET = {".xlsx", ".xlsm"}
SHEET_CONVERTED = {".xls", ".ods"}
TEXT = {".txt", ".text", ""}
PDF = {".pdf"}
ACCEPTED = "Word (.docx, .doc, .odt), Excel (.xlsx, .xls, .ods), .csv, .tsv, .txt, .pdf"


def load(name: str, content: bytes) -> Document:
    """The document in a file, by its name's extension and checked against its content."""
    if len(content) > MAX_BYTES:
        raise UnreadableReport(f"Tệp «{name}» quá lớn (tối đa {MAX_BYTES // 1048576} MB).")
    suffix = Path(name).suffix.lower()
    if suffix in WORD:
        return read_docx(name, content)
    if suffix in SHEET:
        return read_xlsx(name, content)
    if suffix in WORD_CONVERTED:
        return read_docx(name, convert_with_office(name, content, "docx"), converted=suffix)
    if suffix in SHEET_CONVERTED:
        return read_xlsx(name, convert_with_office(name, content, "xlsx"), converted=suffix)
    if suffix in PDF:
        return read_layout(name, pdf_text(name, content))
    if suffix in DELIMITED or suffix in TEXT:
        return read_plain(name, content, suffix)
    raise UnreadableReport(f"Tệp «{name}»: chưa đọc được loại tệp này. Nhận: {ACCEPTED}.")


# -- converters ----------------------------------------------------------------------------------

MISSING_OFFICE = (
    "Tệp «{name}»: máy này chưa cài LibreOffice nên chưa đọc được tệp {suffix}. "
    "Hãy mở tệp và lưu thành {target}, hoặc nhờ người quản trị cài LibreOffice."
)


def convert_with_office(name: str, content: bytes, target: str) -> bytes:
    """A .doc/.odt/.rtf as .docx, or a .xls/.ods as .xlsx, converted by LibreOffice."""
    suffix = Path(name).suffix.lower()
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        raise UnreadableReport(MISSING_OFFICE.format(name=name, suffix=suffix, target=f".{target}"))
    with tempfile.TemporaryDirectory(prefix="chiso-doc-") as folder:
        work = Path(folder)
        source = work / f"tep{suffix}"
        source.write_bytes(content)
        # A profile of its own, so that conversions can run side by side.
        profile = f"-env:UserInstallation=file://{work / 'profile'}"
        command = [
            binary,
            profile,
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(work),
            str(source),
        ]
        _run(name, command)
        result = work / f"tep.{target}"
        if not result.exists():
            raise UnreadableReport(
                f"Tệp «{name}»: LibreOffice không chuyển được tệp này (tệp hỏng hoặc có mật khẩu?)."
            )
        return result.read_bytes()


def pdf_text(name: str, content: bytes) -> str:
    """The text of a PDF, laid out as on the page (tables keep their columns as spaces)."""
    if not content.startswith(b"%PDF"):
        raise UnreadableReport(f"Tệp «{name}» không phải tệp PDF (nội dung không khớp).")
    binary = shutil.which("pdftotext")
    if binary is None:
        raise UnreadableReport(
            f"Tệp «{name}»: máy này chưa cài pdftotext (gói poppler-utils) nên chưa đọc được PDF. "
            "Hãy gửi bản Word (.docx) của báo cáo, hoặc nhờ người quản trị cài poppler-utils."
        )
    with tempfile.TemporaryDirectory(prefix="chiso-pdf-") as folder:
        source = Path(folder) / "tep.pdf"
        source.write_bytes(content)
        out = _run(name, [binary, "-layout", "-enc", "UTF-8", str(source), "-"])
    text = out.decode("utf-8", errors="replace")
    if not text.strip():
        raise UnreadableReport(
            f"Tệp «{name}» là PDF ảnh chụp (không có chữ): hãy gửi bản Word hoặc bản PDF xuất từ Word."
        )
    return text


def _run(name: str, command: list[str]) -> bytes:
    try:
        done = subprocess.run(command, capture_output=True, timeout=CONVERT_SECONDS, check=False)  # noqa: S603
    except subprocess.TimeoutExpired:
        raise UnreadableReport(
            f"Tệp «{name}»: chuyển đổi quá {CONVERT_SECONDS} giây nên đã dừng (tệp quá lớn hoặc hỏng)."
        ) from None
    except OSError as exc:
        raise UnreadableReport(
            f"Tệp «{name}»: không chạy được công cụ chuyển đổi ({exc.strerror})."
        ) from None
    if done.returncode != 0:
        raise UnreadableReport(
            f"Tệp «{name}»: công cụ chuyển đổi báo lỗi (tệp hỏng hoặc có mật khẩu?)."
        )
    return done.stdout


__all__ = ["MAX_BYTES", "UnreadableReport", "load", "read_layout"]
