"""check(framework, stated, facts) → every contradiction in what a document states, with where.

A document's statements are a list of small mappings, one per figure as it appears:

    {group: "1", points: 62, level: 2, where: "Báo cáo, mục II.2"}
    {criterion: "1.3", points: 19, where: "Phụ lục"}
    {item: "1.3.a", points: 6}
    {total: 118, where: "Phụ lục, cột Tổng"}
    {fact: approved_digital_materials, value: 41, where: …}
    {percent: 25.6, numerator: 10, denominator: 39, label: "…", where: …}
    {criteria_at_level: 2, group: "1", count: 7, percent: 100, where: …}
    {unit_name: "Trường TH&THCS Bế Văn Đàn", where: …}
    {figure: "any name", value: …, where: …}

A mapping form ({groups: {"1": {points: 60}}, criteria: {…}, items: {…}, total: …}) is accepted too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from chiso.rubric import wording
from chiso.rubric.definitions import Framework, Number
from chiso.rubric.results import SEVERITY_ORDER, Finding, Severity
from chiso.rubric.scoring import InvalidInput, level_for, normalise_facts, parse_fact, score

SUBJECTS = (
    "group",
    "criterion",
    "item",
    "total",
    "fact",
    "percent",
    "criteria_at_level",
    "unit_name",
    "figure",
)


@dataclass(frozen=True, slots=True)
class Statement:
    """One figure as a document states it: what it is about, its value, and where it is."""

    key: tuple[str, ...]
    value: Any
    where: str
    raw: Mapping[str, Any]


class StatedError(ValueError):
    """Statements that cannot be read at all (not a list, no subject)."""


def check(
    framework: Framework,
    stated: object,
    facts: Mapping[str, Any] | None = None,
) -> list[Finding]:
    """Every contradiction between the statements, the rules and (if given) the facts."""
    statements = parse_statements(stated)
    findings: list[Finding] = []
    problems: list[tuple[str, str]] = []
    values = normalise_facts(framework, facts or {}, problems, findings)
    findings.extend(Finding("error", where, problem, "invalid_fact") for where, problem in problems)
    caps = _caps_from_facts(framework, values)
    findings += _unknown_subjects(framework, statements)
    findings += _duplicates(statements)
    findings += _above_caps(framework, statements, caps)
    findings += _levels(framework, statements, values)
    findings += _sums(framework, statements)
    findings += _percentages(statements)
    findings += _facts(framework, statements, values)
    findings += _level_counts(framework, statements)
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])


def awarded_from_stated(framework: Framework, stated: object) -> dict[str, Number]:
    """Points a document gives per item and criterion, where it gives one value only."""
    awards: dict[str, Number] = {}
    for key, group in _by_key(parse_statements(stated)).items():
        if (
            len({s.value for s in group}) != 1
            or key[-1] != "points"
            or key[0] not in ("criterion", "item")
        ):
            continue
        target = key[1]
        known = framework.has_item(target) or (
            framework.has_criterion(target) and not framework.criterion(target).is_mandatory
        )
        if known:
            awards[target] = group[0].value
    # An item award inside a criterion that also has a criterion award would be counted twice.
    for target in list(awards):
        if framework.has_item(target) and framework.criterion_of(target).id in awards:
            del awards[target]
    return awards


# -- reading statements --------------------------------------------------------------------------


def parse_statements(stated: object) -> list[Statement]:
    """Statements from the list form or the mapping form."""
    if stated is None:
        return []
    if isinstance(stated, Mapping):
        stated = list(_from_mapping(stated))
    if not isinstance(stated, list):
        raise StatedError("'stated' phải là một danh sách các số liệu được nêu")
    out: list[Statement] = []
    for index, raw in enumerate(stated):
        if not isinstance(raw, Mapping):
            raise StatedError(f"stated[{index + 1}]: mỗi số liệu phải là một bảng khóa: giá trị")
        out.extend(_statement(raw, index))
    return out


def _from_mapping(stated: Mapping[str, Any]) -> Iterable[dict[str, Any]]:
    for kind, plural in (("group", "groups"), ("criterion", "criteria"), ("item", "items")):
        for subject_id, entry in (stated.get(plural) or {}).items():
            values = entry if isinstance(entry, Mapping) else {"points": entry}
            yield {kind: str(subject_id), "where": f"stated.{plural}.{subject_id}", **values}
    if "total" in stated:
        yield {"total": stated["total"], "where": "stated.total"}
    for fact_id, value in (stated.get("facts") or {}).items():
        yield {"fact": fact_id, "value": value, "where": f"stated.facts.{fact_id}"}


def _statement(raw: Mapping[str, Any], index: int) -> list[Statement]:
    where = str(raw.get("where") or f"stated[{index + 1}]")
    # A level-count row names its group and may carry a percentage: it is about the count.
    subjects = (
        ["criteria_at_level"] if "criteria_at_level" in raw else [s for s in SUBJECTS if s in raw]
    )
    if len(subjects) != 1:
        raise StatedError(
            f"{where}: mỗi số liệu phải nói về đúng một đối tượng ({', '.join(SUBJECTS)})"
        )
    subject = subjects[0]
    if subject in ("group", "criterion", "item"):
        sid = str(raw[subject])
        out = []
        if "points" in raw:
            out.append(
                Statement((subject, sid, "points"), _number(raw["points"], where), where, raw)
            )
        if "level" in raw:
            out.append(Statement((subject, sid, "level"), str(raw["level"]), where, raw))
        return out
    if subject == "total":
        return [Statement(("total",), _number(raw["total"], where), where, raw)]
    if subject == "fact":
        return [Statement(("fact", str(raw["fact"])), raw.get("value"), where, raw)]
    if subject == "percent":
        return [
            Statement(
                ("percent", str(raw.get("label", where))),
                _number(raw["percent"], where),
                where,
                raw,
            )
        ]
    if subject == "criteria_at_level":
        return [
            Statement(
                ("criteria_at_level", str(raw.get("group")), str(raw["criteria_at_level"])),
                raw.get("count"),
                where,
                raw,
            )
        ]
    if subject == "unit_name":
        return [Statement(("unit_name",), str(raw["unit_name"]).strip(), where, raw)]
    return [Statement(("figure", str(raw["figure"])), raw.get("value"), where, raw)]


def _number(raw: object, where: str) -> Number:
    try:
        value = Fraction(str(raw).strip().rstrip("%").replace(",", "."))
    except (ValueError, ZeroDivisionError):
        raise StatedError(f"{where}: {raw!r} không phải là một số") from None
    return int(value) if value.denominator == 1 else value


LEVEL_PATTERN = re.compile(r"(?:mức(?: độ)?\s*)?(\d)\s*$", re.IGNORECASE)


def parse_level(text: str) -> int | None:
    """ "Đạt mức độ 2", "Mức 2", "2" → 2; "Không đạt" or "Đạt" → None."""
    match = LEVEL_PATTERN.search(unicodedata.normalize("NFC", text.strip()))
    return int(match.group(1)) if match else None


def _by_key(statements: list[Statement]) -> dict[tuple[str, ...], list[Statement]]:
    grouped: dict[tuple[str, ...], list[Statement]] = defaultdict(list)
    for s in statements:
        grouped[s.key].append(s)
    return grouped


def _unique(grouped: Mapping[tuple[str, ...], list[Statement]], key: tuple[str, ...]) -> Any:
    """The value stated for key if it is stated with one value only, else None."""
    values = {s.value for s in grouped.get(key, [])}
    return values.pop() if len(values) == 1 else None


def _describe(key: tuple[str, ...], framework: Framework | None = None) -> str:
    kind = key[0]
    if kind == "group":
        return (
            f"Điểm nhóm tiêu chí {key[1]}"
            if key[2] == "points"
            else f"Mức độ nhóm tiêu chí {key[1]}"
        )
    if kind == "criterion":
        return f"Điểm tiêu chí {key[1]}" if key[2] == "points" else f"Mức độ tiêu chí {key[1]}"
    if kind == "item":
        return f"Điểm mục {key[1]}"
    if kind == "total":
        return "Tổng điểm"
    if kind == "fact":
        return (
            f"Dữ kiện «{framework.fact(key[1]).label}»"
            if framework and framework.has_fact(key[1])
            else f"Dữ kiện {key[1]}"
        )
    if kind == "unit_name":
        return "Tên đơn vị"
    return f"Số liệu «{key[-1]}»"


def _show(value: Any) -> str:
    return (
        wording.number(value)
        if isinstance(value, int | Fraction) and not isinstance(value, bool)
        else str(value)
    )


# -- checks --------------------------------------------------------------------------------------


def _unknown_subjects(fw: Framework, statements: list[Statement]) -> list[Finding]:
    out = []
    for s in statements:
        kind = s.key[0]
        known = {
            "group": fw.has_group,
            "criterion": fw.has_criterion,
            "item": fw.has_item,
            "fact": fw.has_fact,
        }.get(kind)
        if known is not None and not known(s.key[1]):
            out.append(
                Finding(
                    "warning",
                    s.where,
                    f"«{s.key[1]}» không có trong bộ chỉ số {fw.id}",
                    "unknown_subject",
                )
            )
    return out


def _duplicates(statements: list[Statement]) -> list[Finding]:
    out = []
    for key, group in _by_key(statements).items():
        if key[0] == "percent":
            continue
        distinct = {_comparable(s.value) for s in group}
        if len(distinct) < 2:
            continue
        listing = "; ".join(f"{_show(s.value)} ({s.where})" for s in group)
        severity: Severity = "warning" if key[0] == "unit_name" else "error"
        message = f"{_describe(key)} được nêu với {len(distinct)} giá trị khác nhau: {listing}"
        out.append(
            Finding(
                severity,
                " / ".join(dict.fromkeys(s.where for s in group)),
                message,
                "duplicate_value",
            )
        )
    return out


def _comparable(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).lower().split())
    return value


def _caps_from_facts(fw: Framework, values: Mapping[str, Any]) -> dict[str, Number]:
    """Caps the facts allow, per item and per criterion, where the facts are complete."""
    if not values:
        return {}
    try:
        card = score(fw, values)
    except InvalidInput:
        return {}
    caps: dict[str, Number] = {}
    for group in card.groups:
        for criterion in group.criteria:
            if criterion.cap is not None:
                caps[criterion.id] = criterion.cap
            for item in criterion.items:
                if item.cap is not None:
                    caps[item.id] = item.cap
    return caps


def _above_caps(
    fw: Framework, statements: list[Statement], caps: Mapping[str, Number]
) -> list[Finding]:
    out = []
    for s in statements:
        if s.key[-1] != "points":
            continue
        kind, sid = s.key[0], s.key[1]
        if kind == "group" and fw.has_group(sid):
            maximum: Number | None = fw.group(sid).max
        elif kind == "criterion" and fw.has_criterion(sid) and not fw.criterion(sid).is_mandatory:
            maximum = fw.criterion(sid).max
        elif kind == "item" and fw.has_item(sid):
            maximum = fw.item(sid).rule.maximum
        else:
            continue
        label = _describe(s.key)
        if s.value > maximum:
            out.append(
                Finding(
                    "error",
                    s.where,
                    f"{label} là {_show(s.value)}, vượt điểm tối đa {_show(maximum)}",
                    "above_cap",
                )
            )
        elif sid in caps and s.value > caps[sid]:
            derived = kind == "item" and fw.item(sid).confidence == "derived"
            out.append(
                Finding(
                    "warning" if derived else "error",
                    s.where,
                    f"{label} là {_show(s.value)}, vượt mức tối đa {_show(caps[sid])} mà các dữ kiện cho phép",
                    "above_fact_cap",
                )
            )
    return out


def _levels(fw: Framework, statements: list[Statement], values: Mapping[str, Any]) -> list[Finding]:
    out = []
    grouped = _by_key(statements)
    for s in statements:
        if s.key[-1] != "level" or s.key[0] not in ("group", "criterion"):
            continue
        kind, sid = s.key[0], s.key[1]
        if not (fw.has_group(sid) if kind == "group" else fw.has_criterion(sid)):
            continue
        if kind == "criterion" and fw.criterion(sid).is_mandatory:
            continue
        levels = fw.group_levels if kind == "group" else fw.criterion(sid).levels
        stated_level = parse_level(s.value)
        for points_statement in grouped.get((kind, sid, "points"), []):
            band = level_for(levels, points_statement.value)
            if band is None:
                continue
            points_text = f"{_show(points_statement.value)} điểm ({points_statement.where})"
            if stated_level is None:
                out.append(
                    Finding(
                        "info",
                        s.where,
                        f"«{s.value}» không phải là một mức của bộ chỉ số; theo quy tắc, {points_text} là Mức độ {band.level}",
                        "not_a_level",
                    )
                )
            elif stated_level != band.level:
                out.append(
                    Finding(
                        "error",
                        s.where,
                        f"Nêu Mức độ {stated_level} nhưng theo quy tắc {points_text} là Mức độ {band.level} ({wording.interval(band.interval, 'điểm')})",
                        "level_mismatch",
                    )
                )
        if kind == "group" and stated_level and stated_level > 1:
            unmet = [c.id for c in fw.group(sid).mandatory_criteria if values.get(c.fact) is False]
            if unmet:
                out.append(
                    Finding(
                        "warning",
                        s.where,
                        f"Nêu Mức độ {stated_level} trong khi điều kiện bắt buộc {', '.join(unmet)} chưa đáp ứng",
                        "mandatory_level",
                    )
                )
    return out


def _sums(fw: Framework, statements: list[Statement]) -> list[Finding]:
    out = []
    grouped = _by_key(statements)
    group_sums: dict[str, Number] = {}
    for group in fw.groups:
        parts = [_unique(grouped, ("criterion", c.id, "points")) for c in group.scored_criteria]
        if parts and None not in parts:
            total = sum(parts)
            group_sums[group.id] = total
            shown = " + ".join(_show(p) for p in parts)
            for s in grouped.get(("group", group.id, "points"), []):
                if s.value != total:
                    out.append(
                        Finding(
                            "error",
                            s.where,
                            f"Nêu nhóm {group.id} được {_show(s.value)} điểm nhưng các tiêu chí cộng lại là {shown} = {_show(total)}",
                            "sum_mismatch",
                        )
                    )
        for criterion in group.scored_criteria:
            item_parts = [_unique(grouped, ("item", i.id, "points")) for i in criterion.items]
            if not item_parts or None in item_parts:
                continue
            item_total = sum(item_parts)
            for s in grouped.get(("criterion", criterion.id, "points"), []):
                if s.value != item_total:
                    out.append(
                        Finding(
                            "error",
                            s.where,
                            f"Nêu tiêu chí {criterion.id} được {_show(s.value)} điểm nhưng các mục cộng lại là {_show(item_total)}",
                            "sum_mismatch",
                        )
                    )
    totals = [group_sums.get(g.id, _unique(grouped, ("group", g.id, "points"))) for g in fw.groups]
    if None not in totals:
        grand = sum(totals)
        for s in grouped.get(("total",), []):
            if s.value != grand:
                out.append(
                    Finding(
                        "error",
                        s.where,
                        f"Nêu tổng {_show(s.value)} điểm nhưng các nhóm cộng lại là {_show(grand)}",
                        "sum_mismatch",
                    )
                )
    return out


def _percentages(statements: list[Statement]) -> list[Finding]:
    out = []
    for s in statements:
        if s.key[0] != "percent":
            continue
        num, den = s.raw.get("numerator"), s.raw.get("denominator")
        if num is None or den is None:
            continue
        try:
            num_v, den_v = Fraction(str(num)), Fraction(str(den))
        except ValueError:
            out.append(
                Finding(
                    "error",
                    s.where,
                    f"Tử số {num!r} hoặc mẫu số {den!r} không phải là số",
                    "percent_mismatch",
                )
            )
            continue
        if den_v == 0:
            out.append(
                Finding(
                    "error", s.where, "Mẫu số bằng 0: không tính được tỷ lệ", "percent_mismatch"
                )
            )
            continue
        exact = num_v * 100 / den_v
        if not _shown_as(exact, Fraction(s.value), _decimals(s.raw["percent"])):
            out.append(
                Finding(
                    "error",
                    s.where,
                    f"Nêu {wording.percent(s.value)} nhưng {_show(num_v)}/{_show(den_v)} = {wording.percent(exact, 2)}",
                    "percent_mismatch",
                )
            )
        if num_v > den_v:
            out.append(
                Finding(
                    "error",
                    s.where,
                    f"{_show(num_v)} lớn hơn tổng số {_show(den_v)}",
                    "percent_mismatch",
                )
            )
    return out


def _decimals(raw: object) -> int:
    text = str(raw).strip().rstrip("%").replace(",", ".")
    return len(text.partition(".")[2])


def _shown_as(exact: Fraction, shown: Fraction, decimals: int) -> bool:
    """Whether `shown` is `exact` rounded or truncated to `decimals` places."""
    step = Fraction(1, 10**decimals)
    return abs(exact - shown) <= step / 2 or Fraction(0) <= exact - shown < step


def _facts(fw: Framework, statements: list[Statement], values: Mapping[str, Any]) -> list[Finding]:
    out = []
    known: dict[str, tuple[Any, str]] = {fid: (v, "dữ kiện") for fid, v in values.items()}
    for s in statements:
        if s.key[0] != "fact" or not fw.has_fact(s.key[1]):
            continue
        spec = fw.fact(s.key[1])
        try:
            value = parse_fact(spec, s.value)
        except ValueError as exc:
            out.append(
                Finding(
                    "warning",
                    s.where,
                    f"«{spec.label}»: câu trả lời «{s.value}» không khớp câu hỏi ({exc})",
                    "answer_mismatch",
                )
            )
            continue
        if s.key[1] in values and values[s.key[1]] != value:
            out.append(
                Finding(
                    "error",
                    s.where,
                    f"«{spec.label}»: văn bản nêu {_show(value)}, dữ kiện là {_show(values[s.key[1]])}",
                    "duplicate_value",
                )
            )
        if known.get(s.key[1], (None, "dữ kiện"))[1] == "dữ kiện":
            known[s.key[1]] = (value, s.where)
    for relation in fw.relations:
        if relation.fact in known and relation.at_most in known:
            (low, low_where), (high, high_where) = known[relation.fact], known[relation.at_most]
            if isinstance(low, int | Fraction) and isinstance(high, int | Fraction) and low > high:
                where = " / ".join(dict.fromkeys((low_where, high_where)))
                label, other = fw.fact(relation.fact).label, fw.fact(relation.at_most).label
                out.append(
                    Finding(
                        "error",
                        where,
                        f"{relation.message}: «{label}» là {_show(low)}, «{other}» là {_show(high)}",
                        "relation",
                    )
                )
    return out


def _level_counts(fw: Framework, statements: list[Statement]) -> list[Finding]:
    out = []
    grouped = _by_key(statements)
    for s in statements:
        if s.key[0] != "criteria_at_level" or not fw.has_group(s.key[1]):
            continue
        group = fw.group(s.key[1])
        level = int(s.key[2])
        scored = group.scored_criteria
        count = s.value
        if count is None:
            continue
        levels = []
        for c in scored:
            points = _unique(grouped, ("criterion", c.id, "points"))
            band = level_for(c.levels, points) if points is not None else None
            levels.append(band.level if band else None)
        actual = (
            f"; theo điểm các tiêu chí đã nêu có {levels.count(level)}/{len(scored)}"
            if None not in levels
            else ""
        )
        if count > len(scored):
            ids = ", ".join(c.id for c in scored)
            out.append(
                Finding(
                    "error",
                    s.where,
                    f"Nêu {count} tiêu chí nhóm {group.id} đạt Mức độ {level}, nhưng nhóm chỉ có {len(scored)} tiêu chí được xếp mức ({ids}), còn lại là điều kiện bắt buộc{actual}",
                    "level_count",
                )
            )
        elif actual and levels.count(level) != count:
            out.append(
                Finding(
                    "error",
                    s.where,
                    f"Nêu {count} tiêu chí nhóm {group.id} đạt Mức độ {level}{actual}",
                    "level_count",
                )
            )
        stated_percent = s.raw.get("percent")
        if stated_percent is not None and count <= len(scored):
            exact = Fraction(count * 100, len(scored))
            if not _shown_as(
                exact,
                Fraction(str(stated_percent).rstrip("%").replace(",", ".")),
                _decimals(stated_percent),
            ):
                out.append(
                    Finding(
                        "error",
                        s.where,
                        f"Nêu {stated_percent}% nhưng {count}/{len(scored)} = {wording.percent(exact)}",
                        "percent_mismatch",
                    )
                )
    return out
