"""A synthetic country for benchmarks and demos of scale (`chiso synth`), as it is in December 2026.

34 provinces since 1/7/2025 (Nghị quyết 202/2025/QH15): 11 unchanged, 23 formed by merging 52
older ones, whose Sở closed on 30/6/2025 merged into the new province's. About 700 district
offices (Phòng GDĐT) under the 63 older Sở, closed on 30/6/2025 and kept with their results; about
3,300 communes, wards and special zones (UBND xã, phường, đặc khu) that manage the kindergartens,
primary and lower-secondary schools since; the Sở manages the upper-secondary schools and GDTX
centres. 55,000 institutions and three school years: 2024-2025 under the Phòng and the older Sở
(published, history), 2025-2026 under the communes and the new Sở (published), 2026-2027 in every
state. Every assessment keeps the body that managed its school that year; every date falls before
`AS_OF` and in the order of the workflow. Scored by the real engine from generated facts; seeded,
so that two runs build the same country. Written in bulk (a few minutes on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from chiso import rubric
from chiso.assessments import scoring
from chiso.assessments.models import Assessment, Campaign
from chiso.demo.province import ACTING_OFFICE, partial, school_facts
from chiso.frameworks import registry
from chiso.units.models import Management, ReviewMode, Succession, Unit

TYPES = [("MN", 0.30), ("TH", 0.27), ("THCS", 0.19), ("TH_THCS", 0.07), ("THPT", 0.05),
         ("THCS_THPT", 0.04), ("LIEN_CAP", 0.04), ("GDTX", 0.04)]  # fmt: skip
# Managed by the Sở (before and after 1/7/2025); every other type by its Phòng, then its commune.
SO_TYPES = frozenset({"THPT", "THCS_THPT", "GDTX"})
TYPE_PREFIX = {"MN": "Trường Mầm non", "TH": "Trường Tiểu học", "THCS": "Trường THCS",
               "TH_THCS": "Trường TH&THCS", "THPT": "Trường THPT", "THCS_THPT": "Trường THCS&THPT",
               "LIEN_CAP": "Trường liên cấp", "GDTX": "Trung tâm GDNN-GDTX"}  # fmt: skip
NAMES = [
    "Hòa", "Bình", "Kim", "Đồng", "Lê", "Lợi", "Quang", "Trung", "Nguyễn", "Du", "Chu", "Văn",
    "An", "Trần", "Phú", "Hùng", "Vương", "Võ", "Thị", "Sáu", "Lý", "Tự", "Trọng", "Đoàn", "Kết",
    "Tân", "Tiến", "Hưng", "Đạo", "Hoa", "Sen", "Sao", "Mai", "Minh", "Thăng", "Long", "Hồng",
    "Hà", "Tiền", "Phong", "Ngô", "Quyền", "Hai", "Bà", "Trưng", "Phan", "Trinh", "Lương", "Thế",
    "Vinh", "Trãi", "Đông", "Tây", "Nam", "Bắc", "Yên", "Thành", "Phúc", "Lộc", "Thọ",
]  # fmt: skip
# The provinces since 1/7/2025, each followed by those merged into it (their Sở closed on
# 30/6/2025); the first name is the province that kept its name (research: regulations, § 5).
PROVINCES: list[tuple[str, ...]] = [
    ("Hà Nội",), ("Hải Phòng", "Hải Dương"), ("Huế",), ("Đà Nẵng", "Quảng Nam"),
    ("Cần Thơ", "Sóc Trăng", "Hậu Giang"), ("Hồ Chí Minh", "Bình Dương", "Bà Rịa – Vũng Tàu"),
    ("Quảng Ninh",), ("Cao Bằng",), ("Lạng Sơn",), ("Lai Châu",), ("Điện Biên",), ("Sơn La",),
    ("Thanh Hóa",), ("Nghệ An",), ("Hà Tĩnh",), ("Tuyên Quang", "Hà Giang"),
    ("Lào Cai", "Yên Bái"), ("Thái Nguyên", "Bắc Kạn"), ("Phú Thọ", "Vĩnh Phúc", "Hòa Bình"),
    ("Bắc Ninh", "Bắc Giang"), ("Hưng Yên", "Thái Bình"), ("Ninh Bình", "Hà Nam", "Nam Định"),
    ("Quảng Trị", "Quảng Bình"), ("Quảng Ngãi", "Kon Tum"), ("Gia Lai", "Bình Định"),
    ("Khánh Hòa", "Ninh Thuận"), ("Lâm Đồng", "Đắk Nông", "Bình Thuận"), ("Đắk Lắk", "Phú Yên"),
    ("Đồng Nai", "Bình Phước"), ("Tây Ninh", "Long An"), ("Vĩnh Long", "Bến Tre", "Trà Vinh"),
    ("Đồng Tháp", "Tiền Giang"), ("Cà Mau", "Bạc Liêu"), ("An Giang", "Kiên Giang"),
]  # fmt: skip
# 3,321 commune-level units since 1/7/2025: 2,621 xã, 687 phường, 13 đặc khu.
COMMUNE_KINDS = [("xã", 0.789), ("phường", 0.207), ("đặc khu", 0.004)]
DISTRICT_KINDS = [("huyện", 0.72), ("thành phố", 0.12), ("thị xã", 0.08), ("quận", 0.08)]
YEARS = ["2024-2025", "2025-2026", "2026-2027"]
LAST_DAY = dt.date(2025, 6, 30)  # the Phòng and the merged Sở closed that day
AS_OF = dt.date(2026, 12, 1)  # nothing is dated after it
STATES = {  # the last year is under way; earlier ones are published
    0: [(Assessment.Status.PUBLISHED, 0.98), (None, 0.02)],
    1: [(Assessment.Status.PUBLISHED, 0.97), (None, 0.03)],
    2: [(None, 0.08), (Assessment.Status.DRAFT, 0.27), (Assessment.Status.SUBMITTED, 0.25),
        (Assessment.Status.RETURNED, 0.06), (Assessment.Status.RECOGNISED, 0.2),
        (Assessment.Status.PUBLISHED, 0.14)],
}  # fmt: skip
# Who reviews the commune-managed schools in 2026-2027 (and each Sở's default), as in the demo.
REVIEW_MODES = {
    "MN": ReviewMode.COMMUNE,
    "TH": ReviewMode.SO,
    "THCS": ReviewMode.COMMUNE_THEN_SO,
    "TH_THCS": ReviewMode.COMMUNE_THEN_SO,
    "LIEN_CAP": ReviewMode.COMMUNE,
}
RETURN_REASON = "Bổ sung minh chứng cho tiêu chí 1.4 và 2.3."


def provinces_of(count: int) -> list[tuple[str, ...]]:
    """`count` provinces with their predecessors: the real 34 first, then numbered copies."""
    out = []
    for i in range(count):
        names = PROVINCES[i % len(PROVINCES)]
        lap = i // len(PROVINCES)
        out.append(names if lap == 0 else tuple(f"{n} {lap + 1}" for n in names))
    return out


def _pick(rng: random.Random, weighted: list[tuple[Any, float]]) -> Any:
    r, total = rng.random(), 0.0
    for value, weight in weighted:
        total += weight
        if r < total:
            return value
    return weighted[-1][0]


def _spread(total: int, over: int, rng: random.Random) -> list[int]:
    """`total` things shared over `over` places, at least one each, the remainder at random."""
    total = max(total, over)
    counts = [total // over] * over
    for i in rng.sample(range(over), total % over):
        counts[i] += 1
    return counts


def _place_name(rng: random.Random, seen: set[str]) -> str:
    """Two words of NAMES, not yet used in `seen` (a number is added when all are)."""
    for _ in range(20):
        name = f"{rng.choice(NAMES)} {rng.choice(NAMES)}"
        if name not in seen:
            break
    else:
        name = f"{name} {len(seen) + 1}"
    seen.add(name)
    return name


def _set_paths(parent_ids: list[int]) -> None:
    """Materialised paths of the children of `parent_ids`, in one statement (SQLite and PG)."""
    if not parent_ids:
        return
    marks = ",".join(["%s"] * len(parent_ids))
    table = Unit._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET path = (SELECT p.path FROM {table} p WHERE p.id = {table}.parent_id) "  # noqa: S608
            f"|| CAST(id AS VARCHAR(20)) || '/', depth = (SELECT p.depth + 1 FROM {table} p WHERE p.id = {table}.parent_id) "
            f"WHERE parent_id IN ({marks})",
            parent_ids,
        )


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def workflow_dates(rng: random.Random, index: int, status: str) -> dict[str, Any]:
    """The council's, the submission's and the office's dates of a result of year `index`, in
    the workflow's order: a past year's in the spring of its last calendar year (published by
    25/6, before the Phòng closed for 2024-2025); this year's in the autumn of 2026."""
    if status == Assessment.Status.DRAFT:
        return {}
    first = int(YEARS[index][:4])
    if index < len(YEARS) - 1:
        council = dt.date(first + 1, 3, rng.randint(2, 20))
        minutes = council + dt.timedelta(days=rng.randint(7, 25))
        approval = minutes + dt.timedelta(days=rng.randint(1, 6))
        late = rng.random() < 0.15
        submitted = dt.date(first + 1, 5, 1) + dt.timedelta(
            days=rng.randint(31, 35) if late else rng.randint(2, 28)
        )
        recognised = min(
            max(submitted + dt.timedelta(days=3), dt.date(first + 1, 6, 5)),
            dt.date(first + 1, 6, 20),
        )
        published = recognised + dt.timedelta(days=5)
    else:
        council = dt.date(first, 9, rng.randint(15, 30))
        minutes = council + dt.timedelta(days=rng.randint(10, 30))
        approval = minutes + dt.timedelta(days=rng.randint(1, 7))
        submitted = approval + dt.timedelta(days=rng.randint(1, 14))
        recognised = submitted + dt.timedelta(days=rng.randint(2, 8))
        published = min(recognised + dt.timedelta(days=rng.randint(1, 3)), AS_OF)
    dates: dict[str, Any] = {
        "council_decision_date": council,
        "minutes_date": minutes,
        "approval_decision_date": approval,
        "submitted_at": _at(submitted),
    }
    if status in (Assessment.Status.RECOGNISED, Assessment.Status.PUBLISHED):
        dates["recognised_at"] = _at(recognised, 14)
    if status == Assessment.Status.PUBLISHED:
        dates["published_at"] = _at(published, 16)
    if status == Assessment.Status.RETURNED:
        dates["return_reason"] = RETURN_REASON
    return dates


@dataclass
class _School:
    unit: Unit
    before: Unit  # its managing body in 2024-2025 (a Phòng, or the older Sở)
    strength: float


def generate(
    *,
    provinces: int = 34,
    communes: int = 3_321,
    districts: int = 700,
    institutions: int = 55_000,
    seed: int = 2026,
    prefix: str = "SYN",
    say: Callable[[str], None] = print,
) -> dict[str, int]:
    """Create the country under a new ministry unit; returns what was created."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data)
    started = time.perf_counter()
    with transaction.atomic():
        tree = _tree(rng, provinces, communes, districts, institutions, prefix)
        say(
            f"đơn vị: 1 Bộ, {len(tree['sos'])} Sở ({len(tree['merged'])} Sở cũ sáp nhập đến "
            f"30/6/2025), {len(tree['phongs'])} Phòng (đến 30/6/2025), {len(tree['communes']):,} "
            f"xã, phường, đặc khu, {institutions:,} cơ sở ({time.perf_counter() - started:.1f} s)"
        )
        count = _assessments(rng, tree, prefix, say, started)
    if connection.vendor == "postgresql":  # fresh statistics for the planner
        with connection.cursor() as cursor:
            cursor.execute(
                f"ANALYZE {Unit._meta.db_table}, {Management._meta.db_table}, "
                f"{Assessment._meta.db_table}"
            )
    return {
        "provinces": len(tree["sos"]),
        "merged_provinces": len(tree["merged"]),
        "districts": len(tree["phongs"]),
        "communes": len(tree["communes"]),
        "institutions": institutions,
        "assessments": count,
    }


def _tree(
    rng: random.Random,
    provinces: int,
    communes: int,
    districts: int,
    institutions: int,
    prefix: str,
) -> dict[str, Any]:
    """Today's tree, the closed units of before 1/7/2025 and who managed each school then."""
    bo = Unit.objects.create(
        name=f"Bộ Giáo dục và Đào tạo ({prefix})", kind=Unit.Kind.MINISTRY, code=f"{prefix}-BO"
    )
    bo.path, bo.depth = f"/{bo.pk}/", 0
    bo.save(update_fields=["path", "depth"])
    listed = provinces_of(provinces)

    def so(name: str, code: str, **extra: Any) -> Unit:
        full = "Thành phố Hồ Chí Minh" if name == "Hồ Chí Minh" else name
        return Unit(
            name=f"Sở Giáo dục và Đào tạo {full}",
            short_name=f"Sở GDĐT {full}",
            kind=Unit.Kind.DEPARTMENT,
            parent=bo,
            code=code,
            place=name,
            **extra,
        )

    sos = Unit.objects.bulk_create(
        so(names[0], f"{prefix}-S{i:02d}", review_modes=dict(REVIEW_MODES))
        for i, names in enumerate(listed, start=1)
    )
    merged = Unit.objects.bulk_create(
        so(
            name,
            f"{prefix}-S{i:02d}-{k}",
            is_active=False,
            closed_at=LAST_DAY,
            merged_into=successor,
        )
        for i, (names, successor) in enumerate(zip(listed, sos, strict=True), start=1)
        for k, name in enumerate(names[1:], start=2)
    )
    _set_paths([bo.pk])
    Succession.objects.bulk_create(  # as a reorganisation's table records a merge
        Succession(
            predecessor=m, successor=m.merged_into, effective=LAST_DAY + dt.timedelta(days=1)
        )
        for m in merged
    )
    # The 63 older provinces: the continuing Sở (itself) and the merged ones, with the successor.
    older = [(s, s) for s in sos] + [(m, m.merged_into) for m in merged]
    phong_rows, phong_counts = [], _spread(districts, len(older), rng)
    for (old, new), count in zip(older, phong_counts, strict=True):
        seen: set[str] = set()
        for _ in range(count):
            kind = _pick(rng, DISTRICT_KINDS)
            place = _place_name(rng, seen)
            phong_rows.append(
                (
                    Unit(
                        name=f"Phòng Giáo dục và Đào tạo {kind} {place}",
                        short_name=f"PGD {place}",
                        kind=Unit.Kind.DISTRICT,
                        parent=old,
                        code=f"{prefix}-P{len(phong_rows) + 1:03d}",
                        place=place,
                        is_active=False,
                        closed_at=LAST_DAY,
                    ),
                    new,
                )
            )
    phongs = Unit.objects.bulk_create([unit for unit, _ in phong_rows])
    commune_rows, of_phong = [], []
    seen_by_so: dict[int, set[str]] = {s.pk: set() for s in sos}
    for (_phong, new), count in zip(phong_rows, _spread(communes, len(phongs), rng), strict=True):
        first = len(commune_rows)
        for _ in range(count):
            kind = _pick(rng, COMMUNE_KINDS)
            place = _place_name(rng, seen_by_so[new.pk])
            commune_rows.append(
                Unit(
                    name=f"Ủy ban nhân dân {kind} {place}",
                    short_name=f"UBND {kind} {place}",
                    kind=Unit.Kind.COMMUNE,
                    parent=new,
                    code=f"{prefix}-X{len(commune_rows) + 1:04d}",
                    place=place,
                    acting_office=ACTING_OFFICE,
                )
            )
        of_phong.append((first, len(commune_rows)))
    commune_units = Unit.objects.bulk_create(commune_rows, batch_size=2000)
    _set_paths([s.pk for s in sos] + [m.pk for m in merged])
    schools: list[_School] = []
    for n in range(1, institutions + 1):
        kind = _pick(rng, TYPES)
        p = rng.randrange(len(phongs))
        phong, new = phong_rows[p]
        if kind in SO_TYPES:
            before, parent = phong.parent, new
        else:
            first, last = of_phong[p]
            before, parent = phong, commune_units[rng.randrange(first, last)]
        unit = Unit(
            name=f"{TYPE_PREFIX[kind]} {rng.choice(NAMES)} {n}",
            kind=Unit.Kind.INSTITUTION,
            institution_type=kind,
            parent=parent,
            code=f"{prefix}-{n:06d}",
            place=parent.place,
        )
        schools.append(_School(unit, before, rng.random()))
    Unit.objects.bulk_create([s.unit for s in schools], batch_size=5000)
    _set_paths([c.pk for c in commune_units] + [s.pk for s in sos])
    Management.objects.bulk_create(
        (
            Management(unit_id=s.unit.pk, body_id=s.before.pk, until=LAST_DAY)
            for s in schools
            if s.before.pk != s.unit.parent_id
        ),
        batch_size=5000,
    )
    return {
        "bo": bo,
        "sos": sos,
        "merged": merged,
        "phongs": phongs,
        "communes": commune_units,
        "schools": schools,
    }


def _assessments(
    rng: random.Random,
    tree: dict[str, Any],
    prefix: str,
    say: Callable[[str], None],
    started: float,
) -> int:
    """Three national campaigns; each result under the body that managed its school that year."""
    count = 0
    for index, year in enumerate(YEARS):
        first = int(year[:4]) + 1
        current = index == len(YEARS) - 1
        campaign = Campaign.objects.create(
            name=f"Đánh giá mức độ chuyển đổi số ({prefix})", school_year=year, owner=tree["bo"],
            submit_by=dt.date(first, 5, 31), review_by=dt.date(first, 6, 20),
            publish_by=dt.date(first, 6, 30), is_open=current,
            review_modes=dict(REVIEW_MODES) if current else {},
        )  # fmt: skip
        framework = registry.campaign_framework(campaign)
        batch: list[Assessment] = []
        for school in tree["schools"]:
            status = _pick(rng, STATES[index])
            if status is None:
                continue
            facts = school_facts(rng, min(1.0, school.strength + 0.08 * index))
            if status == Assessment.Status.DRAFT:
                facts = partial(facts, rng, rng.random())
            unit = school.unit
            a = Assessment(
                campaign=campaign,
                unit_id=unit.pk,
                managing_body_id=school.before.pk if index == 0 else unit.parent_id,
                status=status,
                facts=facts,
                **workflow_dates(rng, index, status),
            )
            if a.council_decision_date is not None:
                a.council_decision_number = f"{unit.pk % 97 + 1:02d}/QĐ-HĐCĐS"
                a.approval_decision_number = f"{unit.pk % 89 + 11:02d}/QĐ-PDKQ"
            scoring.store_figures(a, rubric.score(framework, facts))
            batch.append(a)
        Assessment.objects.bulk_create(batch, batch_size=5000)
        count += len(batch)
        say(f"năm học {year}: {len(batch):,} bản đánh giá ({time.perf_counter() - started:.1f} s)")
    return count
