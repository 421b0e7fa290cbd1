"""Checks on uploaded evidence: size, declared type against the file's real content.

Word and Excel files are ZIP packages whose parts say what they are in [Content_Types].xml and
how they link in *.rels: those are read (not the part names, which a macro can change), and a
package with macros, ActiveX or embedded OLE objects, or that makes the reader's computer fetch
something from elsewhere when opened (a remote template, image or frame), is refused.
"""

from __future__ import annotations

import re
import zipfile
from typing import IO
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _

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
            _("Tệp «%(name)s»: chỉ nhận PDF, ảnh PNG/JPG, Word (.docx) hoặc Excel (.xlsx).")
            % {"name": name}
        )
    if size > max_size():
        raise UploadRefused(
            f"Tệp «{name}» nặng {size / 1048576:.1f} MB, vượt giới hạn {max_size() / 1048576:.0f} MB."
        )
    if size == 0:
        raise UploadRefused(_("Tệp «%(name)s» rỗng.") % {"name": name})
    content_type, looks_right = ALLOWED[extension]
    head = stream.read(16)
    stream.seek(0)
    if not looks_right(head):
        raise UploadRefused(
            _(
                "Tệp «%(name)s» không phải là tệp .%(extension)s thật (nội dung không khớp phần mở rộng)."
            )
            % {"name": name, "extension": extension}
        )
    if extension in ("docx", "xlsx"):
        _check_office_zip(name, stream, extension, size)
    return content_type


MAIN_PART = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
# Content types of executable or embedded content: macros, ActiveX, OLE objects.
ACTIVE_CONTENT = re.compile(r"macroenabled|vbaproject|vbadata|activex|oleobject|\.ole\b|msdownload")
ACTIVE_RELATIONSHIPS = ("/vbaproject", "/oleobject", "/activexcontrol", "/activexcontrolbinary")
MAX_PACKAGE_PARTS = 5_000
MAX_DESCRIPTION_BYTES = 2 * 1024 * 1024  # [Content_Types].xml or one .rels part


# A real document packs text and pictures a few times over; a bomb packs zeros a thousandfold.
MAX_PACKING_RATIO = 100
RATIO_FROM_BYTES = 10 * 1024 * 1024  # small documents may pack well (a template's styles)


def _check_office_zip(name: str, stream: IO[bytes], extension: str, size: int) -> None:
    try:
        with zipfile.ZipFile(stream) as archive:
            total = sum(info.file_size for info in archive.infolist())
            names = archive.namelist()
            if total > 20 * max_size() or (
                total > RATIO_FROM_BYTES and total > MAX_PACKING_RATIO * size
            ):
                raise UploadRefused(
                    _("Tệp «%(name)s» giải nén quá lớn (nghi ngờ tệp độc hại).") % {"name": name}
                )
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise UploadRefused(_("Tệp «%(name)s» có chứa macro: không nhận.") % {"name": name})
            problem = _package_problem(archive, extension)
    except UploadRefused:
        raise
    except (*ZIP_ERRORS, expat.ExpatError):
        raise UploadRefused(
            _("Tệp «%(name)s» bị hỏng (không đọc được).") % {"name": name}
        ) from None
    finally:
        stream.seek(0)
    if problem:
        raise UploadRefused(
            _("Tệp «%(name)s» %(problem)s: không nhận.") % {"name": name, "problem": problem}
        )


def _elements(archive: zipfile.ZipFile, part: str) -> list[dict[str, str]]:
    """The attributes of every element of a small XML part, read by expat with no DTD allowed:
    no entity can expand (billion laughs) or reach a file or a server (XXE)."""
    info = archive.getinfo(part)
    if info.file_size > MAX_DESCRIPTION_BYTES:
        raise ValueError(part)
    found: list[dict[str, str]] = []
    parser = expat.ParserCreate()
    parser.StartElementHandler = lambda _name, attributes: found.append(attributes)
    parser.StartDoctypeDeclHandler = _no_dtd
    with archive.open(info) as handle:
        parser.Parse(handle.read(MAX_DESCRIPTION_BYTES + 1), True)
    return found


def _no_dtd(*_args: object) -> None:
    raise ValueError("DTD")


def _package_problem(archive: zipfile.ZipFile, extension: str) -> str:
    """What makes an Office package unacceptable, in words; "" when nothing does."""
    names = archive.namelist()
    if len(names) > MAX_PACKAGE_PARTS:
        return _("có quá nhiều phần")
    if "[Content_Types].xml" not in names:
        return _("không phải tệp Office (thiếu bảng kiểu nội dung)")
    types = {
        (e.get("ContentType") or "").lower() for e in _elements(archive, "[Content_Types].xml")
    }
    if any(ACTIVE_CONTENT.search(kind) for kind in types):
        return _("có macro, ActiveX hoặc đối tượng OLE nhúng")
    if MAIN_PART[extension] not in types:
        return _("không phải tài liệu .%(ext)s thông thường (kiểu nội dung chính khác)") % {
            "ext": extension
        }
    for part in (n for n in names if n.lower().endswith(".rels")):
        for relation in _elements(archive, part):
            problem = _relationship_problem(relation)
            if problem:
                return problem
    return ""


def _relationship_problem(relation: dict[str, str]) -> str:
    kind = (relation.get("Type") or "").lower()
    if kind.endswith(ACTIVE_RELATIONSHIPS):
        return _("có macro, ActiveX hoặc đối tượng OLE nhúng")
    external = (relation.get("TargetMode") or "").lower() == "external"
    if (
        external
        and not kind.endswith("/hyperlink")
        and not _local_path(relation.get("Target") or "")
    ):
        return _("tải nội dung từ nơi khác khi mở (%(target)s)") % {
            "target": (relation.get("Target") or "")[:80]
        }
    return ""


def _local_path(target: str) -> bool:
    """A file on the reader's own disk (a template's path), not a server (http, \\\\host, file://host)."""
    lowered = target.strip().lower()
    if lowered.startswith("file:///") or (lowered.startswith("/") and not lowered.startswith("//")):
        return True
    return bool(re.match(r"^[a-z]:[\\/]", lowered))
