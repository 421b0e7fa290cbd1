"""Login-able users for a load test, attached to units that already exist (seed_demo, synth)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext

from chiso.assessments.models import Assessment
from chiso.assessments.queries import current_campaign
from chiso.units.models import Membership, Unit

EDITABLE = (Assessment.Status.DRAFT, Assessment.Status.RETURNED)


@dataclass(frozen=True)
class Target:
    username: str
    assessment_pk: int | None = None  # institutions: the assessment they edit
    office_pk: int | None = None  # offices: the office list and dashboard they open
    # "district" (a commune, or a Phòng before 1/7/2025), "province" (its list filtered by one of
    # them) or "national"
    level: str = ""
    sub_unit_pk: int | None = None  # that commune or Phòng


def _spread(ids: list[int], count: int) -> list[int]:
    """`count` ids evenly spread over the list (institutions of every province, not the first)."""
    if len(ids) <= count:
        return ids
    step = len(ids) / count
    return [ids[int(i * step)] for i in range(count)]


LEVELS = {
    Unit.Kind.DISTRICT: "district",
    Unit.Kind.COMMUNE: "district",  # what manages most schools since 1/7/2025
    Unit.Kind.DEPARTMENT: "province",
    Unit.Kind.MINISTRY: "national",
}


def _offices(units: list[Unit], count: int) -> list[tuple[Unit, Unit | None]]:
    """Up to `count` offices above these units, districts and provinces in turn and one national
    office; a province comes with one of its districts (for the filtered list)."""
    ancestor_ids = {a for u in units for a in u.ancestor_ids[:-1]}
    above = {u.pk: u for u in Unit.objects.filter(pk__in=ancestor_ids, is_active=True)}
    by_level: dict[str, list[Unit]] = {"district": [], "province": [], "national": []}
    for unit in units:
        for pk in unit.ancestor_ids[:-1]:
            office = above.get(pk)
            level = LEVELS.get(office.kind) if office else None  # type: ignore[union-attr]
            if office and level and office not in by_level[level]:
                by_level[level].append(office)
    by_level["national"] = by_level["national"][:1]
    first_district: dict[int | None, Unit] = {}
    for district in by_level["district"]:
        first_district.setdefault(district.parent_id, district)
    chosen: list[tuple[Unit, Unit | None]] = []
    for i in range(max(len(offices) for offices in by_level.values())):
        for offices in by_level.values():
            if i < len(offices) and len(chosen) < count:
                chosen.append((offices[i], first_district.get(offices[i].pk)))
    return chosen


def pick_targets(institutions: int, offices: int, password: str) -> list[Target]:
    """Up to `institutions` editable assessments of the current campaign (spread over the
    country) and `offices` Phòng/Sở above them, each with a user `load.<unit pk>` (created if
    missing; its password set only if it differs, so a running test's sessions stay valid)."""
    campaign = current_campaign()
    if campaign is None:
        raise ValueError(
            gettext("Không có đợt đánh giá nào đang mở: hãy chạy seed_demo hoặc chiso synth.")
        )
    editable = list(
        Assessment.objects.filter(campaign=campaign, status__in=EDITABLE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    assessments = list(
        Assessment.objects.filter(pk__in=_spread(editable, institutions))
        .select_related("unit")
        .order_by("pk")
    )
    if not assessments:
        raise ValueError(
            gettext("Đợt «%(campaign)s» không có bản đánh giá nào đang soạn.")
            % {"campaign": campaign}
        )
    plan: list[tuple[Unit, str, dict[str, object]]] = [
        (a.unit, Membership.Role.MEMBER, {"assessment_pk": a.pk}) for a in assessments
    ]
    for office, district in _offices([a.unit for a in assessments], offices):
        level = LEVELS[office.kind]
        sub = {"level": level, "sub_unit_pk": district.pk if district else None}
        plan.append((office, Membership.Role.REVIEWER, {"office_pk": office.pk, **sub}))
    return _ensure_users(plan, password)


def _ensure_users(plan: list[tuple[Unit, str, dict[str, object]]], password: str) -> list[Target]:
    User = get_user_model()
    names = [f"load.{unit.pk}" for unit, _, _ in plan]
    existing = {u.username: u for u in User.objects.filter(username__in=names)}
    # One hash for every load user (the same password): checked once, not once per user.
    hashed = next(
        (u.password for u in existing.values() if u.is_active and u.check_password(password)), ""
    )
    hashed = hashed or make_password(password)
    out = []
    with transaction.atomic():
        for (unit, role, target), username in zip(plan, names, strict=True):
            user = existing.get(username) or User(username=username)
            if user.pk is None or user.password != hashed or not user.is_active:
                user.password, user.is_active = hashed, True
                user.save()
            Membership.objects.get_or_create(user=user, unit=unit, role=role)
            out.append(Target(username, **target))  # type: ignore[arg-type]
    return out
