"""Reading what the assessment screens post, into plain values for the actions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext as _

from chiso import rubric
from chiso.assessments.models import REPORT_SECTIONS
from chiso.rubric.definitions import Criterion, PercentBandsRule

BOOL_WORDS = {"co": True, "khong": False}


def parse_criterion_post(
    framework: rubric.Framework, criterion: Criterion, post: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Facts and awards of one criterion from a form post; an empty field clears its value."""
    fact_ids = (
        [criterion.fact]
        if criterion.is_mandatory
        else [f for i in criterion.items for f in i.rule.inputs]
    )
    facts: dict[str, Any] = {}
    for fact_id in dict.fromkeys(fact_ids):
        key = f"fact_{fact_id}"
        if key not in post:
            continue
        raw = post[key].strip()
        if framework.fact(fact_id).type == "bool":
            facts[fact_id] = BOOL_WORDS.get(raw)
        else:
            facts[fact_id] = raw or None
    awards: dict[str, Any] = {}
    if post.get("clear_whole"):  # drop the points given to the whole criterion (legacy import)
        awards[criterion.id] = None
    for item in criterion.items:
        key = f"award_{item.id}"
        if key in post:
            points = post[key].strip()
            awards[item.id] = (
                {"points": points, "reason": post.get(f"reason_{item.id}", "").strip()}
                if points
                else None
            )
    return facts, awards


def impossible_answers(
    framework: rubric.Framework,
    criterion: Criterion,
    facts: Mapping[str, Any],
    stored: Mapping[str, Any],
) -> list[str]:
    """Answers no unit can have, said in words: a part larger than its whole ("99 teachers with
    an account out of 58"). `facts` are the posted ones, `stored` the assessment's others."""
    merged = {**stored, **facts}
    problems = []
    pairs = {
        (i.rule.numerator, i.rule.denominator)
        for i in criterion.items
        if isinstance(i.rule, PercentBandsRule)
    }
    # The index's own relations ("at most"), where this criterion posts one of the two facts.
    pairs |= {(r.fact, r.at_most) for r in framework.relations if {r.fact, r.at_most} & set(facts)}
    for part_id, whole_id in sorted(pairs):
        part, whole = _count(merged.get(part_id)), _count(merged.get(whole_id))
        if part is None or whole is None or part <= whole:
            continue
        part_spec, whole_spec = framework.fact(part_id), framework.fact(whole_id)
        problems.append(
            _(
                "«%(part)s» là %(p)s, lớn hơn «%(whole)s» (%(w)s): không thể có, nên chưa lưu. "
                "Hãy sửa một trong hai số."
            )
            % {"part": part_spec.label, "p": part, "whole": whole_spec.label, "w": whole}
        )
    return problems


def _count(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def parse_date(raw: str) -> dt.date | None:
    """ "2025-03-16" or "16/3/2025" → date; "" → None; ValueError otherwise."""
    raw = (raw or "").strip()
    if not raw:
        return None
    if "/" in raw:
        day, month, year = (int(p) for p in raw.split("/"))
        try:
            return dt.date(year, month, day)
        except OverflowError:  # a 20-digit year: no date, the same message as any bad one
            raise ValueError(raw) from None
    return dt.date.fromisoformat(raw)


MINUTES_KEYS = ("start", "end", "place", "agree", "against", "opinions")
CLOCK = re.compile(r"^([01]?\d|2[0-3])[:hg]([0-5]\d)$")


def minutes_details(post: Mapping[str, str], members: int, problems: list[str]) -> dict[str, Any]:
    """The meeting's times, place, vote and opinions; a Vietnamese message per bad field."""
    details: dict[str, Any] = {}
    for key, label in (("start", "Giờ bắt đầu họp"), ("end", "Giờ kết thúc họp")):
        raw = post.get(f"minutes_{key}", "").strip().lower().replace(" ", "")
        if not raw:
            continue
        match = CLOCK.match(raw)
        if match is None:
            problems.append(
                gettext("%(label)s: «%(value)s» không phải giờ hợp lệ (ví dụ 14:00).")
                % {"label": label, "value": raw[:20]}
            )
            continue
        details[key] = f"{int(match.group(1)):02d}:{match.group(2)}"
    if details.get("start") and details.get("end") and details["end"] <= details["start"]:
        problems.append(gettext("Giờ kết thúc họp phải sau giờ bắt đầu."))
    for key, label in (("agree", "Số thành viên tán thành"), ("against", "Số không tán thành")):
        raw = post.get(f"minutes_{key}", "").strip()
        if not raw:
            continue
        if not raw.isdigit() or int(raw) > max(members, 0) or len(raw) > 3:
            problems.append(
                gettext(
                    "%(label)s: «%(value)s» phải là số từ 0 đến %(members)s (số thành viên hội đồng)."
                )
                % {"label": label, "value": raw[:20], "members": members}
            )
            continue
        details[key] = int(raw)
    if details.get("agree", 0) + details.get("against", 0) > members:
        problems.append(gettext("Số phiếu biểu quyết nhiều hơn số thành viên hội đồng."))
    place = " ".join(post.get("minutes_place", "").split())[:255]
    opinions = post.get("minutes_opinions", "").strip()[:10_000]
    details.update({k: v for k, v in (("place", place), ("opinions", opinions)) if v})
    return details


def council_data(post: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Council, minutes and approval fields, with a Vietnamese message per bad field."""
    data: dict[str, Any] = {}
    problems: list[str] = []
    labels = {
        "council_decision_date": "Ngày quyết định thành lập hội đồng",
        "minutes_date": "Ngày họp hội đồng",
        "approval_decision_date": "Ngày quyết định phê duyệt",
    }
    for field, label in labels.items():
        try:
            data[field] = parse_date(post.get(field, ""))
        except ValueError:
            problems.append(
                gettext("%(label)s: «%(get)s» không phải ngày hợp lệ (ngày/tháng/năm).")
                % {"label": label, "get": post.get(field)}
            )
    for field in ("council_decision_number", "approval_decision_number"):
        data[field] = post.get(field, "").strip()[:64]
    data["minutes_summary"] = post.get("minutes_summary", "").strip()
    members = []
    for line in post.get("council_members", "").splitlines():
        parts = [p.strip() for p in line.split("-")]
        if parts and parts[0]:
            member = {
                "name": parts[0],
                "title": parts[1] if len(parts) > 1 else "",
                "role": parts[2] if len(parts) > 2 else "",
            }
            if len(parts) > 3 and parts[3].lower().startswith("vắng"):
                member["absent"] = parts[3]  # "vắng", "vắng (có lý do)"
            members.append(member)
    data["council_members"] = members
    if any(f"minutes_{key}" in post for key in MINUTES_KEYS):
        data["minutes_details"] = minutes_details(post, len(members), problems)
    if any(f"narrative_{key}" in post for key, _ in REPORT_SECTIONS):
        data["narrative"] = {
            key: post.get(f"narrative_{key}", "").strip()[:20_000]
            for key, _ in REPORT_SECTIONS
            if post.get(f"narrative_{key}", "").strip()
        }
    return data, problems
