"""`chiso score|check|validate|frameworks|bench`: the rubric engine on the command line.

Bad input exits with status 2 and a Vietnamese message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import random
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, NoReturn

import yaml

from chiso import rubric
from chiso.legacy.bench import run_bench
from chiso.legacy.importing import import_file
from chiso.legacy.sources import UnreadableReport
from chiso.rubric import paths, wording
from chiso.rubric.results import Finding, Scorecard, json_number

EXIT_BAD_INPUT = 2


class CliError(Exception):
    """A problem with what the user gave, shown as it is."""


def main(argv: Sequence[str] | None = None) -> int:
    with vietnamese_argparse():
        parser = _parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, or a usage error already said in Vietnamese
            return int(exc.code or 0)
    try:
        return int(args.run(args))
    except CliError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (rubric.RubricError, rubric.InvalidInput, rubric.StatedError) as exc:
        print(f"Lỗi dữ liệu:\n{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (MemoryError, RecursionError, OverflowError) as exc:
        print(
            f"Lỗi: dữ liệu quá lớn hoặc lồng nhau quá sâu để xử lý ({type(exc).__name__}).",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT


# argparse's own messages, in Vietnamese (it asks gettext for each of them).
ARGPARSE_WORDS = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có lựa chọn %(value)r (chọn một trong: %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "the following arguments are required: %s": "thiếu tham số: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s chưa rõ: có thể là %(matches)s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "not allowed with argument %s": "không dùng cùng tham số %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
}


@contextlib.contextmanager
def vietnamese_argparse() -> Iterator[None]:
    """argparse's usage, help and errors in Vietnamese while the command line is read."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = lambda text: ARGPARSE_WORDS.get(text, text)  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: ARGPARSE_WORDS.get(
        one if n == 1 else many, one if n == 1 else many
    )  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class VietnameseParser(argparse.ArgumentParser):
    """A usage error as every other error of the command line: "Lỗi: …" first, then how to use."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"Lỗi: {message}\n")
        self.print_usage(sys.stderr)
        sys.stderr.write(f"Hướng dẫn: {self.prog} --help\n")
        sys.exit(EXIT_BAD_INPUT)


MAX_COUNT = 10_000_000  # a benchmark of more would take hours and gigabytes


def scale_factor(text: str) -> float:
    """A --scale value: a number above 0 and at most 10 ("0,01" or "0.01")."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» không phải một số") from None
    if not 0 < value <= 10:
        raise argparse.ArgumentTypeError(f"phải lớn hơn 0 và không quá 10 (đã nhập {text})")
    return value


def positive_count(text: str) -> int:
    """A -n value: a whole number from 1 to 10.000.000."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» không phải số nguyên") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"phải là số nguyên dương (đã nhập {value})")
    if value > MAX_COUNT:
        raise argparse.ArgumentTypeError(
            f"tối đa {MAX_COUNT:,} (đã nhập {value:,})".replace(",", ".")
        )
    return value


def _parser() -> argparse.ArgumentParser:
    parser = VietnameseParser(
        prog="chiso", description="Chấm điểm và kiểm tra mức độ chuyển đổi số (chiso)."
    )
    sub = parser.add_subparsers(required=True, metavar="LỆNH", title="lệnh")
    p = sub.add_parser("score", help="chấm điểm từ các dữ kiện trong tệp YAML/JSON")
    p.add_argument("file", metavar="TỆP", help="tệp YAML/JSON: framework, facts, awarded")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(run=cmd_score)
    p = sub.add_parser("check", help="tìm các chỗ mâu thuẫn trong số liệu một văn bản nêu")
    p.add_argument("file", metavar="TỆP", help="tệp YAML/JSON: framework, facts, stated")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(run=cmd_check)
    p = sub.add_parser(
        "import-report",
        help="đọc báo cáo, kế hoạch hay bảng tổng hợp cũ (Word, Excel, CSV, văn bản, PDF): điểm, mức, mâu thuẫn",
    )
    p.add_argument(
        "file", metavar="TỆP", help=".docx .doc .odt .xlsx .xls .ods .csv .tsv .txt .pdf"
    )
    p.add_argument(
        "--framework",
        default="qd4725-2022",
        metavar="BỘ_CHỈ_SỐ",
        help="mã bộ chỉ số (mặc định qd4725-2022)",
    )
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(run=cmd_import_report)
    p = sub.add_parser("validate", help="kiểm tra một tệp bộ chỉ số (YAML)")
    p.add_argument("file", metavar="TỆP", help="tệp YAML của bộ chỉ số")
    p.set_defaults(run=cmd_validate)
    p = sub.add_parser("frameworks", help="liệt kê các bộ chỉ số có sẵn")
    p.set_defaults(run=cmd_frameworks)
    p = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu và tệp minh chứng vào một tệp .tar.gz")
    p.add_argument("archive", metavar="TỆP_NÉN", help="tệp .tar.gz sẽ tạo")
    p.set_defaults(run=cmd_manage("backup"))
    p = sub.add_parser("restore", help="khôi phục một bản sao lưu vào cơ sở dữ liệu trống")
    p.add_argument("archive", metavar="TỆP_NÉN", help="tệp .tar.gz đã sao lưu")
    p.set_defaults(run=cmd_manage("restore"))
    p = sub.add_parser("bench", help="đo tốc độ chấm điểm trên một lõi")
    p.add_argument(
        "-n", type=positive_count, default=55_000, help="số bản đánh giá (mặc định 55.000)"
    )
    p.set_defaults(run=cmd_bench)
    p = sub.add_parser("path", help="đường lên mức tiếp theo của từng nhóm (ít thay đổi nhất)")
    p.add_argument("file", metavar="TỆP", help="tệp YAML/JSON: framework, facts, effort")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(run=cmd_path)
    p = sub.add_parser("bench-paths", help="đo thời gian tìm đường lên mức tiếp theo")
    p.add_argument(
        "-n", type=positive_count, default=2_000, help="số bản đánh giá (mặc định 2.000)"
    )
    p.set_defaults(run=cmd_bench_paths)
    p = sub.add_parser(
        "bench-import",
        help="đo mức đọc đúng điểm từng tiêu chí trên một thư mục tệp có đáp án (*.truth.json)",
    )
    p.add_argument("folder", metavar="THƯ_MỤC", help="thư mục các tệp và đáp án của chúng")
    p.set_defaults(run=cmd_bench_import)
    p = sub.add_parser(
        "synth",
        help="tạo quốc gia giả lập như hiện nay (34 tỉnh, thành; ~3.300 xã, phường; ~700 Phòng đến "
        "30/6/2025; 55.000 cơ sở; năm học 2024-2025 đến 2026-2027) trong CSDL",
    )
    p.add_argument("--institutions", type=positive_count, default=55_000, help="số cơ sở")
    p.add_argument("--provinces", type=positive_count, default=34, help="số tỉnh, thành (Sở)")
    p.add_argument("--communes", type=positive_count, default=3_321, help="số xã, phường, đặc khu")
    p.add_argument(
        "--districts", type=positive_count, default=700, help="số Phòng GDĐT (đến 30/6/2025)"
    )
    p.add_argument(
        "--scale",
        type=scale_factor,
        default=1.0,
        help="hệ số nhân số xã, Phòng và cơ sở (ví dụ 0,01 cho một bản nhỏ)",
    )
    p.add_argument("--prefix", default="SYN", help="tiền tố mã đơn vị")
    p.set_defaults(run=cmd_synth)
    return parser


def _setup_django() -> None:
    """Set Django up for a command that uses the database. The engine's commands (score, check,
    path, bench) run without Django; its settings module must be named before it loads."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
    import django  # loaded only now: the engine's commands never need it

    django.setup()


def cmd_manage(command: str) -> Any:
    """A sub-command that runs the Django management command of the same name on `archive`."""

    def run(args: argparse.Namespace) -> int:
        _setup_django()
        # Django is loaded only by the commands that use the database (see _setup_django).
        from django.core.management import CommandError, call_command

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
    for key in ("facts", "awarded", "effort"):
        if data.get(key) is not None and not isinstance(data[key], Mapping):
            raise CliError(
                f"tệp {path}: '{key}' phải là một bảng mã: giá trị (không phải danh sách)"
            )
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
    content = read_bytes(args.file)
    framework = rubric.load_framework(args.framework)
    try:
        units = import_file(Path(args.file).name, content, framework)
    except UnreadableReport as exc:
        raise CliError(str(exc)) from None
    if args.json:
        data: Any = (
            units[0].to_dict() if len(units) == 1 else {"units": [u.to_dict() for u in units]}
        )
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(render_import(framework, unit) for unit in units))
    return 1 if any(unit.has_errors for unit in units) else 0


def read_bytes(path: str, limit: int = 10 * 1024 * 1024) -> bytes:
    """A file's bytes, or CliError saying why it cannot be read."""
    file = Path(path)
    if not file.is_file():
        raise CliError(f"không tìm thấy tệp {path}")
    try:
        with file.open("rb") as handle:
            content = handle.read(limit + 1)
    except OSError as exc:
        raise CliError(f"không đọc được tệp {path} ({exc.strerror or exc})") from None
    if len(content) > limit:
        raise CliError(f"tệp {path} quá lớn (tối đa {limit // 1048576} MB)")
    return content


def cmd_validate(args: argparse.Namespace) -> int:
    content = read_bytes(args.file)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CliError(
            f"tệp {args.file} không phải văn bản UTF-8 (byte thứ {exc.start + 1}): tệp bộ chỉ số là YAML"
        ) from None
    framework = rubric.load_framework_text(text, source=Path(args.file).name)
    items = len(framework.all_items)
    print(
        f"Hợp lệ: {framework.id} (phiên bản {framework.version}), {len(framework.groups)} nhóm, {len(framework.all_criteria)} tiêu chí, {items} mục."
    )
    return 0


def cmd_bench_import(args: argparse.Namespace) -> int:

    folder = Path(args.folder)
    if not folder.is_dir():
        raise CliError(f"không tìm thấy thư mục {args.folder}")
    result = run_bench(folder, rubric.load_framework("qd4725-2022"))
    if not result.files:
        raise CliError(f"thư mục {args.folder} không có tệp nào kèm đáp án (*.truth.json)")
    print("\n".join(result.lines()))
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
    _setup_django()
    # Django is loaded only by the commands that use the database (see _setup_django).
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command(
        "synth",
        institutions=args.institutions,
        provinces=args.provinces,
        communes=args.communes,
        districts=args.districts,
        scale=args.scale,
        prefix=args.prefix,
    )
    return 0


def cmd_bench_paths(args: argparse.Namespace) -> int:
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
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return json_number(value)


def render_table(
    framework: rubric.Framework,
    data: Mapping[str, Any],
    card: Scorecard,
    findings: list[Finding],
    brief: bool = False,
) -> str:
    """A readable Vietnamese table of a scorecard and its findings (`brief`: no item rows)."""
    unit = (data.get("unit") or {}).get("name", "")
    lines = [f"{unit} — {framework.decision.number} ({framework.id})".strip(" —")]
    if framework.note:
        lines.append(f"Lưu ý: {framework.note}")
    lines.append("")
    for group in card.groups:
        gdef = framework.group(group.id)
        level = "" if card.levels_on_total else f" — {wording.level(group.level)}"
        lines.append(
            f"Nhóm {group.id}. {gdef.title}: {wording.number(group.points)}/{wording.number(group.max)} điểm{level}"
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
            for item in () if brief else crit.items:
                cap = "—" if item.cap is None else wording.number(item.cap)
                awarded = "—" if item.awarded is None else wording.number(item.awarded)
                lines.append(
                    f"      {item.id:<7} tối đa {cap:>3}  chấm {awarded:>3}  {item.explanation}"
                )
        lines.append(f"  → {group.explanation}")
        lines.append("")
    if card.levels_on_total:
        lines.append(f"Mức độ (xét trên tổng điểm toàn bộ chỉ số): {card.overall_explanation}")
    elif card.overall_level is not None:
        lines.append(
            f"Mức chung (quy ước: mức thấp nhất của các nhóm, không phải quy định của quyết định): Mức độ {card.overall_level}"
        )
    if card.missing_facts and not brief:
        lines.append("Thiếu dữ kiện: " + ", ".join(card.missing_facts))
    if findings:
        lines.append("")
        lines.append(f"Phát hiện ({len(findings)}):")
        names = {"error": "LỖI", "warning": "CẢNH BÁO", "info": "GHI CHÚ"}
        for f in findings:
            lines.append(f"  [{names[f.severity]}] {f.where}: {f.message}")
    return "\n".join(lines)


def render_import(framework: rubric.Framework, unit: Any) -> str:
    """A legacy file's unit in words: what the file says, what chiso makes of it, what was
    not taken and why."""
    lines = [_import_heading(unit)]
    read = unit.read
    criteria = [c.id for c in framework.all_criteria if not c.is_mandatory]
    found = [c for c in criteria if c in read]
    lines.append(f"Điểm đọc được từ tệp ({len(found)}/{len(criteria)} tiêu chí):")
    if read:
        lines.append("  " + " · ".join(f"{k}: {wording.number(v)}" for k, v in read.items()))
    else:
        lines.append("  (không có)")
    said = _stated_summary(unit)
    if said:
        lines.append("Văn bản nêu:")
        lines += [f"  {line}" for line in said]
    lines.append("")
    if unit.card is None:
        lines.append(f"Không chấm: {unit.not_scored}")
    elif not found:
        lines.append(
            "chiso chưa chấm lại: tệp không cho điểm từng tiêu chí (xem «Văn bản nêu» ở trên)."
        )
    else:
        lines.append("chiso chấm lại từ những gì đọc được:")
        data = {"unit": {"name": unit.unit_name}}
        lines.append(render_table(framework, data, unit.card, [], brief=True))
    if unit.reading.uncertain:
        lines.append("")
        lines.append(f"Chưa chắc chắn nên không lấy ({len(unit.reading.uncertain)}):")
        lines += [f"  {u.where}: {u.what}" for u in unit.reading.uncertain]
    findings = [f for f in unit.findings if f.code != "uncertain"]
    if findings:
        lines.append("")
        lines.append(f"Phát hiện ({len(findings)}):")
        names = {"error": "LỖI", "warning": "CẢNH BÁO", "info": "GHI CHÚ"}
        lines += [f"  [{names[f.severity]}] {f.where}: {f.message}" for f in findings]
    return "\n".join(lines)


def _import_heading(unit: Any) -> str:
    meta = unit.meta
    parts = [unit.unit_name or "(không rõ tên đơn vị)"]
    if unit.reading.unit_code:
        parts[0] += f" (mã {unit.reading.unit_code})"
    if meta.school_year:
        parts.append(f"năm học {meta.school_year}")
    if meta.document_number:
        parts.append(f"số {meta.document_number}")
    if meta.document_date:
        parts.append(f"ngày {meta.document_date:%d/%m/%Y}")
    return " — ".join(parts)


def _stated_summary(unit: Any) -> list[str]:
    """Group points and levels, the total and a level for the whole unit, as the file says."""
    out = []
    for statement in unit.reading.stated:
        if "group" in statement and ("points" in statement or "level" in statement):
            text = f"Nhóm {statement['group']}:"
            if "points" in statement:
                text += f" {wording.number(Fraction(str(statement['points'])))}/100 điểm"
            if "level" in statement:
                text += f" — {statement['level'] if not str(statement['level']).isdigit() else 'Mức độ ' + str(statement['level'])}"
            out.append(f"{text} ({statement['where']})")
        elif "total" in statement:
            out.append(
                f"Tổng: {wording.number(Fraction(str(statement['total'])))} điểm ({statement['where']})"
            )
    level = unit.reading.overall_level
    if level:
        out.append(f"Mức chung của đơn vị: Mức độ {level[0]} ({level[1]})")
    return out


def _short(text: str, width: int) -> str:
    """At most `width` characters, cut at a word boundary."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > width // 2 else cut).rstrip(" ,;:") + "…"


if __name__ == "__main__":
    raise SystemExit(main())
