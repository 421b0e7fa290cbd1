"""A user's choice about reminder emails; an office reminding all its late units at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chiso.assessments.models import Campaign
from chiso.reminders import jobs, services
from chiso.units import policy


@login_required
def preference(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        on = request.POST.get("emails") == "1"
        services.set_emails(request.user, on)
        messages.success(
            request,
            _("Đã bật email nhắc hạn.") if on else _("Đã tắt email nhắc hạn."),
        )
        return redirect("reminders:settings")
    return render(
        request,
        "reminders/settings.html",
        {"emails": services.emails_on(request.user), "address": request.user.email},
    )


@login_required
@require_POST
def remind_late(request: HttpRequest, pk: int) -> HttpResponse:
    office = policy.get_unit_for_user(request.user, pk)
    if not office.is_office or not services.can_remind(request.user, office):
        raise Http404
    campaign = Campaign.objects.filter(pk=_int(request.POST.get("dot"))).first()
    if campaign is None:
        raise Http404
    back = f"/don-vi/{office.pk}/?dot={campaign.pk}&trang_thai=overdue"
    try:
        units, emails = services.remind_late(office, campaign, by=request.user)
    except services.MailUnavailable as exc:
        messages.error(request, str(exc))
        return redirect(back)
    if not units:
        messages.info(request, _("Không có đơn vị nào quá hạn nộp."))
    else:
        messages.success(
            request,
            _("Đã nhắc %(units)s đơn vị quá hạn nộp: gửi %(emails)s email.")
            % {"units": units, "emails": emails}
            + ("" if emails else " " + _("(Hôm nay đã nhắc rồi, hoặc các đơn vị chưa có email.)")),
        )
    return redirect(back)


@login_required
@require_POST
def send_due(request: HttpRequest, pk: int) -> HttpResponse:
    """An office's head starts the day's reminders of its units as a background job."""
    office = policy.get_unit_for_user(request.user, pk)
    if not jobs.can_start(request.user, office):
        raise Http404
    job = jobs.start(office, by=request.user)
    return redirect(job.get_absolute_url())


def _int(text: str | None) -> int | None:
    try:
        return int(text or "")
    except ValueError:
        return None
