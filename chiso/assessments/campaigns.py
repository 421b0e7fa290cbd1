"""Opening and closing assessment campaigns: one transactional, audited function per change."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from chiso import rubric
from chiso.assessments.actions import ActionRefused, deadline_problems
from chiso.assessments.models import Campaign
from chiso.audit import record, save_changes
from chiso.frameworks import registry
from chiso.frameworks.access import visible_framework_versions
from chiso.frameworks.models import FrameworkVersion
from chiso.units import policy
from chiso.units.models import ReviewMode, Unit

# ASCII digits only ("\d" takes any script's digits: a fullwidth year sorted above all the
# others and became every school's current campaign), consecutive, within a sane range.
SCHOOL_YEAR = re.compile(r"([0-9]{4})-([0-9]{4})")
FIRST_YEAR, LAST_YEAR = 2000, 2099


def is_school_year(text: str) -> bool:
    """Whether `text` is a school year such as "2026-2027"."""
    match = SCHOOL_YEAR.fullmatch(text or "")
    if match is None:
        return False
    start, end = int(match[1]), int(match[2])
    return FIRST_YEAR <= start <= LAST_YEAR and end == start + 1


OFFICE_KINDS = {"so", "phong"}


@dataclass
class CampaignDraft:
    """What an office head fills in to open a campaign."""

    name: str
    school_year: str
    audience: str
    framework_id: str
    framework_version: int = 1
    submit_by: dt.date | None = None
    review_by: dt.date | None = None
    publish_by: dt.date | None = None
    rollup_source: Campaign | None = None


@dataclass(frozen=True)
class FrameworkChoice:
    """A published index version an office may pin: "qd4725-2022@1"."""

    framework_id: str
    version: int
    label: str
    provisional: bool
    local: bool

    @property
    def value(self) -> str:
        return f"{self.framework_id}@{self.version}"


def frameworks_for(user: Any, audience: str) -> list[FrameworkChoice]:
    """The published versions the user may see that fit an audience: the offices' indices apply
    to Sở/Phòng, the institutions' to institution types (newest version first)."""

    rows = visible_framework_versions(user).filter(status=FrameworkVersion.Status.PUBLISHED)
    out = []
    for row in rows.order_by("framework_id", "-version"):
        try:
            framework = registry.get_framework(row.framework_id, row.version)
        except rubric.RubricError:
            continue
        for_offices = bool(set(framework.applies_to) & OFFICE_KINDS)
        if for_offices == (audience == Campaign.Audience.OFFICES):
            label = _("%(name)s — phiên bản %(version)s") % {
                "name": framework.decision.number or row.framework_id,
                "version": row.version,
            }
            out.append(
                FrameworkChoice(
                    row.framework_id, row.version, label, framework.is_provisional, row.is_local
                )
            )
    return out


def source_choices(owner: Unit) -> list[Campaign]:
    """Institutions' campaigns an offices' campaign of `owner` may read its roll-ups from."""
    within = Q(owner_id__in=owner.ancestor_ids) | Q(owner__path__startswith=owner.path)
    return list(
        Campaign.objects.filter(within, audience=Campaign.Audience.INSTITUTIONS).order_by(
            "-school_year", "name"
        )
    )


def _check(owner: Unit, draft: CampaignDraft, user: Any) -> None:
    problems = []
    if not draft.name.strip():
        problems.append(_("Tên đợt: không được để trống"))
    if not is_school_year(draft.school_year):
        problems.append(
            _("Năm học: viết dạng 2026-2027 (hai năm liền nhau, từ %(first)s đến %(last)s)")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    if draft.audience not in Campaign.Audience.values:
        problems.append(_("Đối tượng đánh giá: không hợp lệ"))
    elif (draft.framework_id, draft.framework_version) not in {
        (f.framework_id, f.version) for f in frameworks_for(user, draft.audience)
    }:
        problems.append(_("Bộ chỉ số: không dùng được cho đối tượng này"))
    problems += deadline_problems(draft.submit_by, draft.review_by, draft.publish_by)
    source = draft.rollup_source
    if source is not None and (
        draft.audience != Campaign.Audience.OFFICES
        or source.school_year != draft.school_year
        or source.pk not in {c.pk for c in source_choices(owner)}
    ):
        problems.append(
            _(
                "Đợt của các cơ sở (số liệu tổng hợp): phải là đợt của cơ sở giáo dục cùng năm học, "
                "trong phạm vi của đơn vị"
            )
        )
    duplicate = Campaign.objects.filter(
        owner=owner, school_year=draft.school_year, audience=draft.audience
    ).exists()
    if duplicate:
        problems.append(
            _("Đơn vị đã có đợt đánh giá năm học %(school_year)s cho đối tượng này")
            % {"school_year": draft.school_year}
        )
    if problems:
        raise ActionRefused("; ".join(problems))


@transaction.atomic
def open_campaign(owner: Unit, draft: CampaignDraft, *, by: Any) -> Campaign:
    """An office head opens a campaign for the units below the office."""
    if not policy.leads_office(by, owner):
        raise ActionRefused(_("Chỉ lãnh đạo đơn vị được mở đợt đánh giá."))
    _check(owner, draft, by)
    campaign = Campaign.objects.create(
        owner=owner,
        name=draft.name.strip(),
        school_year=draft.school_year,
        audience=draft.audience,
        framework_id=draft.framework_id,
        framework_version=draft.framework_version,
        submit_by=draft.submit_by,
        review_by=draft.review_by,
        publish_by=draft.publish_by,
        rollup_source=draft.rollup_source,
        review_modes=dict(default_review_modes(owner)),
    )
    record(
        by,
        "campaign.open",
        campaign,
        after={
            "name": campaign.name,
            "school_year": campaign.school_year,
            "audience": campaign.audience,
            "framework": f"{campaign.framework_id}@{campaign.framework_version}",
        },
    )
    return campaign


@transaction.atomic
def set_open(campaign: Campaign, *, is_open: bool, by: Any) -> Campaign:
    """Close a campaign (no new drafts; existing ones go on) or open it again."""
    if not policy.leads_office(by, campaign.owner):
        raise ActionRefused(_("Chỉ lãnh đạo đơn vị mở đợt được đóng hoặc mở lại đợt."))
    if campaign.is_open != is_open:
        record(
            by,
            "campaign.open" if is_open else "campaign.close",
            campaign,
            before={"is_open": campaign.is_open},
            after={"is_open": is_open},
        )
        campaign.is_open = is_open
        campaign.save(update_fields=["is_open"])
    return campaign


# The institution types a commune manages (Nghị định 142/2025/NĐ-CP): whose results the review
# setting is about.
COMMUNE_TYPES = (
    Unit.InstitutionType.MN,
    Unit.InstitutionType.TH,
    Unit.InstitutionType.THCS,
    Unit.InstitutionType.TH_THCS,
    Unit.InstitutionType.LIEN_CAP,
)


def default_review_modes(owner: Unit) -> dict[str, str]:
    """The province's default for a new campaign of `owner` (its own, or its Sở's)."""
    for unit in [owner, *Unit.objects.filter(pk__in=owner.ancestor_ids[::-1])]:
        if unit.kind == Unit.Kind.DEPARTMENT:
            return dict(unit.review_modes or {})
    return {}


def parse_review_modes(data: Any) -> dict[str, str]:
    """The form's choices ("mode_TH" → "so"); an unknown choice is refused with its type."""
    modes, problems = {}, []
    for kind in COMMUNE_TYPES:
        value = str(data.get(f"mode_{kind}", "") or ReviewMode.COMMUNE)
        if value not in ReviewMode.values:
            problems.append(
                _("Loại hình %(kind)s: cách thẩm định không hợp lệ") % {"kind": kind.label}
            )
        modes[str(kind)] = value
    if problems:
        raise ActionRefused("; ".join(problems))
    return modes


@transaction.atomic
def set_review_modes(campaign: Campaign, modes: dict[str, str], *, by: Any) -> Campaign:
    """Who reviews and recognises the commune-managed schools' results in this campaign: set by
    the head of the office that owns it."""
    if not policy.leads_office(by, campaign.owner):
        raise ActionRefused(_("Chỉ lãnh đạo đơn vị mở đợt được đặt cách thẩm định, công nhận."))
    if campaign.audience != Campaign.Audience.INSTITUTIONS:
        raise ActionRefused(
            _("Cách thẩm định theo loại hình chỉ áp dụng cho đợt của cơ sở giáo dục.")
        )
    save_changes(by, "campaign.review_modes", campaign, {"review_modes": modes})
    return campaign


@transaction.atomic
def set_default_review_modes(province: Unit, modes: dict[str, str], *, by: Any) -> Unit:
    """The Sở's default for its new campaigns (those already open keep theirs)."""
    if province.kind != Unit.Kind.DEPARTMENT or not policy.leads_office(by, province):
        raise ActionRefused(_("Chỉ lãnh đạo Sở đặt được mặc định cho các đợt mới."))
    save_changes(by, "unit.review_modes", province, {"review_modes": modes})
    return province
