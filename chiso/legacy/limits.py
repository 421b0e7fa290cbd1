"""What every reader of files refuses, and how it says so. Standard library only."""

from __future__ import annotations

import io
import zipfile

from chiso.lib.files import ZIP_ERRORS

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 60 * 1024 * 1024
MAX_ROWS, MAX_COLUMNS = 5_000, 80  # a sheet's used range; far beyond any real scoring table


class UnreadableReport(ValueError):
    """A file that is not a report we can read; the message says which and why, in Vietnamese."""


def letters(column: int) -> str:
    """A spreadsheet's column name ("A", "AB") from its index."""
    name = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def check_zip(name: str, content: bytes, kind: str, member: str) -> None:
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableReport(
            f"Tệp «{name}» có mật khẩu hoặc là tệp {kind} cũ đổi tên: hãy mở và lưu lại không mật khẩu."
        )
    if not content.startswith(b"PK\x03\x04"):
        raise UnreadableReport(f"Tệp «{name}» không phải tệp {kind} (nội dung không khớp).")
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
    if member not in names:
        raise UnreadableReport(f"Tệp «{name}» không phải tệp {kind}.")
