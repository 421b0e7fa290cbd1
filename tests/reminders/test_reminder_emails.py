"""Reminder emails before and after the submission deadline, received by a real local SMTP
server (aiosmtpd): the right people, in Vietnamese, never twice a day, not to those who opted out."""

from __future__ import annotations

import datetime as dt
import io
import socket

from django.core.management import call_command

from chiso.assessments import actions
from chiso.audit.models import AuditEntry
from chiso.reminders import services
from chiso.reminders.models import Sent
from tests.conftest import PASSWORD, fill

DEADLINE = dt.date(2025, 5, 31)  # the world's campaign


def test_three_days_before_the_deadline_units_not_submitted_get_a_vietnamese_email(
    world, inbox, addresses
):
    actions.submit(fill(world.assessments["school"], world.users["head"]), by=world.users["head"])
    sent = services.send_due(DEADLINE - dt.timedelta(days=3))
    assert sent == len(inbox.received) > 0
    # Chu Văn An submitted: neither its member nor its head is reminded; Lê Lợi's head is.
    assert inbox.to(addresses["head"]) == [] and inbox.to(addresses["member"]) == []
    [(subject, body)] = inbox.to(addresses["sibling_head"])
    assert subject == "[chiso] Còn 3 ngày đến hạn nộp tự đánh giá — Trường THCS Lê Lợi"
    assert (
        "Trường THCS Lê Lợi chưa nộp bản tự đánh giá trong đợt «Đánh giá CĐS (2024-2025)»." in body
    )
    assert "Hạn nộp là ngày 31 tháng 05 năm 2025, còn 3 ngày." in body
    assert "https://chiso.example.vn/tai-khoan/nhac-han/" in body
    # Office staff are not sent the schools' reminders.
    for office_user in ("reviewer", "office_head", "so_head", "admin"):
        assert inbox.to(addresses[office_user]) == []


def test_the_same_reminder_is_never_sent_twice_on_one_day_and_not_on_other_days(
    world, inbox, addresses
):
    day = DEADLINE - dt.timedelta(days=7)
    first = services.send_due(day)
    assert first > 0
    assert services.send_due(day) == 0
    assert services.send_due(DEADLINE - dt.timedelta(days=5)) == 0  # not a reminder day
    assert len(inbox.received) == first == Sent.objects.count()


def test_the_day_after_the_deadline_the_email_says_it_is_late(world, inbox, addresses):
    services.send_due(DEADLINE + dt.timedelta(days=1))
    [(subject, body)] = inbox.to(addresses["sibling_head"])
    assert subject == "[chiso] Đã quá hạn nộp tự đánh giá 1 ngày — Trường THCS Lê Lợi"
    assert "đã quá 1 ngày" in body


def test_a_user_who_turned_reminders_off_gets_none(client, world, inbox, addresses):
    assert client.login(username="sibling_head", password=PASSWORD)
    page = client.get("/tai-khoan/nhac-han/").content.decode()
    assert 'name="emails" value="1" checked' in page
    client.post("/tai-khoan/nhac-han/", {})  # the box unticked
    assert "đang tắt" in client.get("/").content.decode()
    services.send_due(DEADLINE - dt.timedelta(days=1))
    assert inbox.to(addresses["sibling_head"]) == []
    assert inbox.to(addresses["head"])  # the others still get theirs
    assert AuditEntry.objects.filter(verb="reminders.emails").count() == 1


def test_an_office_reminds_all_its_late_units_in_one_action(client, world, inbox, addresses):
    actions.submit(fill(world.assessments["school"], world.users["head"]), by=world.users["head"])
    assert client.login(username="reviewer", password=PASSWORD)
    phong = world.units["phong_a"]
    answer = client.post(
        f"/don-vi/{phong.pk}/nhac-han/", {"dot": world.campaign.pk}, follow=True
    ).content.decode()
    assert "Đã nhắc 1 đơn vị quá hạn nộp: gửi 1 email." in answer
    assert [rcpt for rcpt, _s, _b in inbox.received] == [[addresses["sibling_head"]]]
    [(subject, body)] = inbox.to(addresses["sibling_head"])
    assert "Đã quá hạn nộp" in subject
    assert "Phòng GDĐT A1 đề nghị đơn vị hoàn thành và nộp sớm." in body
    entry = AuditEntry.objects.get(verb="reminders.late_units")
    assert entry.after["units"] == 1 and entry.after["emails"] == 1


def test_a_school_cannot_send_an_office_reminder(client, world, inbox, addresses):
    assert client.login(username="head", password=PASSWORD)
    phong = world.units["phong_a"]
    response = client.post(f"/don-vi/{phong.pk}/nhac-han/", {"dot": world.campaign.pk})
    assert response.status_code == 404
    assert inbox.received == []


def test_the_daily_command_sends_the_days_reminders(world, inbox, addresses):
    out = io.StringIO()
    call_command("send_reminders", ngay="2025-05-30", stdout=out)
    assert out.getvalue().strip() == f"Đã gửi {len(inbox.received)} email nhắc hạn."
    assert inbox.to(addresses["sibling_head"])


def test_the_home_page_says_how_far_the_deadline_is(client, world):
    today = dt.date(2025, 5, 28)
    assert services.notice(DEADLINE, None, today) == (
        "Còn 3 ngày đến hạn nộp (ngày 31 tháng 05 năm 2025)."
    )
    assert (
        services.notice(DEADLINE, None, DEADLINE)
        == "Hôm nay là hạn nộp (ngày 31 tháng 05 năm 2025)."
    )
    assert services.notice(DEADLINE, None, dt.date(2025, 3, 1)) == ""  # still far
    submitted = actions.submit(
        fill(world.assessments["school"], world.users["head"]), by=world.users["head"]
    )
    assert services.notice(DEADLINE, submitted, today) == ""
    assert client.login(username="sibling_head", password=PASSWORD)
    assert "Đã quá hạn nộp" in client.get("/").content.decode()  # 2025-05-31 is long gone


def test_an_unreachable_mail_server_is_said_in_words_and_nothing_is_recorded(
    client, world, addresses, settings
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens there once the probe is closed
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    assert client.login(username="reviewer", password=PASSWORD)
    phong = world.units["phong_a"]
    answer = client.post(f"/don-vi/{phong.pk}/nhac-han/", {"dot": world.campaign.pk}, follow=True)
    assert answer.status_code == 200
    assert "Không gửi được email nhắc hạn: máy chủ thư chưa sẵn sàng" in answer.content.decode()
    assert not Sent.objects.exists()
    assert not AuditEntry.objects.filter(verb="reminders.late_units").exists()
