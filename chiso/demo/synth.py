"""A synthetic country for benchmarks and demos of scale (`chiso synth`).

34 provinces; Phòng in most of them (about 700 in all; a few provinces run their schools
directly, as after the 2025 reform); 55,000 institutions of every type; three school years of
assessments in every state, scored by the real engine from generated facts.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction

from chiso import rubric
from chiso.assessments import scoring
from chiso.assessments.models import Assessment, Campaign
from chiso.demo.province import partial, school_facts
from chiso.frameworks import registry
from chiso.units.models import Unit

TYPES = [("MN", 0.30), ("TH", 0.27), ("THCS", 0.19), ("TH_THCS", 0.07), ("THPT", 0.05),
         ("THCS_THPT", 0.04), ("LIEN_CAP", 0.04), ("GDTX", 0.04)]  # fmt: skip
TYPE_PREFIX = {"MN": "Trường Mầm non", "TH": "Trường Tiểu học", "THCS": "Trường THCS",
               "TH_THCS": "Trường TH&THCS", "THPT": "Trường THPT", "THCS_THPT": "Trường THCS&THPT",
               "LIEN_CAP": "Trường liên cấp", "GDTX": "Trung tâm GDNN-GDTX"}  # fmt: skip
NAMES = [
    "Hòa",
    "Bình",
    "Kim",
    "Đồng",
    "Lê",
    "Lợi",
    "Quang",
    "Trung",
    "Nguyễn",
    "Du",
    "Chu",
    "Văn",
    "An",
    "Trần",
    "Phú",
    "Hùng",
    "Vương",
    "Võ",
    "Thị",
    "Sáu",
    "Lý",
    "Tự",
    "Trọng",
    "Đoàn",
    "Kết",
    "Tân",
    "Tiến",
    "Hưng",
    "Đạo",
    "Hoa",
    "Sen",
    "Sao",
    "Mai",
    "Bình",
    "Minh",
    "Thăng",
    "Long",
    "Hồng",
    "Hà",
    "Tiền",
    "Phong",
    "Ngô",
    "Quyền",
    "Hai",
    "Bà",
    "Trưng",
    "Phan",
    "Chu",
    "Trinh",
    "Lương",
    "Thế",
    "Vinh",
    "Nguyễn",
    "Trãi",
]
PROVINCES = (
    "Hà Nội Hải Phòng Huế Đà Nẵng Cần Thơ TP Hồ Chí Minh Quảng Ninh Cao Bằng Lạng Sơn "
    "Lai Châu Điện Biên Sơn La Thanh Hóa Nghệ An Hà Tĩnh Tuyên Quang Lào Cai Thái Nguyên "
    "Phú Thọ Bắc Ninh Hưng Yên Ninh Bình Quảng Trị Quảng Ngãi Gia Lai Khánh Hòa Lâm Đồng "
    "Đắk Lắk Đồng Nai Tây Ninh Vĩnh Long Đồng Tháp Cà Mau An Giang"
)
YEARS = ["2023-2024", "2024-2025", "2025-2026"]
STATES = {  # the last year is under way; earlier ones are published
    0: [(Assessment.Status.PUBLISHED, 0.97), (Assessment.Status.RECOGNISED, 0.03)],
    1: [(Assessment.Status.PUBLISHED, 0.95), (Assessment.Status.RECOGNISED, 0.05)],
    2: [(None, 0.08), (Assessment.Status.DRAFT, 0.27), (Assessment.Status.SUBMITTED, 0.25),
        (Assessment.Status.RETURNED, 0.06), (Assessment.Status.RECOGNISED, 0.2),
        (Assessment.Status.PUBLISHED, 0.14)],
}  # fmt: skip


def _province_names(count: int) -> list[str]:
    words = PROVINCES.split()
    names, i = [], 0
    while len(names) < count:  # two words per province name is good enough for a synthetic map
        names.append(" ".join(words[i % len(words) : i % len(words) + 2]))
        i += 2
    return names


def _pick(rng: random.Random, weighted: list[tuple[Any, float]]) -> Any:
    r, total = rng.random(), 0.0
    for value, weight in weighted:
        total += weight
        if r < total:
            return value
    return weighted[-1][0]


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


def generate(
    *,
    provinces: int = 34,
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
        bo = Unit.objects.create(
            name=f"Bộ Giáo dục và Đào tạo ({prefix})", kind=Unit.Kind.MINISTRY, code=f"{prefix}-BO"
        )
        bo.path, bo.depth = f"/{bo.pk}/", 0
        bo.save(update_fields=["path", "depth"])
        sos = Unit.objects.bulk_create(
            Unit(
                name=f"Sở GDĐT {name}",
                kind=Unit.Kind.DEPARTMENT,
                parent=bo,
                code=f"{prefix}-S{i:02d}",
                place=name,
            )
            for i, name in enumerate(_province_names(provinces), start=1)
        )
        _set_paths([bo.pk])
        without = max(1, provinces // 8)  # a few provinces manage their schools directly
        with_phong = sos[without:]
        per = max(1, districts // max(1, len(with_phong)))
        phongs = Unit.objects.bulk_create(
            Unit(
                name=f"Phòng GDĐT số {j} ({so.place})",
                kind=Unit.Kind.DISTRICT,
                parent=so,
                code=f"{prefix}-S{s:02d}-P{j:02d}",
                place=so.place,
            )
            for s, so in enumerate(with_phong, start=without + 1)
            for j in range(1, per + 1)
        )
        _set_paths([s.pk for s in sos])
        parents = phongs + sos[:without] * max(1, per // 2)
        units = []
        for n in range(1, institutions + 1):
            kind = _pick(rng, TYPES)
            parent = (
                sos[rng.randrange(len(sos))]
                if kind in ("THPT", "GDTX", "THCS_THPT") and rng.random() < 0.8
                else parents[rng.randrange(len(parents))]
            )
            name = f"{TYPE_PREFIX[kind]} {rng.choice(NAMES)} {n}"
            units.append(
                Unit(
                    name=name,
                    kind=Unit.Kind.INSTITUTION,
                    institution_type=kind,
                    parent=parent,
                    code=f"{prefix}-{n:06d}",
                    place=parent.place,
                )
            )
        Unit.objects.bulk_create(units, batch_size=5000)
        _set_paths([p.pk for p in phongs] + [s.pk for s in sos])
    say(
        f"đơn vị: 1 Bộ, {len(sos)} Sở, {len(phongs)} Phòng, {institutions:,} cơ sở ({time.perf_counter() - started:.1f} s)"
    )
    schools = list(Unit.objects.filter(code__startswith=f"{prefix}-0").only("pk").order_by("pk"))
    strength = {u.pk: rng.random() for u in schools}
    count = 0
    for index, year in enumerate(YEARS):
        campaign = Campaign.objects.create(
            name=f"Đánh giá mức độ chuyển đổi số ({prefix})", school_year=year, owner=bo,
            submit_by=dt.date(int(year[-4:]), 5, 31), is_open=index == len(YEARS) - 1,
        )  # fmt: skip
        framework = registry.campaign_framework(campaign)
        batch: list[Assessment] = []
        for unit in schools:
            status = _pick(rng, STATES[index])
            if status is None:
                continue
            facts = school_facts(rng, min(1.0, strength[unit.pk] + 0.08 * index))
            if status == Assessment.Status.DRAFT:
                facts = partial(facts, rng, rng.random())
            a = Assessment(campaign=campaign, unit_id=unit.pk, status=status, facts=facts)
            scoring.store_figures(a, rubric.score(framework, facts))
            batch.append(a)
        Assessment.objects.bulk_create(batch, batch_size=5000)
        count += len(batch)
        say(f"năm học {year}: {len(batch):,} bản đánh giá ({time.perf_counter() - started:.1f} s)")
    return {
        "provinces": len(sos),
        "districts": len(phongs),
        "institutions": institutions,
        "assessments": count,
    }
