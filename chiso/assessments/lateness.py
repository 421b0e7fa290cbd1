"""Whether a unit submitted after its deadline (or has not yet submitted past it), in words."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from chiso.assessments import queries
from chiso.assessments.models import Assessment


def deadline(assessment: Assessment) -> dt.date | None:
    """The unit's submit-by date in its campaign (the nearest office's, else the campaign's)."""
    return queries.submit_deadline(
        assessment.campaign, assessment.unit, queries.deadlines_for(assessment.campaign)
    )


def days_late(assessment: Assessment, *, today: dt.date | None = None) -> int:
    """Days past the unit's submit-by date: at its latest submission, or today while it is still
    to be submitted; 0 when on time or without a deadline."""
    due = deadline(assessment)
    if due is None:
        return 0
    if assessment.submitted_at is not None and not assessment.is_editable:
        day = timezone.localdate(assessment.submitted_at)
    elif assessment.is_editable:
        day = today or timezone.localdate()
    else:
        return 0
    return max(0, (day - due).days)


def late_text(assessment: Assessment) -> str:
    """«Nộp muộn 22 ngày (hạn 31/05/2025)», «Quá hạn nộp 3 ngày», or "" when on time."""
    days = days_late(assessment)
    if not days:
        return ""
    if assessment.is_editable:
        return _("Quá hạn nộp %(days)s ngày") % {"days": days}
    return _("Nộp muộn %(days)s ngày") % {"days": days}
