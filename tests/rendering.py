"""Documents rendered as people see them: each DOCX converted to PDF by LibreOffice and to PNG
pages by poppler during the test run, kept under var/renders/ for anyone to look at."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from chiso.reports.pdf_export import docx_to_pdf, soffice

ROOT = Path(__file__).resolve().parent.parent / "var" / "renders"

needs_renderer = pytest.mark.skipif(
    not (soffice() and shutil.which("pdftoppm") and shutil.which("pdftotext")),
    reason="LibreOffice and poppler-utils are not installed (make system-deps)",
)


def render(docx: bytes, name: str) -> tuple[str, list[Path]]:
    """The document's text as the PDF prints it (whitespace folded) and its PNG pages."""
    folder = ROOT / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / f"{name}.docx").write_bytes(docx)
    pdf = folder / f"{name}.pdf"
    pdf.write_bytes(docx_to_pdf(docx))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(folder / "page")],
        check=True,
        capture_output=True,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return text, sorted(folder.glob("page*.png"))
