"""PDF of any DOCX document, converted by LibreOffice (installed by the project's setup).

Times New Roman is matched by Liberation Serif (package fonts-liberation), which carries every
Vietnamese diacritic and has the same metrics, so the layout of the DOCX holds in the PDF.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 90


class PdfUnavailable(RuntimeError):
    """The converter is missing or failed; the message is for the user."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF rendering of a DOCX document."""
    binary = soffice()
    if binary is None:
        raise PdfUnavailable(
            _("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản DOCX.")
        )
    with tempfile.TemporaryDirectory(prefix="chiso-pdf-") as folder:
        work = Path(folder)
        source = work / "van-ban.docx"
        source.write_bytes(docx)
        # A profile of its own, so that conversions can run side by side.
        profile = f"-env:UserInstallation=file://{work / 'profile'}"
        command = [
            binary,
            profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=True)  # noqa: S603
        except (subprocess.SubprocessError, OSError):
            raise PdfUnavailable(
                _("Chuyển sang PDF không thành công; hãy thử lại hoặc tải bản DOCX.")
            ) from None
        result = work / "van-ban.pdf"
        if not result.exists():
            raise PdfUnavailable(
                _("Chuyển sang PDF không thành công; hãy thử lại hoặc tải bản DOCX.")
            )
        return result.read_bytes()
