"""Checks on uploaded evidence: size, declared type against the file's real content."""

from __future__ import annotations

import zipfile
from typing import IO

from django.conf import settings

from chiso.lib.files import ZIP_ERRORS

# extension -> (content type, magic bytes test)
ALLOWED = {
    "pdf": ("application/pdf", lambda head: head.startswith(b"%PDF-")),
    "png": ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    "jpeg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda head: head.startswith(b"PK\x03\x04"),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda head: head.startswith(b"PK\x03\x04"),
    ),
}


class UploadRefused(ValueError):
    """An upload that is not kept; the message says why, in Vietnamese."""


def max_size() -> int:
    return int(getattr(settings, "EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))


def check_upload(name: str, size: int, stream: IO[bytes]) -> str:
    """The content type of an acceptable upload, or UploadRefused."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise UploadRefused(
            f"Tệp «{name}»: chỉ nhận PDF, ảnh PNG/JPG, Word (.docx) hoặc Excel (.xlsx)."
        )
    if size > max_size():
        raise UploadRefused(
            f"Tệp «{name}» nặng {size / 1048576:.1f} MB, vượt giới hạn {max_size() / 1048576:.0f} MB."
        )
    if size == 0:
        raise UploadRefused(f"Tệp «{name}» rỗng.")
    content_type, looks_right = ALLOWED[extension]
    head = stream.read(16)
    stream.seek(0)
    if not looks_right(head):
        raise UploadRefused(
            f"Tệp «{name}» không phải là tệp .{extension} thật (nội dung không khớp phần mở rộng)."
        )
    if extension in ("docx", "xlsx"):
        _check_office_zip(name, stream)
    return content_type


def _check_office_zip(name: str, stream: IO[bytes]) -> None:
    try:
        with zipfile.ZipFile(stream) as archive:
            total = sum(info.file_size for info in archive.infolist())
            names = archive.namelist()
    except ZIP_ERRORS:
        raise UploadRefused(f"Tệp «{name}» bị hỏng (không đọc được).") from None
    finally:
        stream.seek(0)
    if total > 20 * max_size():
        raise UploadRefused(f"Tệp «{name}» giải nén quá lớn (nghi ngờ tệp độc hại).")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise UploadRefused(f"Tệp «{name}» có chứa macro: không nhận.")
