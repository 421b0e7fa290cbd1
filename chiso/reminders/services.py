"""Reminders of the submission deadline: which units are due one, the emails, the home notice.

A unit is reminded while its assessment is not submitted (none yet, a draft, or returned):
7, 3 and 1 days before its deadline, then the day after the deadline and every week after that.
An office may also remind all its late units at once. Nobody gets the same reminder twice a day,
and whoever turned reminder emails off gets none (the home page still says it).
"""

from __future__ import annotations

import datetime as dt
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from chiso.assessments import queries
from chiso.assessments.models import Assessment, Campaign
from chiso.audit import record
from chiso.reminders.models import Preference, Sent
from chiso.units import policy
from chiso.units.models import Unit, tree_order

REMIND_BEFORE = (7, 3, 1)  # days before the deadline
LATE_EVERY = 7  # after the deadline: the next day, then every week
NOTICE_FROM = 14  # the home page speaks of a deadline from this many days before
PENDING = (Assessment.Status.DRAFT, Assessment.Status.RETURNED)


class MailUnavailable(Exception):
    """The mail server refused or could not be reached; the message says so in Vietnamese."""


@dataclass(frozen=True)
class Due:
    """A unit that has not submitted in a campaign, with its deadline."""

    unit: Unit
    campaign: Campaign
    deadline: dt.date
    assessment: Assessment | None

    def days_left(self, today: dt.date) -> int:
        return (self.deadline - today).days


def long_date(day: dt.date) -> str:
    """ "ngày 16 tháng 02 năm 2023", as documents and letters write dates."""
    return _("ngày %(d)s tháng %(m)s năm %(y)s") % {
        "d": f"{day.day:02d}",
        "m": f"{day.month:02d}",
        "y": day.year,
    }


def pending_units(campaign: Campaign, office: Unit | None = None) -> list[Due]:
    """The units below `office` (the campaign's owner by default) that have not submitted and
    have a deadline, in the tree's order."""
    units = sorted(queries.assessed_units(office or campaign.owner, campaign), key=tree_order)
    assessments = {
        a.unit_id: a
        for a in Assessment.objects.filter(campaign=campaign, unit__in=[u.pk for u in units])
    }
    overrides = queries.deadlines_for(campaign)
    out = []
    for unit in units:
        assessment = assessments.get(unit.pk)
        if assessment is not None and assessment.status not in PENDING:
            continue
        deadline = queries.submit_deadline(campaign, unit, overrides)
        if deadline is not None:
            out.append(Due(unit, campaign, deadline, assessment))
    return out


def kind_today(due: Due, today: dt.date) -> str | None:
    """Which scheduled reminder a unit is due today, if any."""
    left = due.days_left(today)
    if left in REMIND_BEFORE:
        return Sent.Kind.BEFORE
    if left < 0 and (-left - 1) % LATE_EVERY == 0:
        return Sent.Kind.LATE
    return None


def recipients(unit: Unit) -> list[Any]:
    """The people who fill in and submit a unit's assessment, with an email, who want emails."""
    roles = policy.INSTITUTION_ROLES if unit.kind == Unit.Kind.INSTITUTION else policy.OFFICE_ROLES
    return list(
        get_user_model()
        .objects.filter(memberships__unit=unit, memberships__role__in=roles, is_active=True)
        .exclude(email="")
        .exclude(reminder_preference__emails=False)
        .distinct()
        .order_by("username")
    )


def emails_on(user: Any) -> bool:
    preference = Preference.objects.filter(user=user).first()
    return preference is None or preference.emails


@transaction.atomic
def set_emails(user: Any, on: bool) -> None:
    """Turn a user's reminder emails on or off (audited)."""
    before = emails_on(user)
    Preference.objects.update_or_create(user=user, defaults={"emails": on})
    if before != on:
        record(user, "reminders.emails", user, before={"emails": before}, after={"emails": on})


def _message(user: Any, due: Due, today: dt.date, kind: str, office: Unit | None) -> EmailMessage:
    left = due.days_left(today)
    values = {
        "name": user.get_full_name() or user.username,
        "unit": due.unit.name,
        "campaign": str(due.campaign),
        "deadline": long_date(due.deadline),
        "days": abs(left),
        "office": office.name if office else "",
    }
    with override(settings.LANGUAGE_CODE):
        if left >= 0:
            subject = _("[chiso] Còn %(days)s ngày đến hạn nộp tự đánh giá — %(unit)s") % values
            when = _("Hạn nộp là %(deadline)s, còn %(days)s ngày.") % values
        else:
            subject = _("[chiso] Đã quá hạn nộp tự đánh giá %(days)s ngày — %(unit)s") % values
            when = _("Hạn nộp là %(deadline)s, đã quá %(days)s ngày.") % values
        state = (
            due.assessment.get_status_display() if due.assessment is not None else _("chưa bắt đầu")
        )
        lines = [
            _("Kính gửi %(name)s,") % values,
            "",
            _("%(unit)s chưa nộp bản tự đánh giá trong đợt «%(campaign)s».") % values,
            when,
            _("Tình trạng hiện nay: %(state)s.") % {"state": state},
        ]
        if kind == Sent.Kind.OFFICE:
            lines.append(_("%(office)s đề nghị đơn vị hoàn thành và nộp sớm.") % values)
        place = due.assessment.get_absolute_url() if due.assessment else reverse("web:home")
        lines += [
            "",
            _("Mở bản đánh giá: %(url)s") % {"url": settings.SITE_URL + place},
            "",
            _(
                "Bạn nhận thư này vì có vai trò ở đơn vị trên chiso. Không muốn nhận thư nhắc "
                "hạn nữa: %(url)s"
            )
            % {"url": settings.SITE_URL + reverse("reminders:settings")},
        ]
    return EmailMessage(subject, "\n".join(lines), to=[user.email])


def send(dues: Iterable[tuple[Due, str]], today: dt.date, office: Unit | None = None) -> int:
    """Email everyone due a reminder who has not had it today; record what went out."""
    outgoing: list[tuple[Sent, EmailMessage]] = []
    for due, kind in dues:
        already = set(
            Sent.objects.filter(
                campaign=due.campaign, unit=due.unit, kind=kind, day=today
            ).values_list("user_id", flat=True)
        )
        for user in recipients(due.unit):
            if user.pk not in already:
                sent = Sent(user=user, campaign=due.campaign, unit=due.unit, kind=kind, day=today)
                outgoing.append((sent, _message(user, due, today, kind, office)))
    if not outgoing:
        return 0
    try:
        with get_connection() as connection:
            connection.send_messages([message for _sent, message in outgoing])
    except (OSError, smtplib.SMTPException) as exc:
        raise MailUnavailable(
            _("Không gửi được email nhắc hạn: máy chủ thư chưa sẵn sàng (%(why)s). Chưa gửi gì.")
            % {"why": exc}
        ) from exc
    Sent.objects.bulk_create([sent for sent, _message in outgoing], ignore_conflicts=True)
    return len(outgoing)


def due_today(today: dt.date, under: Unit | None = None) -> list[tuple[Due, str]]:
    """Every open campaign's units (below `under`, if given) due a scheduled reminder today."""
    dues = []
    for campaign in Campaign.objects.filter(is_open=True).select_related("owner"):
        if under is not None and not (
            campaign.owner.is_within(under) or under.is_within(campaign.owner)
        ):
            continue
        for due in pending_units(campaign):
            if under is not None and not due.unit.is_within(under):
                continue
            kind = kind_today(due, today)
            if kind is not None:
                dues.append((due, kind))
    return dues


def send_due(today: dt.date | None = None, under: Unit | None = None) -> int:
    """The daily round: every open campaign's units due a scheduled reminder today (below
    `under`, if given); returns the number of emails sent."""
    today = today or timezone.localdate()
    return send(due_today(today, under), today)


def can_remind(user: Any, office: Unit) -> bool:
    """Reviewers and heads of an office (or above it) remind its units."""
    return policy.works_for_office(user, office)


def remind_late(office: Unit, campaign: Campaign, *, by: Any) -> tuple[int, int]:
    """An office reminds all its late units at once: (units, emails sent), audited."""
    if not can_remind(by, office):
        raise PermissionError
    today = timezone.localdate()
    late = [d for d in pending_units(campaign, office) if d.days_left(today) < 0]
    with transaction.atomic():
        emails = send(((due, Sent.Kind.OFFICE) for due in late), today, office)
        record(
            by,
            "reminders.late_units",
            office,
            after={"campaign": campaign.pk, "units": len(late), "emails": emails},
        )
    return len(late), emails


def notice(deadline: dt.date | None, assessment: Assessment | None, today: dt.date) -> str:
    """The home page's line about a unit's deadline while it has not submitted ("" if none)."""
    if deadline is None or (assessment is not None and assessment.status not in PENDING):
        return ""
    left = (deadline - today).days
    values = {"days": abs(left), "deadline": long_date(deadline)}
    if left < 0:
        return (
            _("Đã quá hạn nộp %(days)s ngày (hạn: %(deadline)s): hãy hoàn thành và nộp sớm.")
            % values
        )
    if left == 0:
        return _("Hôm nay là hạn nộp (%(deadline)s).") % values
    if left <= NOTICE_FROM:
        return _("Còn %(days)s ngày đến hạn nộp (%(deadline)s).") % values
    return ""
