"""Which criterion, item or group a row or a column is about: by the id it writes ("1.3.",
"TC 1.3", "Nhóm 1", "II") or by its title compared with the framework's own titles.

A title decides only when it matches one target clearly better than every other. Pure standard
library and the rubric's definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from chiso import rubric
from chiso.legacy.text import fold, words

_CRITERION = re.compile(
    r"^(?:tieu chi|tc|chi so|chi tieu)?\s*([1-9])\s*\.\s*([1-9])(?:\s*\.\s*([a-z][0-9]?))?\s*\.?(?=$|[\s:)(,;-])"
)
_GROUP = re.compile(r"^(?:nhom(?: tieu chi)?|nhom chi so)\s*:?\s*([1-9]|i{1,3})\b")
_BARE_GROUP = re.compile(r"^([1-9]|i{1,3})\s*\.?$")
_ROMAN = {"i": "1", "ii": "2", "iii": "3"}
TOTAL_WORDS = ("tong cong", "tong diem", "tong so diem", "tong")
STOPWORDS = frozenset(
    [
        "co",
        "cac",
        "va",
        "cua",
        "la",
        "duoc",
        "de",
        "cho",
        "mot",
        "nhung",
        "voi",
        "thi",
        "ve",
        "hoac",
        "nhu",
    ]
)
ABBREVIATIONS = {
    "csgd": "co so giao duc",
    "cntt": "cong nghe thong tin",
    "cds": "chuyen doi so",
    "gv": "giao vien",
    "hs": "hoc sinh",
    "ql": "quan ly",
}


@dataclass(frozen=True, slots=True)
class RowId:
    kind: str  # "criterion" | "item" | "group"
    id: str
    bare: bool = False  # a group written "1." or "II" only: its title must confirm it


def parse_id(text: str, framework: rubric.Framework) -> RowId | None:
    """The criterion, item or group an id cell names ("1.3.", "TC 1.3", "1.3.a", "Nhóm 2")."""
    first = fold(text.split("\n", 1)[0])[:60]
    match = _CRITERION.match(first)
    if match:
        criterion = f"{match.group(1)}.{match.group(2)}"
        if match.group(3):
            item = f"{criterion}.{match.group(3)}"
            return RowId("item", item) if framework.has_item(item) else None
        return RowId("criterion", criterion) if framework.has_criterion(criterion) else None
    for pattern, bare in ((_GROUP, False), (_BARE_GROUP, True)):
        match = pattern.match(first)
        if match:
            group = _ROMAN.get(match.group(1), match.group(1))
            return RowId("group", group, bare) if framework.has_group(group) else None
    return None


def is_total(text: str) -> bool:
    """ "Tổng", "Tổng cộng", "Tổng điểm": a row of totals (not "Tổng số học liệu …")."""
    f = fold(text).strip(" .:")
    return f in TOTAL_WORDS or (f.startswith(("tong cong", "tong diem")) and len(f) < 30)


@lru_cache(maxsize=16384)
def significant(text: str) -> frozenset[str]:
    """The words that tell one title from another (abbreviations written out)."""
    expanded = " ".join(ABBREVIATIONS.get(w, w) for w in words(text))
    return frozenset(w for w in expanded.split() if w not in STOPWORDS)


def title_score(text: str, title: str) -> float:
    """How well a row's text matches a title: the share of each one's words in the other."""
    row, wanted = significant(text), significant(title)
    if not row or not wanted:
        return 0.0
    shared = len(row & wanted)
    return (shared / len(wanted) + shared / len(row)) / 2


def best_title(
    text: str, candidates: list[tuple[str, str]], threshold: float = 0.6, margin: float = 0.15
) -> str | None:
    """The one candidate (id, title) the text clearly names, or None."""
    if not text.strip() or not candidates:
        return None
    scored = sorted(((title_score(text, title), cid) for cid, title in candidates), reverse=True)
    best_score, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best_score >= threshold and best_score - runner_up >= margin:
        return best
    return None


def criterion_by_title(text: str, framework: rubric.Framework) -> str | None:
    """The criterion a title names, among all of the framework's (a stricter test)."""
    candidates = [(c.id, c.title) for c in framework.all_criteria]
    return best_title(text, candidates, threshold=0.7, margin=0.2)


def item_by_title(text: str, criterion_id: str, framework: rubric.Framework) -> str | None:
    """The item of `criterion_id` a row's text names."""
    items = framework.criterion(criterion_id).items
    if len(items) == 1:
        only = items[0]
        return only.id if title_score(text, only.title) >= 0.6 else None
    return best_title(text, [(i.id, i.title) for i in items])


def group_by_title(text: str, framework: rubric.Framework) -> str | None:
    """ "Chuyển đổi số trong dạy, học" → "1"; "… quản trị …" → "2"."""
    candidates = [(g.id, g.title) for g in framework.groups]
    return best_title(text, candidates, threshold=0.75, margin=0.2)


def criterion_title_conflicts(
    text: str, criterion_id: str, framework: rubric.Framework
) -> str | None:
    """Another criterion the row's title names far better than `criterion_id` (a shifted id)."""
    other = criterion_by_title(text, framework)
    if other is None or other == criterion_id:
        return None
    own = title_score(text, framework.criterion(criterion_id).title)
    return other if title_score(text, framework.criterion(other).title) - own >= 0.3 else None
