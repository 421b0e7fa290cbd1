"""A framework's YAML text: parsed, described, and changed while keeping its comments.

The comments of an index file carry the reading of the decision ("choice: exactly 40 → 6"), so
edits change the text in place wherever they can: the header lines (id, version, local …) line
by line, and changed values (a cap, a bound, a title, a band written on one line) at the exact
place where they stand. Only a change of shape in block style (an item added) writes the file
again from the data, which drops the comments; the caller tells the user so.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

import yaml

from chiso import rubric
from chiso.rubric import wording

Path = tuple[str | int, ...]
HEADER_ORDER = ("id", "version", "status", "local", "derived_from")


MAX_NODES = 100_000  # 4725 expands to about 1,500; anything near this is a "YAML bomb"


def parse(text: str, source: str = "<văn bản>") -> dict[str, Any]:
    """YAML text → a mapping whose parts are never shared (anchors become copies).

    Aliases are expanded by the copy, so the expanded size is measured first: a few nested
    aliases can stand for billions of nodes ("YAML bomb")."""
    rubric.check_depth(text, source)
    try:
        _check_size(yaml.compose(text, Loader=yaml.SafeLoader), source)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else "tệp"
        raise rubric.RubricError(source, [(where, f"YAML không hợp lệ: {exc}")]) from None
    if not isinstance(data, Mapping):
        raise rubric.RubricError(
            source, [("tệp", "nội dung phải là một bảng khóa: giá trị (mapping)")]
        )
    return fresh(data)


def _check_size(root: yaml.Node | None, source: str) -> None:
    """Refuse a document whose aliases expand beyond MAX_NODES, or that contains itself."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise rubric.RubricError(source, [("tệp", "có tham chiếu vòng (*alias chứa chính nó)")])
        active.add(key)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        total = 1
        for child in children:
            total += size(child)
            if total > MAX_NODES:
                raise rubric.RubricError(
                    source,
                    [
                        (
                            "tệp",
                            f"quá lớn sau khi mở các tham chiếu (*alias): hơn {wording.number(MAX_NODES)} phần tử",
                        )
                    ],
                )
        active.discard(key)
        sizes[key] = total
        return total

    if root is not None:
        size(root)


def fresh(value: Any) -> Any:
    """A deep copy in which no two places share one list or mapping (YAML aliases do)."""
    if isinstance(value, Mapping):
        return {k: fresh(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [fresh(v) for v in value]
    return value


def dump(data: Mapping[str, Any]) -> str:
    """The data as YAML text (used when an edit changes the shape; comments are not kept)."""
    return yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=120)


def comment_count(text: str) -> int:
    """How many lines hold a comment (what a rewrite from the data would drop)."""
    return sum(1 for line in text.splitlines() if "#" in line and _comment_start(line) is not None)


def _comment_start(line: str) -> int | None:
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return i
    return None


def parse_date(value: object) -> dt.date | None:
    """A decision date from YAML (a date or "YYYY-MM-DD"); None when it is not one."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def metadata(data: Mapping[str, Any]) -> dict[str, Any]:
    """The row's copy of the legal basis and the local mark, read from the YAML."""
    decision = data.get("decision")
    decision = decision if isinstance(decision, Mapping) else {}
    return {
        "title": str(decision.get("title") or "")[:500],
        "decision_number": str(decision.get("number") or "")[:64],
        "decision_date": parse_date(decision.get("date")),
        "issuer": str(decision.get("issuer") or "")[:255],
        "is_local": data.get("local") is True,
        "derived_from": str(data.get("derived_from") or "")[:80],
    }


# -- header lines --------------------------------------------------------------------------------


def set_header(text: str, values: Mapping[str, Any]) -> str:
    """Set top-level scalar keys (id, version, local, derived_from) line by line."""
    out = text
    for key, value in values.items():
        line = re.compile(
            rf"^{re.escape(key)}:[ \t]*(?P<value>[^#\n]*?)[ \t]*(?P<comment>#[^\n]*)?$", re.M
        )
        found = line.search(out)
        new = f"{key}: {scalar(value)}"
        if found and found.group("value"):
            comment = f"  {found.group('comment')}" if found.group("comment") else ""
            out = out[: found.start()] + new + comment + out[found.end() :]
        elif found is None:
            out = _insert_header_line(out, key, new)
        else:  # the key holds a block below it: not a header scalar
            return _rewrite_header(text, values)
    try:
        data = parse(out)
    except rubric.RubricError:
        return _rewrite_header(text, values)
    if any(data.get(k) != v for k, v in values.items()):
        return _rewrite_header(text, values)
    return out


def _insert_header_line(text: str, key: str, line: str) -> str:
    """After the header keys that come before `key` in HEADER_ORDER, else at the top."""
    position = 0
    for earlier in HEADER_ORDER[: HEADER_ORDER.index(key)] if key in HEADER_ORDER else HEADER_ORDER:
        found = re.search(rf"^{re.escape(earlier)}:[^\n]*\n", text, re.M)
        if found:
            position = max(position, found.end())
    if position == 0:
        found = re.search(r"^(?!#)\S", text, re.M)  # after the leading comment block
        position = found.start() if found else len(text)
    return text[:position] + line + "\n" + text[position:]


def _rewrite_header(text: str, values: Mapping[str, Any]) -> str:
    data = parse(text)
    head = {k: values.get(k, data.get(k)) for k in HEADER_ORDER if k in values or k in data}
    return dump({**head, **{k: v for k, v in data.items() if k not in head}})


def scalar(value: Any) -> str:
    """A value as one YAML scalar (strings double-quoted, so they are safe in any context)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


# -- values changed in place ---------------------------------------------------------------------


def apply_changes(text: str, new: Mapping[str, Any]) -> tuple[str, bool]:
    """The text holding `new`: (text, comments kept). Changed values are replaced where they
    stand (a flow-style band or list as a whole); a change of shape in block style writes the
    file again from the data."""
    old = parse(text)
    if old == new:
        return text, True
    replaced = _replace_values(text, _edits(old, new, ()))
    if replaced is not None:
        try:
            if parse(replaced) == new:
                return replaced, True
        except rubric.RubricError:
            pass
    return dump(new), False


def _edits(old: Any, new: Any, path: Path) -> list[tuple[Path, Any]]:
    """The smallest parts that differ, by path: scalars, or a container whose shape changed."""
    if isinstance(old, Mapping) and isinstance(new, Mapping) and set(old) == set(new):
        return [e for k in old for e in _edits(old[k], new[k], (*path, k))]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            e
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for e in _edits(a, b, (*path, i))
        ]
    return [] if type(old) is type(new) and old == new else [(path, new)]


def _replace_values(text: str, edits: list[tuple[Path, Any]]) -> str | None:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    shared = _shared(root)
    spans = []
    for path, value in edits:
        node = _node_at(root, path)
        if node is None or id(node) in shared or not path:
            return None  # missing, or reached through an alias (it would change in two places)
        if isinstance(node, yaml.ScalarNode) and not isinstance(value, Mapping | list):
            spans.append((node.start_mark.index, node.end_mark.index, scalar(value)))
        elif isinstance(node, yaml.CollectionNode) and node.flow_style:
            spans.append((node.start_mark.index, node.end_mark.index, flow(value)))
        else:
            return None  # a block-style part changed shape
    for start, end, replacement in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def flow(value: Any) -> str:
    """A value in YAML flow style on one line ("{from: 20, below: 40, cap: 6}", "[MN]")."""
    if not isinstance(value, Mapping | list):
        return scalar(value)
    out = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**6
    )
    return out.strip()


def _node_at(node: yaml.Node | None, path: Path) -> yaml.Node | None:
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next(
                (
                    v
                    for k, v in node.value
                    if isinstance(k, yaml.ScalarNode) and k.value == str(step)
                ),
                None,
            )
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            node = node.value[step] if step < len(node.value) else None
        else:
            return None
    return node


def _shared(root: yaml.Node | None) -> set[int]:
    """Nodes reached by more than one path (anchors and their aliases)."""
    seen: dict[int, int] = {}

    def walk(node: yaml.Node, stack: frozenset[int]) -> None:
        seen[id(node)] = seen.get(id(node), 0) + 1
        if id(node) in stack:
            return
        inner = stack | {id(node)}
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(key, inner)
                walk(value, inner)
        elif isinstance(node, yaml.SequenceNode):
            for value in node.value:
                walk(value, inner)

    if root is not None:
        walk(root, frozenset())
    return {node_id for node_id, count in seen.items() if count > 1}
