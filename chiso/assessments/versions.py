"""Results under another version of their index: which would change level, and moving a campaign.

A campaign is scored on one version: every result in it is tied to the version the campaign
pins. Moving a campaign to another published version is an explicit action of its office head,
in two steps: a dry run (`impact`: what would change, what cannot be scored) and, once
confirmed, `move_campaign`, which re-scores every result, keeps each changed result's previous
version and figures in its history (an audit entry per assessment), and pins the new version.

Recognised and published results are official: they move only when the office says so in the
confirmation (each keeps its recognised figures in its history, its status stays). Without that
confirmation, or while any result cannot be scored under the new version (points above a
lowered cap, an item that no longer exists), nothing moves: the campaign stays on one version.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from chiso import rubric
from chiso.assessments import changes, scoring
from chiso.assessments.models import FIGURE_FIELDS as FIGURES
from chiso.assessments.models import Assessment, Campaign
from chiso.audit import record
from chiso.audit.models import AuditEntry
from chiso.frameworks import registry
from chiso.frameworks.models import FrameworkVersion
from chiso.jobs.registry import JobFailed

LEVELS = (("group1_level", "nhóm 1"), ("group2_level", "nhóm 2"), ("overall_level", "mức chung"))
OFFICIAL = (Assessment.Status.RECOGNISED, Assessment.Status.PUBLISHED)
BATCH = 2000
Progress = Callable[[int, int], None]


@dataclass
class LevelChange:
    """A result whose level would move: its unit, campaign, status and levels before/after."""

    assessment_id: int
    unit: str
    campaign: str
    status: str
    before: tuple[int | None, ...]
    after: tuple[int | None, ...]

    @property
    def what(self) -> str:
        return "; ".join(
            f"{name}: {_level(a)} → {_level(b)}"
            for (_, name), a, b in zip(LEVELS, self.before, self.after, strict=True)
            if a != b
        )


def _level(value: int | None) -> str:
    return "—" if value is None else f"Mức độ {value}"


@dataclass
class Impact:
    total: int = 0
    changed_figures: int = 0  # results whose stored figures (points or levels) would change
    level_changes: list[LevelChange] = field(default_factory=list)
    invalid: list[tuple[int, str, str]] = field(default_factory=list)  # id, unit, why
    official: int = 0  # recognised or published results among `total`
    unscored: int = 0  # never scored (no stored figures): nothing to compare, stored on a move


class Row:
    """What re-scoring reads of one assessment: plain attributes, no model instance per row
    (the engine and scoring.store_figures only read and set these)."""

    __slots__ = (
        "awards", "campaign_label", "facts", "pk", "review_awards", "status", "unit_label",
        "version", *FIGURES,
    )  # fmt: skip
    COLUMNS = (
        "pk", "status", "version", "facts", "awards", "review_awards", *FIGURES,
        "unit__code", "unit__name", "campaign__name", "campaign__school_year",
    )  # fmt: skip

    def __init__(self, values: tuple[Any, ...]) -> None:
        names = self.COLUMNS[:-4]
        for name, value in zip(names, values, strict=False):
            setattr(self, name, value)
        code, name, campaign, year = values[-4:]
        self.unit_label = f"{code or ''} {name}".strip()
        self.campaign_label = f"{campaign} ({year})"


def _rows(assessments: QuerySet[Assessment]) -> Iterator[list[Row]]:
    ids = list(assessments.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = Assessment.objects.filter(pk__in=ids[start : start + BATCH]).order_by("pk")
        yield [Row(values) for values in chunk.values_list(*Row.COLUMNS)]


def rescored(a: Any, framework: rubric.Framework) -> dict[str, Any]:
    """The figures the assessment would store under `framework` (InvalidInput if it cannot)."""
    before = {f: getattr(a, f) for f in FIGURES}
    scoring.store_figures(a, scoring.effective_scorecard(a, framework=framework))
    after = {f: getattr(a, f) for f in FIGURES}
    for f, value in before.items():
        setattr(a, f, value)
    return after


def impact(
    assessments: QuerySet[Assessment], framework: rubric.Framework, progress: Progress | None = None
) -> Impact:
    """What re-scoring these results under `framework` would change (nothing is saved)."""
    result = Impact()
    done = 0
    total = assessments.count()
    for batch in _rows(assessments):
        for a in batch:
            _measure(a, framework, result)
        done += len(batch)
        if progress:
            progress(done, total)
    return result


def _measure(a: Row, framework: rubric.Framework, result: Impact) -> dict[str, Any] | None:
    result.total += 1
    result.official += a.status in OFFICIAL
    try:
        after = rescored(a, framework)
    except rubric.InvalidInput as exc:
        why = "; ".join(f"{w}: {p}" for w, p in exc.problems)
        result.invalid.append((a.pk, a.unit_label, why))
        return None
    if all(getattr(a, f) == after[f] for f in FIGURES):
        return None
    if a.group1_points is None and a.group2_points is None and not a.criterion_points:
        result.unscored += 1
        return after
    result.changed_figures += 1
    before_levels = tuple(getattr(a, f) for f, _ in LEVELS)
    after_levels = tuple(after[f] for f, _ in LEVELS)
    if before_levels != after_levels:
        result.level_changes.append(
            LevelChange(
                a.pk,
                a.unit_label,
                a.campaign_label,
                str(Assessment.Status(a.status).label),
                before_levels,
                after_levels,
            )
        )
    return after


def campaign_targets(campaign: Campaign) -> QuerySet[FrameworkVersion]:
    """Published versions a campaign may move to: its own index's other versions, and local
    adaptations of it owned by the campaign's office or an office above it (or national)."""
    usable = Q(owner__isnull=True) | Q(owner__in=campaign.owner.ancestor_ids)
    same = Q(framework_id=campaign.framework_id)
    adapted = Q(is_local=True, derived_from__startswith=f"{campaign.framework_id}@")
    return (
        FrameworkVersion.objects.filter(
            usable & (same | adapted), status=FrameworkVersion.Status.PUBLISHED
        )
        .exclude(framework_id=campaign.framework_id, version=campaign.framework_version)
        .select_related("owner")
    )


def _json(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def move_campaign(
    campaign: Campaign,
    target: FrameworkVersion,
    *,
    by: Any,
    expected: str,
    include_official: bool,
    progress: Callable[..., None] | None = None,
) -> Impact:
    """Re-score every result of the campaign under `target` and pin it (see the module's doc).

    `expected` is the version label the confirmation was given for ("qd4725-2022@1"); anything
    that stops the move (another move since, results that cannot be scored, official results
    without consent) raises JobFailed before anything is written."""
    framework = registry.framework_of(target)
    campaign = Campaign.objects.get(pk=campaign.pk)  # as it is now, not as the caller read it
    label = f"{campaign.framework_id}@{campaign.framework_version}"
    if label != expected:
        raise JobFailed(
            gettext("Đợt đã chuyển sang %(label)s từ lúc xem trước: hãy xem trước lại.")
            % {"label": label}
        )
    rows = Assessment.objects.filter(campaign=campaign)
    total = rows.count()
    result, planned = Impact(), {}
    for batch in _rows(rows):  # step 1: score everything, write nothing
        for a in batch:
            after = _measure(a, framework, result)
            planned[a.pk] = (a.version, after)
        if progress:
            progress(len(planned), 2 * total, "Bước 1/2: chấm theo phiên bản mới")
    _refuse(result, include_official)
    if progress:
        progress(total, 2 * total, "Bước 2/2: đang ghi kết quả (một giao dịch)")
    with transaction.atomic():  # step 2: all or nothing
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if f"{locked.framework_id}@{locked.framework_version}" != expected:
            raise JobFailed(gettext("Đợt vừa được chuyển sang phiên bản khác: không thay đổi gì."))
        _write(locked, target, framework, planned, result, by)
        changes.everywhere()  # figures written without signals
        before = {"framework": expected}
        locked.framework_id, locked.framework_version = target.framework_id, target.version
        locked.save(update_fields=["framework_id", "framework_version"])
        record(
            by,
            "campaign.framework_version",
            locked,
            before=before,
            after={
                "framework": target.label,
                "total": result.total,
                "changed": result.changed_figures,
                "level_changes": len(result.level_changes),
                "official": result.official,
            },
        )
    if progress:
        progress(2 * total, 2 * total, "Đã ghi xong.")
    return result


def _refuse(result: Impact, include_official: bool) -> None:
    if result.invalid:
        names = "; ".join(f"{unit} ({why})" for _, unit, why in result.invalid[:5])
        more = f" và {len(result.invalid) - 5} bản khác" if len(result.invalid) > 5 else ""
        raise JobFailed(
            gettext(
                "%(len)s bản đánh giá không chấm được theo phiên bản mới: %(names)s%(more)s. Không thay đổi gì; hãy sửa các bản này (hoặc trả lại để cơ sở sửa) rồi làm lại."
            )
            % {"len": len(result.invalid), "names": names, "more": more}
        )
    if result.official and not include_official:
        raise JobFailed(
            gettext(
                "Đợt có %(official)s kết quả đã công nhận/công bố; chưa có xác nhận chấm lại cả các kết quả này: không thay đổi gì."
            )
            % {"official": result.official}
        )


def _write(
    campaign: Campaign,
    target: FrameworkVersion,
    framework: rubric.Framework,
    planned: dict[int, tuple[int, dict[str, Any] | None]],
    result: Impact,
    by: Any,
) -> None:
    """Store the new figures and one history entry per changed result, inside the caller's
    transaction; results edited since step 1 (or started since) are scored again here."""
    current = dict(
        Assessment.objects.select_for_update()
        .filter(campaign=campaign)
        .values_list("pk", "version")
    )
    moved = [
        pk
        for pk, (version, after) in planned.items()
        if after is not None and current.get(pk) == version
    ]
    again = [pk for pk, version in current.items() if planned.get(pk, (None,))[0] != version]
    if again:
        late = Impact()
        for batch in _rows(Assessment.objects.filter(pk__in=again)):
            for a in batch:
                planned[a.pk] = (a.version, _measure(a, framework, late))
        if late.invalid:
            _refuse(late, True)
        moved += [pk for pk in again if planned[pk][1] is not None]
    old_label = f"{campaign.framework_id}@{campaign.framework_version}"
    note = f"Chấm lại theo {target.label} (trước: {old_label}); đợt «{campaign}»."
    actor = by if getattr(by, "is_authenticated", False) else None
    for start in range(0, len(moved), BATCH):
        ids = moved[start : start + BATCH]
        stored = Assessment.objects.filter(pk__in=ids).values_list(
            "pk", "unit_id", "status", *FIGURES
        )
        changes, entries = [], []
        for pk, unit_id, status, *figures in stored:
            after = planned[pk][1] or {}
            changes.append((pk, after))
            entries.append(
                AuditEntry(
                    actor=actor,
                    verb="assessment.framework_version",
                    target_type=Assessment._meta.label_lower,
                    target_id=pk,
                    unit_id=unit_id,
                    before={
                        "framework": old_label,
                        **{f: _json(v) for f, v in zip(FIGURES, figures, strict=True)},
                    },
                    after={"framework": target.label, **{f: _json(v) for f, v in after.items()}},
                    note=note
                    + (" Kết quả đã công nhận: giữ trạng thái." if status in OFFICIAL else ""),
                )
            )
        _update_figures(changes)
        AuditEntry.objects.bulk_create(entries, batch_size=1000)


def _update_figures(changes: list[tuple[int, dict[str, Any]]]) -> None:
    """The new figures of many rows: one UPDATE … FROM (VALUES …) per batch on PostgreSQL
    (Django's bulk_update builds a CASE per field and row, many times slower), else bulk_update."""
    if not changes:
        return
    if connection.vendor != "postgresql":
        rows = []
        for pk, after in changes:
            row = Assessment(pk=pk)
            for f, value in after.items():
                setattr(row, f, value)
            rows.append(row)
        Assessment.objects.bulk_update(rows, list(FIGURES), batch_size=500)
        return
    quote = connection.ops.quote_name
    fields = [Assessment._meta.get_field(f) for f in FIGURES]
    casts = {f.name: f.db_type(connection) for f in fields}
    sets = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}::{casts[f.name]}" for f in fields)
    columns = ", ".join(["id", *(quote(f.column) for f in fields)])
    marks = ", ".join(["(%s" + ", %s" * len(fields) + ")"] * len(changes))
    params: list[Any] = []
    for pk, after in changes:  # as text, cast by the SET clause: NULLs and numbers mix freely
        params.append(str(pk))
        for f in FIGURES:
            value = after.get(f)
            params.append(
                None
                if value is None
                else json.dumps(value)
                if f == "criterion_points"
                else str(value)
            )
    table = quote(Assessment._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS a SET {sets} FROM (VALUES {marks}) AS v({columns}) "  # noqa: S608 (names from the model; values as parameters)
            "WHERE a.id = v.id::bigint",
            params,
        )
