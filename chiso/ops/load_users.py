"""Login-able users for a load test, attached to units that already exist (seed_demo, synth)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from chiso.assessments.models import Assessment
from chiso.assessments.queries import current_campaign
from chiso.units.models import Membership, Unit

EDITABLE = (Assessment.Status.DRAFT, Assessment.Status.RETURNED)


@dataclass(frozen=True)
class Target:
    username: str
    assessment_pk: int | None = None  # institutions: the assessment they edit
    office_pk: int | None = None  # offices: the office list they open


def pick_targets(institutions: int, offices: int, password: str) -> list[Target]:
    """Up to `institutions` editable assessments of the current campaign and `offices` Phòng/Sở
    above them, each with a user `load.<unit pk>` (created if missing, password set if it differs)."""
    campaign = current_campaign()
    if campaign is None:
        raise ValueError("Không có đợt đánh giá nào đang mở: hãy chạy seed_demo hoặc chiso synth.")
    assessments = list(
        Assessment.objects.filter(campaign=campaign, status__in=EDITABLE)
        .select_related("unit")
        .order_by("pk")[:institutions]
    )
    if not assessments:
        raise ValueError(f"Đợt «{campaign}» không có bản đánh giá nào đang soạn.")
    parent_ids = list(dict.fromkeys(a.unit.parent_id for a in assessments if a.unit.parent_id))
    office_units = list(Unit.objects.filter(pk__in=parent_ids[:offices]))
    User = get_user_model()
    out: list[Target] = []
    with transaction.atomic():
        for unit, role, target in [
            *((a.unit, Membership.Role.MEMBER, {"assessment_pk": a.pk}) for a in assessments),
            *((o, Membership.Role.REVIEWER, {"office_pk": o.pk}) for o in office_units),
        ]:
            username = f"load.{unit.pk}"
            user, created = User.objects.get_or_create(username=username)
            # Changing a password logs its sessions out: only when it differs (another run may be
            # playing these users right now).
            if created or not user.is_active or not user.check_password(password):
                user.set_password(password)
                user.is_active = True
                user.save()
            Membership.objects.get_or_create(user=user, unit=unit, role=role)
            out.append(Target(username, **target))
    return out
