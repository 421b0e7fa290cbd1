"""`chiso score|check|validate|frameworks|bench`: the rubric engine on the command line.

Bad input exits with status 2 and a Vietnamese message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from chiso import rubric
from chiso.rubric import wording
from chiso.rubric.results import Finding, Scorecard

EXIT_BAD_INPUT = 2


class CliError(Exception):
    """A problem with what the user gave, shown as it is."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except CliError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (rubric.RubricError, rubric.InvalidInput, rubric.StatedError) as exc:
        print(f"Lỗi dữ liệu:\n{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chiso", description="Chấm điểm và kiểm tra mức độ chuyển đổi số (chiso)."
    )
    sub = parser.add_subparsers(required=True, metavar="LỆNH")
    p = sub.add_parser("score", help="chấm điểm từ các dữ kiện trong tệp YAML/JSON")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(run=cmd_score)
    p = sub.add_parser("check", help="tìm các chỗ mâu thuẫn trong số liệu một văn bản nêu")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(run=cmd_check)
    p = sub.add_parser(
        "import-report", help="đọc báo cáo cũ (.docx hoặc văn bản trích xuất): điểm, mức, mâu thuẫn"
    )
    p.add_argument("file")
    p.add_argument("--framework", default="qd4725-2022")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(run=cmd_import_report)
    p = sub.add_parser("validate", help="kiểm tra một tệp bộ chỉ số (YAML)")
    p.add_argument("file")
    p.set_defaults(run=cmd_validate)
    p = sub.add_parser("frameworks", help="liệt kê các bộ chỉ số có sẵn")
    p.set_defaults(run=cmd_frameworks)
    p = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu và tệp minh chứng vào một tệp .tar.gz")
    p.add_argument("archive")
    p.set_defaults(run=cmd_manage("backup"))
    p = sub.add_parser("restore", help="khôi phục một bản sao lưu vào cơ sở dữ liệu trống")
    p.add_argument("archive")
    p.set_defaults(run=cmd_manage("restore"))
    p = sub.add_parser("bench", help="đo tốc độ chấm điểm trên một lõi")
    p.add_argument("-n", type=int, default=55_000, help="số bản đánh giá (mặc định 55.000)")
    p.set_defaults(run=cmd_bench)
    p = sub.add_parser("path", help="đường lên mức tiếp theo của từng nhóm (ít thay đổi nhất)")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(run=cmd_path)
    p = sub.add_parser("bench-paths", help="đo thời gian tìm đường lên mức tiếp theo")
    p.add_argument("-n", type=int, default=2_000, help="số bản đánh giá (mặc định 2.000)")
    p.set_defaults(run=cmd_bench_paths)
    p = sub.add_parser(
        "synth", help="tạo quốc gia giả lập (34 Sở, ~700 Phòng, 55.000 cơ sở, 3 năm học) trong CSDL"
    )
    p.add_argument("--institutions", type=int, default=55_000)
    p.add_argument("--provinces", type=int, default=34)
    p.add_argument("--districts", type=int, default=700)
    p.add_argument("--prefix", default="SYN")
    p.set_defaults(run=cmd_synth)
    return parser


def cmd_manage(command: str) -> Any:
    """A sub-command that runs the Django management command of the same name on `archive`."""

    def run(args: argparse.Namespace) -> int:
        import os

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
        import django
        from django.core.management import CommandError, call_command

        django.setup()
        try:
            call_command(command, args.archive)
        except CommandError as exc:
            raise CliError(str(exc)) from None
        return 0

    return run


# -- input ---------------------------------------------------------------------------------------


def read_input(path: str) -> dict[str, Any]:
    """The mapping in a YAML or JSON input file, or CliError saying what is wrong."""
    file = Path(path)
    if not file.is_file():
        raise CliError(f"không tìm thấy tệp {path}")
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"không đọc được tệp {path} (cần văn bản UTF-8): {exc}") from None
    try:
        data = json.loads(text) if file.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError, ValueError, RecursionError) as exc:
        # ValueError: a YAML date such as 2024-13-45, or a JSON number of 5,000 digits.
        raise CliError(f"tệp {path} không phải YAML/JSON hợp lệ: {exc}") from None
    if not isinstance(data, Mapping):
        raise CliError(
            f"tệp {path}: nội dung phải là một bảng có khóa 'framework', 'facts' và/hoặc 'stated'"
        )
    if "framework" not in data:
        raise CliError(f"tệp {path}: thiếu khóa 'framework' (ví dụ: framework: qd4725-2022)")
    for key in ("facts", "awarded"):
        if data.get(key) is not None and not isinstance(data[key], Mapping):
            raise CliError(f"tệp {path}: '{key}' phải là một bảng mã: giá trị")
    return dict(data)


def _framework(data: Mapping[str, Any]) -> rubric.Framework:
    return rubric.load_framework(str(data["framework"]))


# -- commands ------------------------------------------------------------------------------------


def cmd_score(args: argparse.Namespace) -> int:
    data = read_input(args.file)
    framework = _framework(data)
    card = rubric.score(framework, data.get("facts") or {}, data.get("awarded") or {})
    _emit(framework, data, card, list(card.findings), args.json)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    data = read_input(args.file)
    framework = _framework(data)
    facts = data.get("facts") or {}
    stated = data.get("stated")
    awarded = data.get("awarded") or rubric.awarded_from_stated(framework, stated)
    try:
        card = rubric.score(framework, facts, awarded)
    except rubric.InvalidInput:
        # Stated points above a cap are reported by check() below; score what the facts allow.
        card = rubric.score(framework, facts)
    findings = rubric.check(framework, stated, facts=facts)
    _emit(framework, data, card, findings + list(card.findings), args.json, stated=stated)
    return 1 if any(f.severity == "error" for f in findings) else 0


def cmd_import_report(args: argparse.Namespace) -> int:
    from chiso.legacy.importing import analyse, text_of

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"không tìm thấy tệp {args.file}")
    try:
        text = text_of(path)
    except Exception as exc:  # a broken or disguised file is a message, not a traceback
        kind = type(exc).__name__
        raise CliError(
            f"không đọc được tệp {args.file} (cần .docx hoặc văn bản UTF-8): {kind}"
        ) from None
    framework = rubric.load_framework(args.framework)
    result = analyse(text, framework)
    report, card, findings = result.report, result.card, result.findings
    data = {"framework": framework.id, "unit": {"name": report.unit_name}}
    _emit(framework, data, card, findings, args.json, stated=report.stated)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    framework = rubric.load_framework(args.file)
    items = len(framework.all_items)
    print(
        f"Hợp lệ: {framework.id} (phiên bản {framework.version}), {len(framework.groups)} nhóm, {len(framework.all_criteria)} tiêu chí, {items} mục."
    )
    return 0


def cmd_frameworks(args: argparse.Namespace) -> int:
    for name in rubric.available_frameworks():
        fw = rubric.load_framework(name)
        print(f"{fw.id}\t{fw.decision.number}\t{fw.status}\t{fw.decision.title}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    framework = rubric.load_framework("qd4725-2022")
    fact_sets = synthetic_facts(framework, args.n)
    # The inputs live for the whole run; keep the collector from rescanning them (as rows read
    # from a database would not be) so that the figure measures scoring.
    gc.collect()
    gc.freeze()
    started = time.process_time()
    levels = [0, 0, 0, 0]
    for facts in fact_sets:
        card = rubric.score(framework, facts)
        levels[card.overall_level or 0] += 1
    elapsed = time.process_time() - started
    print(
        f"Chấm {args.n:,} bản đánh giá trong {elapsed:.2f} s CPU (một lõi); mức chung 1/2/3: {levels[1]}/{levels[2]}/{levels[3]}"
    )
    print(f"assessments scored per second (one core): {args.n / elapsed:,.0f}")
    return 0


def cmd_path(args: argparse.Namespace) -> int:
    from chiso.rubric import paths

    data = read_input(args.file)
    framework = _framework(data)
    card = rubric.score(framework, data.get("facts") or {}, data.get("awarded") or {})
    effort: dict[str, Any] = {}
    for target, raw in (data.get("effort") or {}).items():
        try:
            weight = Fraction(str(raw).replace(",", "."))
        except (ValueError, ZeroDivisionError):
            weight = Fraction(0)
        if weight <= 0 or not (
            framework.has_item(str(target)) or framework.has_criterion(str(target))
        ):
            raise CliError(f"effort: «{target}: {raw}» phải là mã mục/tiêu chí với trọng số dương")
        effort[str(target)] = weight
    answer = paths.paths(framework, card, effort or None)
    if args.json:
        print(json.dumps([g.to_dict() for g in answer], ensure_ascii=False, indent=2))
        return 0
    for group in answer:
        print(group.summary())
        for n, route in enumerate(group.routes, start=1):
            if not route.steps:
                continue
            steps = "; ".join(
                f"{s.item_id} {wording.number(s.current)} → {wording.number(s.target)} ({s.how})"
                for s in route.steps
            )
            print(f"  Phương án {n}: {steps}")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    """The synthetic country, in the database DATABASE_URL names (Django is set up here only)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command(
        "synth",
        institutions=args.institutions,
        provinces=args.provinces,
        districts=args.districts,
        prefix=args.prefix,
    )
    return 0


def cmd_bench_paths(args: argparse.Namespace) -> int:
    from chiso.rubric import paths

    framework = rubric.load_framework("qd4725-2022")
    cards = [rubric.score(framework, facts) for facts in synthetic_facts(framework, args.n, 3806)]
    times = []
    routes = 0
    gc.collect()
    gc.freeze()  # as in `bench`: measure the search, not the collector rescanning the inputs
    for card in cards:
        started = time.process_time()
        answer = paths.paths(framework, card)
        times.append(time.process_time() - started)
        routes += sum(len(g.routes) for g in answer)
    times.sort()
    ms = [t * 1000 for t in times]
    p95 = ms[int(len(ms) * 0.95) - 1] if len(ms) >= 20 else ms[-1]
    print(
        f"Đường lên mức tiếp theo (cả bộ chỉ số 4725, mọi nhóm; thời gian CPU) cho {args.n:,} bản đánh giá: "
        f"trung bình {sum(ms) / len(ms):.2f} ms, p95 {p95:.2f} ms, lâu nhất {ms[-1]:.2f} ms "
        f"({routes:,} phương án)"
    )
    print(
        f"paths per assessment (CPU): mean {sum(ms) / len(ms):.2f} ms, p95 {p95:.2f} ms, max {ms[-1]:.2f} ms"
    )
    # The hardest case: a school with nothing yet (every yes/no "không", every count 0).
    empty: dict[str, Any] = {}
    for spec in framework.facts:
        empty[spec.id] = False if spec.type == "bool" else 0
        if spec.type == "choice":
            empty[spec.id] = spec.options[0][0]
    empty.update(teachers_total=40, classrooms_total=20)
    card = rubric.score(framework, empty)
    started = time.process_time()
    paths.paths(framework, card)
    worst = (time.process_time() - started) * 1000
    print(f"worst case (CPU; nothing yet, every group at 0 points): {worst:.2f} ms")
    return 0


def synthetic_facts(framework: rubric.Framework, n: int, seed: int = 4725) -> list[dict[str, Any]]:
    """n complete, varied fact sets (deterministic) for benchmarks."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        facts: dict[str, Any] = {}
        teachers = rng.randint(10, 120)
        rooms = rng.randint(5, 60)
        for spec in framework.facts:
            if spec.type == "bool":
                facts[spec.id] = rng.random() < 0.7
            elif spec.type == "choice":
                facts[spec.id] = rng.choice(spec.options)[0]
            elif spec.id.startswith("teachers_"):
                facts[spec.id] = rng.randint(0, teachers)
            elif spec.id.startswith("classrooms_"):
                facts[spec.id] = rng.randint(0, rooms)
            else:
                facts[spec.id] = rng.randint(0, 80)
        facts["teachers_total"], facts["classrooms_total"] = teachers, rooms
        facts["materials_built_this_year"] = min(
            facts["materials_built_this_year"], facts["approved_digital_materials"]
        )
        out.append(facts)
    return out


# -- output --------------------------------------------------------------------------------------


def _emit(
    framework: rubric.Framework,
    data: Mapping[str, Any],
    card: Scorecard,
    findings: list[Finding],
    as_json: bool,
    stated: object = None,
) -> None:
    if as_json:
        out = card.to_dict()
        out["findings"] = [f.to_dict() for f in findings]
        if stated is not None:
            out["stated"] = [
                {"key": ".".join(s.key), "value": _plain(s.value), "where": s.where}
                for s in rubric.parse_statements(stated)
            ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    print(render_table(framework, data, card, findings))


def _plain(value: Any) -> Any:
    from chiso.rubric.results import json_number

    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return json_number(value)


def render_table(
    framework: rubric.Framework, data: Mapping[str, Any], card: Scorecard, findings: list[Finding]
) -> str:
    """A readable Vietnamese table of a scorecard and its findings."""
    unit = (data.get("unit") or {}).get("name", "")
    lines = [f"{unit} — {framework.decision.number} ({framework.id})".strip(" —")]
    if framework.note:
        lines.append(f"Lưu ý: {framework.note}")
    lines.append("")
    for group in card.groups:
        gdef = framework.group(group.id)
        level = wording.level(group.level)
        lines.append(
            f"Nhóm {group.id}. {gdef.title}: {wording.number(group.points)}/{wording.number(group.max)} điểm — {level}"
        )
        for crit in group.criteria:
            cdef = framework.criterion(crit.id)
            title = _short(cdef.title, 60)
            if crit.kind == "mandatory":
                met = {True: "Đạt", False: "KHÔNG ĐẠT", None: "thiếu dữ kiện"}[crit.met]
                lines.append(f"  {crit.id:<6} {title:<60} {'điều kiện bắt buộc':>18}: {met}")
                continue
            pts = "—" if crit.points is None else wording.number(crit.points)
            lines.append(
                f"  {crit.id:<6} {title:<60} {pts:>5}/{wording.number(crit.max):<3} {wording.level(crit.level)}"
            )
            for item in crit.items:
                cap = "—" if item.cap is None else wording.number(item.cap)
                awarded = "—" if item.awarded is None else wording.number(item.awarded)
                lines.append(
                    f"      {item.id:<7} tối đa {cap:>3}  chấm {awarded:>3}  {item.explanation}"
                )
        lines.append(f"  → {group.explanation}")
        lines.append("")
    if card.overall_level is not None:
        lines.append(
            f"Mức chung (quy ước: mức thấp nhất của các nhóm, không phải quy định của quyết định): Mức độ {card.overall_level}"
        )
    if card.missing_facts:
        lines.append("Thiếu dữ kiện: " + ", ".join(card.missing_facts))
    if findings:
        lines.append("")
        lines.append(f"Phát hiện ({len(findings)}):")
        names = {"error": "LỖI", "warning": "CẢNH BÁO", "info": "GHI CHÚ"}
        for f in findings:
            lines.append(f"  [{names[f.severity]}] {f.where}: {f.message}")
    return "\n".join(lines)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


if __name__ == "__main__":
    raise SystemExit(main())
