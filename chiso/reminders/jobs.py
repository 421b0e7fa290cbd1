"""The day's reminder emails as a background job: started by an office's head or administrator
from the office's list, or queued each morning by a scheduler (`send_reminders --hang-doi`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from chiso.jobs import runner
from chiso.jobs.models import Job
from chiso.jobs.registry import JobFailed, Outcome, job
from chiso.reminders import services
from chiso.reminders.models import Sent
from chiso.units import policy
from chiso.units.models import Unit

KIND = "reminders_due"


def can_start(user: Any, office: Unit) -> bool:
    """An office's head or administrator (or one above it) sends its units' reminders."""
    return office.is_office and policy.leads_office(user, office)


def start(office: Unit, *, by: Any, day: dt.date | None = None) -> Job:
    """Queue the day's reminders of the units below `office`; refused to anyone else."""
    if not can_start(by, office):
        raise PermissionError
    day = day or timezone.localdate()
    title = _("Gửi email nhắc hạn %(day)s — %(office)s") % {
        "day": services.long_date(day),
        "office": office.name,
    }
    return runner.submit(KIND, owner=by, unit=office, title=title, params={"day": day.isoformat()})


@job(KIND)
def send_due(job_: Job, progress: runner.Progress) -> Outcome:
    day = dt.date.fromisoformat(job_.params["day"])
    dues = services.due_today(day, under=job_.unit)
    progress(0, len(dues))
    try:
        emails = services.send(dues, day)
    except services.MailUnavailable as exc:
        raise JobFailed(str(exc)) from exc
    progress(len(dues), len(dues))
    kinds = dict(Sent.Kind.choices)
    rows = [
        [
            "updated",
            due.unit.name,
            str(due.campaign),
            services.long_date(due.deadline),
            str(kinds[kind]),
        ]
        for due, kind in dues
    ]
    return Outcome(
        _("Đã gửi %(emails)s email nhắc hạn cho %(units)s đơn vị chưa nộp.")
        % {"emails": emails, "units": len(dues)},
        summary={
            "columns": [_("Đơn vị"), _("Đợt"), _("Hạn nộp"), _("Nhắc")],
            "rows": rows[:300],
            "truncated": max(0, len(rows) - 300),
        },
    )
