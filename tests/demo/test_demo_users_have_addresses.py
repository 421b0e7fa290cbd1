"""Every user of the demo province has an email address on a reserved domain, so the demo's
reminder emails have someone to reach and never leave the machine."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from chiso.demo.management.commands.seed_demo import MAIL_DOMAIN
from chiso.reminders import services
from chiso.units.models import Unit


def test_every_demo_user_has_an_address_of_their_own_on_a_reserved_domain(db):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert MAIL_DOMAIN.endswith(".example")  # RFC 2606: never delivered
    users = get_user_model().objects.all()
    addresses = [u.email for u in users]
    assert addresses and all(
        a == f"{u.username}@{MAIL_DOMAIN}" for u, a in zip(users, addresses, strict=True)
    )
    assert len(set(addresses)) == len(addresses)
    assert f"<tên đăng nhập>@{MAIL_DOMAIN}" in out.getvalue()
    # The featured school's head is among those its reminders reach.
    school = Unit.objects.get(code="DK-TH-03")
    assert f"hungdao.hieutruong@{MAIL_DOMAIN}" in [u.email for u in services.recipients(school)]
