"""How well the reader does on a folder of files whose truth is known (`NAME.truth.json` beside
each file): the share of per-criterion points read exactly, and every point read wrong.

A truth file holds {"layout": …, "units": [{"name": …, "points": {"1.3": 19, …},
"items": {"2.3.a": 6, …}, "refused": ["1.5"]}], "stated": [{"key": …, "value": …}, …]}:
`points` are what a careful reader takes, `refused` what it must not take (a value above its
maximum), `stated` the figures a report states (for the seeds). Pure standard library.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from chiso import rubric
from chiso.legacy.importing import UnitImport, import_file
from chiso.legacy.numbers import parse_level
from chiso.legacy.sources import UnreadableReport
from chiso.legacy.text import fold
from chiso.rubric import wording


@dataclass
class FileResult:
    name: str
    layout: str
    expected: int = 0  # criterion points the truth gives
    exact: int = 0
    wrong: list[str] = field(default_factory=list)  # "1.3: 6 ≠ 19"
    stated_expected: int = 0
    stated_found: int = 0
    missed_statements: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class BenchResult:
    files: list[FileResult] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return sum(f.expected for f in self.files)

    @property
    def exact(self) -> int:
        return sum(f.exact for f in self.files)

    @property
    def wrong(self) -> list[str]:
        return [f"{f.name}: {w}" for f in self.files for w in f.wrong]

    def lines(self) -> list[str]:
        share = Fraction(self.exact * 100, self.expected) if self.expected else Fraction(0)
        out = [
            f"Nhập tệp cũ: {len(self.files)} tệp có đáp án",
            f"  điểm từng tiêu chí đọc đúng: {self.exact}/{self.expected} ({wording.percent(share)}); "
            f"điểm đọc sai: {len(self.wrong)}",
        ]
        out += [f"  SAI {w}" for w in self.wrong]
        out += [f"  không đọc được {f.name}: {f.error}" for f in self.files if f.error]
        out += _by_layout(self.files)
        out += _seeds(self.files)
        out.append(
            f"import: per-criterion points recovered exactly: {float(share):.1f}% "
            f"({self.exact} of {self.expected}); wrong points: {len(self.wrong)}"
        )
        return out


def _by_layout(files: list[FileResult]) -> list[str]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for f in files:
        totals[f.layout][0] += f.exact
        totals[f.layout][1] += f.expected
        totals[f.layout][2] += len(f.wrong)
    parts = [
        f"{name} {exact}/{expected}" + (f" (sai {wrong})" if wrong else "")
        for name, (exact, expected, wrong) in sorted(totals.items())
    ]
    return ["  theo kiểu tệp: " + " · ".join(parts)] if parts else []


def _seeds(files: list[FileResult]) -> list[str]:
    out = []
    for f in files:
        if not f.stated_expected:
            continue
        out.append(
            f"  {f.name}: điểm tiêu chí {f.exact}/{f.expected}, số liệu văn bản nêu "
            f"{f.stated_found}/{f.stated_expected}"
        )
        out += [f"    thiếu: {m}" for m in f.missed_statements]
    return out


def run_bench(folder: Path, framework: rubric.Framework) -> BenchResult:
    """Every file of `folder` that has a truth file, read and compared with its truth."""
    result = BenchResult()
    for truth_path in sorted(folder.glob("*.truth.json")):
        source = truth_path.with_name(truth_path.name.removesuffix(".truth.json"))
        if source.exists():
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            result.files.append(compare_file(source, truth, framework))
    return result


def compare_file(source: Path, truth: dict[str, Any], framework: rubric.Framework) -> FileResult:
    result = FileResult(source.name, str(truth.get("layout", "")))
    expected_units = truth.get("units", [])
    result.expected = sum(len(u.get("points", {})) for u in expected_units)
    try:
        units = import_file(source.name, source.read_bytes(), framework)
    except UnreadableReport as exc:
        result.error = str(exc)
        return result
    if len(units) != len(expected_units):
        result.error = f"đọc ra {len(units)} đơn vị, đáp án có {len(expected_units)}"
    for unit, expected in zip(units, expected_units, strict=False):
        _compare_unit(unit, expected, result)
    if truth.get("stated"):
        _compare_stated(units[0], truth["stated"], result)
    return result


def _compare_unit(unit: UnitImport, expected: dict[str, Any], result: FileResult) -> None:
    points = {k: Fraction(str(v)) for k, v in expected.get("points", {}).items()}
    items = {k: Fraction(str(v)) for k, v in expected.get("items", {}).items()}
    known = points | items
    for target, value in unit.read.items():
        if target in known and known[target] == value:
            result.exact += target in points
        elif target in known:
            result.wrong.append(
                f"{unit.unit_name or '?'} {target}: đọc {value}, đúng là {known[target]}"
            )
        else:
            result.wrong.append(
                f"{unit.unit_name or '?'} {target}: đọc {value}, tệp không cho điểm này"
            )


def _compare_stated(unit: UnitImport, wanted: list[dict[str, Any]], result: FileResult) -> None:
    """Each figure the document states must be among what was read, with the same value."""
    read = [(".".join(s.key), s.value, s.raw) for s in rubric.parse_statements(unit.reading.stated)]
    for statement in wanted:
        result.stated_expected += 1
        if any(_same(statement, key, value, raw) for key, value, raw in read):
            result.stated_found += 1
        else:
            result.missed_statements.append(f"{statement['key']} = {statement['value']}")


def _same(wanted: dict[str, Any], key: str, value: Any, raw: Any) -> bool:
    if wanted["key"].startswith("percent.") and key.startswith("percent."):
        return _number(wanted["value"]) == _number(value) and wanted.get("numerator") == raw.get(
            "numerator"
        )
    if wanted["key"] != key:
        return False
    if key.endswith(".level"):
        return _level(wanted["value"]) == _level(value)
    if _number(wanted["value"]) is not None:
        return _number(wanted["value"]) == _number(value)
    return fold(str(wanted["value"])) == fold(str(value))


def _number(value: Any) -> Fraction | None:
    if isinstance(value, bool):
        return None
    try:
        return Fraction(str(value).replace(",", ".").rstrip("%"))
    except (ValueError, ZeroDivisionError):
        return None


def _level(value: Any) -> Any:
    if str(value).strip().isdigit():
        return int(str(value).strip())
    level = parse_level(str(value))
    if level is None:
        return fold(str(value))
    return level.value if level.value is not None else level.met
