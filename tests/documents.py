"""Reading a DOCX the way a reader meets it (paragraphs and table rows in order), and rendering
it to PDF and PNG pages under var/documents/ so anyone can look at what a test produced."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

OUT = Path(__file__).resolve().parent.parent / "var" / "documents"


def _text(element) -> str:
    """A paragraph's text, a line break as "\n", a non-breaking hyphen ("2024-2025") as "-"."""
    return "".join(
        "\n"
        if node.tag == qn("w:br")
        else "-"
        if node.tag == qn("w:noBreakHyphen")
        else node.text or ""
        for node in element.iter(qn("w:t"), qn("w:br"), qn("w:noBreakHyphen"))
    )


def lines(content: bytes) -> list[str]:
    """Every paragraph of the body in order; a table row as its cells joined by " | "."""
    body = Document(io.BytesIO(content)).element.body
    found: list[str] = []
    for block in body.iterchildren():
        if block.tag == qn("w:p"):
            text = _text(block).strip()
            if text:
                found.append(text)
        elif block.tag == qn("w:tbl"):
            for row in block.iter(qn("w:tr")):
                cells = []
                for cell in row.iter(qn("w:tc")):
                    paragraphs = [_text(p) for p in cell.iter(qn("w:p"))]
                    cells.append("\n".join(p for p in paragraphs if p))
                found.append(" | ".join(cells))
    return found


def in_order(found: list[str], expected: list[str]) -> list[int]:
    """The index of each expected start in `found`, each after the previous one; fails naming
    the first section missing or out of place."""
    positions, start = [], 0
    for wanted in expected:
        index = next((i for i in range(start, len(found)) if wanted in found[i]), None)
        assert index is not None, (
            f"«{wanted}» missing after line {start}: {found[start : start + 5]}"
        )
        positions.append(index)
        start = index + 1
    return positions


def render_pages(content: bytes, name: str) -> list[Path]:
    """The DOCX as PDF and one PNG per page under var/documents/<name>/ (skipped without
    LibreOffice or poppler)."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        return []
    folder = OUT / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    source = folder / f"{name}.docx"
    source.write_bytes(content)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/.profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = folder / f"{name}.pdf"
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", str(pdf), str(folder / "page")], check=True, timeout=120
    )
    shutil.rmtree(folder / ".profile", ignore_errors=True)
    pages = sorted(folder.glob("page-*.png"))
    assert pdf.stat().st_size > 0 and pages
    return pages
