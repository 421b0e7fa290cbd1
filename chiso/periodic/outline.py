"""Report outlines as plain text an office writes without code (S3's monthly report, S4's outline).

    # I. KẾT QUẢ THỰC HIỆN                  a heading (#, ##, ### for its depth)
    - {so_co_so} cơ sở giáo dục; {ty_le_hoan_thanh} hoàn thành tự đánh giá.
                                            text, with figures computed from the data in braces
    [bảng: thong_ke_muc_do]                 a table computed from the data
    [viết: Ưu điểm, hạn chế]                a section written in the app (the hint is shown)

Parsing never raises: problems come back with their line number, in Vietnamese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")
SLOT = re.compile(r"^\[(viết|bảng)(?::\s*(.*))?\]$", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" | "text" | "table" | "write"
    text: str
    line: int
    depth: int = 0


@dataclass(frozen=True)
class Outline:
    blocks: tuple[Block, ...]
    problems: tuple[str, ...]

    @property
    def slots(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "write"]


def parse(text: str, figures: set[str], tables: set[str]) -> Outline:
    blocks: list[Block] = []
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            depth = len(line) - len(line.lstrip("#"))
            title = line.lstrip("#").strip()
            if not title:
                problems.append(_("Dòng %(number)s: tiêu đề trống sau dấu #.") % {"number": number})
            blocks.append(Block("heading", title, number, min(depth, 3)))
            continue
        slot = SLOT.match(line)
        if slot:
            kind, argument = slot.group(1).lower(), (slot.group(2) or "").strip()
            if kind == "bảng":
                if argument not in tables:
                    problems.append(
                        _(
                            "Dòng %(number)s: không có bảng «%(argument)s». Các bảng có sẵn: %(join)s."
                        )
                        % {
                            "number": number,
                            "argument": argument,
                            "join": ", ".join(sorted(tables)),
                        }
                    )
                blocks.append(Block("table", argument, number))
            else:
                blocks.append(Block("write", argument, number))
            continue
        if line.startswith("[") and line.endswith("]"):
            problems.append(
                _(
                    "Dòng %(number)s: «%(line)s» không hiểu được; dùng [viết: gợi ý] hoặc [bảng: tên bảng]."
                )
                % {"number": number, "line": line}
            )
            continue
        for name in PLACEHOLDER.findall(line):
            if name not in figures:
                problems.append(
                    _("Dòng %(number)s: không có số liệu «{%(name)s}».")
                    % {"number": number, "name": name}
                )
        if line.count("{") != line.count("}"):
            problems.append(_("Dòng %(number)s: thiếu dấu { hoặc }.") % {"number": number})
        blocks.append(Block("text", line, number))
    if not blocks:
        problems.append(_("Đề cương trống: hãy viết ít nhất một mục."))
    return Outline(tuple(blocks), tuple(problems))


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each {figure} replaced by its value."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
