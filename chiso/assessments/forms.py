"""Reading what the assessment screens post, into plain values for the actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext

from chiso import rubric
from chiso.assessments.models import REPORT_SECTIONS
from chiso.rubric.definitions import Criterion

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
            members.append(
                {
                    "name": parts[0],
                    "title": parts[1] if len(parts) > 1 else "",
                    "role": parts[2] if len(parts) > 2 else "",
                }
            )
    data["council_members"] = members
    if any(f"narrative_{key}" in post for key, _ in REPORT_SECTIONS):
        data["narrative"] = {
            key: post.get(f"narrative_{key}", "").strip()[:20_000]
            for key, _ in REPORT_SECTIONS
            if post.get(f"narrative_{key}", "").strip()
        }
    return data, problems
