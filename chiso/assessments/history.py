"""An assessment's history as people read it: actions in Vietnamese, criteria by their titles,
values as the form shows them (Có/Không, 25,6%), evidence added and removed, who and when."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chiso import rubric
from chiso.assessments.models import Assessment
from chiso.rubric import wording
from chiso.rubric.scoring import parse_figure, rollup_text

VERBS = {
    "assessment.start": gettext_lazy("Mở bản đánh giá"),
    "assessment.edit": gettext_lazy("Sửa câu trả lời, điểm chấm"),
    "assessment.council": gettext_lazy("Sửa thông tin hội đồng, biên bản, nội dung báo cáo"),
    "assessment.rollups": gettext_lazy("Cập nhật số liệu tổng hợp"),
    "assessment.submit": gettext_lazy("Nộp lên cơ quan quản lý"),
    "assessment.resubmit": gettext_lazy("Nộp lại sau khi bổ sung"),
    "assessment.return": gettext_lazy("Trả lại để bổ sung"),
    "assessment.review_score": gettext_lazy("Chấm điểm thẩm định"),
    "assessment.dispute": gettext_lazy("Ý kiến thẩm định về điều kiện bắt buộc"),
    "assessment.comment": gettext_lazy("Nhận xét"),
    "assessment.recognise": gettext_lazy("Công nhận kết quả"),
    "assessment.publish": gettext_lazy("Công bố kết quả"),
    "assessment.reopen": gettext_lazy("Mở lại kết quả đã công nhận"),
    "assessment.framework_version": gettext_lazy("Chuyển sang phiên bản khác của bộ chỉ số"),
    "assessment.assign": gettext_lazy("Phân công tiêu chí"),
    "evidence.add": gettext_lazy("Thêm minh chứng"),
    "evidence.remove": gettext_lazy("Xóa minh chứng"),
}
STATUS = dict(Assessment.Status.choices)


@dataclass
class Change:
    what: str
    before: str = ""
    after: str = ""


@dataclass
class Entry:
    at: str
    who: str
    action: str
    changes: list[Change] = field(default_factory=list)
    note: str = ""


def when(moment: Any) -> str:
    """ "14:05 ngày 07 tháng 12 năm 2026", in local time."""
    at = timezone.localtime(moment)
    return f"{at:%H:%M} " + wording.long_date(at.date())


def who(user: Any) -> str:
    if user is None:
        return _("hệ thống")
    return user.get_full_name() or user.get_username()


def target_label(framework: rubric.Framework, target: str) -> str:
    """ "1.4. Số lượng học liệu…" for a criterion, "1.4.a. …" for an item."""
    if framework.has_criterion(target):
        return f"{target}. {framework.criterion(target).title}"
    if framework.has_item(target):
        return f"{target}. {framework.item(target).title}"
    return target


def fact_text(framework: rubric.Framework, fact_id: str, value: Any) -> str:
    """A fact's value as the form shows it."""
    if value is None or value == "":
        return "—"
    spec = framework.fact(fact_id) if framework.has_fact(fact_id) else None
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if spec is not None and spec.type == "figure":
        try:
            return rollup_text(framework, fact_id, parse_figure(value))
        except (ValueError, KeyError):
            return str(value)
    if spec is not None and spec.type == "choice":
        return spec.option_label(value)
    if isinstance(value, int | float):
        return wording.number(value) + (f" {spec.unit}" if spec and spec.unit else "")
    return str(value)


def points_text(value: Any) -> str:
    """An award ({"points", "reason"} or a number) as "5 (lý do: …)"; "—" when none."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dict):
        if "met" in value:
            met = _("Đạt") if value["met"] else _("Không công nhận")
            return met + (f" ({_('lý do')}: {value['reason']})" if value.get("reason") else "")
        points = str(value.get("points", "")).replace(".", ",") or "—"
        reason = value.get("reason") or ""
        return points + (f" ({_('lý do')}: {reason})" if reason else "")
    return str(value).replace(".", ",")


# Lazy labels, translated when shown (a str() here would fix the language at import).
COUNCIL_LABELS: dict[str, Any] = {
    f.name: f.verbose_name
    for f in Assessment._meta.get_fields()
    if f.name.startswith(("council_", "minutes_", "approval_"))
}
COUNCIL_LABELS["narrative"] = gettext_lazy("nội dung báo cáo")
COUNCIL_LABELS["council_members"] = gettext_lazy("thành viên hội đồng")


def _plain(value: Any) -> str:
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, list):
        return "; ".join(
            " - ".join(str(v) for v in (m.get("name"), m.get("title"), m.get("role")) if v)
            if isinstance(m, dict)
            else str(m)
            for m in value
        )
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    text = str(value)
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # a date kept as ISO text
        year, month, day = text.split("-")
        return f"{day}/{month}/{year}"
    return text


def _changes(framework: rubric.Framework, verb: str, before: dict, after: dict) -> list[Change]:
    out = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        kind, _sep, name = key.partition(":")
        if kind == "fact" and name:
            label = framework.fact(name).label if framework.has_fact(name) else name
            out.append(
                Change(label, fact_text(framework, name, old), fact_text(framework, name, new))
            )
        elif kind == "award" and name:
            what = _("Điểm chấm %(target)s") % {"target": target_label(framework, name)}
            out.append(Change(what, points_text(old), points_text(new)))
        elif key == "status":
            out.append(Change(_("Trạng thái"), STATUS.get(old, "—"), STATUS.get(new, "—")))
        elif verb == "assessment.assign":
            what = _("Người trả lời %(target)s") % {"target": target_label(framework, key)}
            out.append(Change(what, old or "—", new or "—"))
        elif verb in ("assessment.review_score", "assessment.dispute"):
            what = target_label(framework, key)
            out.append(Change(what, points_text(old), points_text(new)))
        elif verb == "assessment.comment" and key in ("item", "text"):
            continue  # shown below as one line
        elif verb.startswith("evidence.") and key in ("target", "evidence"):
            continue
        elif key in COUNCIL_LABELS:
            out.append(Change(str(COUNCIL_LABELS[key]).capitalize(), _plain(old), _plain(new)))
        else:
            out.append(Change(key, _plain(old), _plain(new)))
    if verb == "assessment.comment" and "text" in after:
        target = after.get("item") or ""
        where = target_label(framework, target) if target else _("cả bản đánh giá")
        out.append(Change(where, "", after["text"]))
    if verb.startswith("evidence."):
        values = after or before
        where = target_label(framework, values.get("target", ""))
        text = values.get("evidence", "")
        out.append(
            Change(
                where,
                text if verb == "evidence.remove" else "",
                text if verb == "evidence.add" else "",
            )
        )
    return out


def entries(framework: rubric.Framework, rows: Any) -> list[Entry]:
    """The audit rows of an assessment, worded for people."""
    out = []
    for row in rows:
        action = VERBS.get(row.verb)
        out.append(
            Entry(
                at=when(row.created_at),
                who=who(row.actor),
                action=str(action) if action else _("Thay đổi khác"),
                changes=_changes(framework, row.verb, row.before or {}, row.after or {}),
                note=row.note,
            )
        )
    return out


@dataclass
class SnapshotLine:
    number: int
    status: str
    at: str
    who: str


def snapshot_lines(snapshots: list[Any]) -> list[SnapshotLine]:
    return [
        SnapshotLine(
            s.number, STATUS.get(s.status, s.status), when(s.created_at), who(s.created_by)
        )
        for s in snapshots
    ]


@dataclass
class CompareRow:
    what: str
    left: str
    right: str
    changed: bool
    kind: str = "criterion"  # criterion, fact, evidence


def _evidence_key(e: dict) -> tuple[str, str, str]:
    return (e.get("target", ""), e.get("title", ""), e.get("url") or e.get("file") or "")


def _met(value: Any) -> str:
    return "—" if value is None else (_("Đạt") if value else _("Không đạt"))


def compare(framework: rubric.Framework, left: Any, right: Any) -> list[CompareRow]:
    """Two frozen submissions side by side: criterion points, the answers that changed, and
    the evidence added or removed between them."""
    rows = []
    lcard, rcard = left.content.get("scorecard", {}), right.content.get("scorecard", {})
    lcrit = {c["id"]: c for g in lcard.get("groups", []) for c in g["criteria"]}
    rcrit = {c["id"]: c for g in rcard.get("groups", []) for c in g["criteria"]}
    for cid, r in rcrit.items():
        lc = lcrit.get(cid, {})
        if r.get("kind") == "mandatory":
            a, b = lc.get("met"), r.get("met")
            ta, tb = _met(a), _met(b)
        else:
            a, b = lc.get("points"), r.get("points")
            ta = "—" if a is None else wording.number(a)
            tb = "—" if b is None else wording.number(b)
        rows.append(CompareRow(target_label(framework, cid), ta, tb, a != b))
    lfacts, rfacts = left.content.get("facts", {}), right.content.get("facts", {})
    for fact in dict.fromkeys([*lfacts, *rfacts]):
        a, b = lfacts.get(fact), rfacts.get(fact)
        if a != b:
            label = framework.fact(fact).label if framework.has_fact(fact) else fact
            rows.append(
                CompareRow(
                    label,
                    fact_text(framework, fact, a),
                    fact_text(framework, fact, b),
                    True,
                    "fact",
                )
            )
    before = {_evidence_key(e): e for e in left.content.get("evidence", [])}
    after = {_evidence_key(e): e for e in right.content.get("evidence", [])}
    for key in [k for k in after if k not in before]:
        what = _("Minh chứng %(target)s") % {"target": target_label(framework, key[0])}
        rows.append(
            CompareRow(
                what, "", _("thêm: %(title)s") % {"title": key[1] or key[2]}, True, "evidence"
            )
        )
    for key in [k for k in before if k not in after]:
        what = _("Minh chứng %(target)s") % {"target": target_label(framework, key[0])}
        rows.append(CompareRow(what, key[1] or key[2], _("đã xóa"), True, "evidence"))
    return rows
